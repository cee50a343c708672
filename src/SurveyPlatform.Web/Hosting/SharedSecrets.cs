using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Hosting;

/// <summary>
/// The platform's own secret keys (the key of one-time code fingerprints), one per name for
/// every instance: kept in the database sealed under the key ring (<see cref="KeyRing"/>), so that a copy of the
/// database alone cannot test guessed codes (docs/anonymity.md rule 5) once the key ring is protected by a certificate.
/// An installation that kept a key as a file in <c>{DataDirectory}/keys</c> brings that key in on its first start.
/// </summary>
public sealed class SharedSecrets(IDbContextFactory<SurveyDbContext> dbFactory, IDataProtectionProvider dataProtection, string keysDirectory)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("SurveyPlatform.SharedSecrets");

    /// <summary>The 32-byte secret <paramref name="name"/>: read, or made (from <paramref name="legacyFile"/> when it exists) and stored.</summary>
    public byte[] GetOrCreate(string name, string legacyFile)
    {
        var key = "secret:" + name;
        using var db = dbFactory.CreateDbContext();
        if (db.SharedValues.AsNoTracking().FirstOrDefault(v => v.Name == key) is { } stored)
            return _protector.Unprotect(stored.Value);

        var path = Path.Combine(keysDirectory, legacyFile);
        var secret = File.Exists(path) ? File.ReadAllBytes(path) : RandomNumberGenerator.GetBytes(32);
        if (secret.Length != 32)
            throw new KeyRingException($"The key file {path} is damaged (it must hold 32 bytes).");
        db.SharedValues.Add(new SharedValue { Name = key, Value = _protector.Protect(secret) });
        try
        {
            db.SaveChanges();
            return secret;
        }
        catch (DbUpdateException)
        {
            // Another instance stored it first (two first starts at once): use theirs.
            using var again = dbFactory.CreateDbContext();
            return _protector.Unprotect(again.SharedValues.AsNoTracking().First(v => v.Name == key).Value);
        }
    }
}
