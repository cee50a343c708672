using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

/// <summary>One key ring in the database: encrypted with the configured certificate, and the keys of an installation that kept them as files brought in.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task With_a_certificate_the_keys_in_the_database_are_encrypted_and_no_key_file_is_written()
    {
        await using var factory = new PlatformFactory();
        var certificate = Path.Combine(Directory.CreateTempSubdirectory("sp-cert-").FullName, "keys.pfx");
        using (var rsa = RSA.Create(3072))
        {
            var request = new CertificateRequest("CN=SurveyPlatform keys", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(10));
            await File.WriteAllBytesAsync(certificate, made.Export(X509ContentType.Pfx, "secret words"));
        }
        factory.With("Keys:CertificatePath", certificate).With("Keys:CertificatePassword", "secret words");

        var sealedText = factory.Service<IDataProtectionProvider>().CreateProtector("test").Protect("hello");

        await using var db = await factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        Assert.All(keys, xml =>
        {
            Assert.Contains("encryptedSecret", xml);
            Assert.DoesNotContain("<value>", xml);
        });
        Assert.False(Directory.Exists(Path.Combine(factory.DataDirectory, "keys")) && Directory.EnumerateFiles(Path.Combine(factory.DataDirectory, "keys")).Any());
        Assert.Equal("hello", factory.Service<IDataProtectionProvider>().CreateProtector("test").Unprotect(sealedText));
        Assert.DoesNotContain("Keys:CertificatePath is not set", factory.Logs.All);
    }

    [Fact]
    public async Task Without_a_certificate_start_up_warns_that_the_keys_are_unprotected()
    {
        await using var factory = new PlatformFactory();
        _ = factory.Services;
        Assert.Contains("Keys:CertificatePath is not set", factory.Logs.All);
    }

    [Fact]
    public async Task An_installation_with_key_files_keeps_its_sealed_data_and_code_key_after_the_upgrade()
    {
        await using var factory = new PlatformFactory();
        var keys = Path.Combine(factory.DataDirectory, "keys");
        Directory.CreateDirectory(keys);
        // What an earlier release left in the data folder: a file key ring and the key of one-time codes.
        var old = DataProtectionProvider.Create(new DirectoryInfo(keys), b => b.SetApplicationName("SurveyPlatform"));
        var sealedBefore = old.CreateProtector("upgrade").Protect("sealed before the upgrade");
        var codeKey = RandomNumberGenerator.GetBytes(32);
        await File.WriteAllBytesAsync(Path.Combine(keys, "run-codes.key"), codeKey);

        var runId = Guid.NewGuid();
        Assert.Equal("sealed before the upgrade", factory.Service<IDataProtectionProvider>().CreateProtector("upgrade").Unprotect(sealedBefore));
        Assert.Equal(HMACSHA256.HashData(codeKey, Encoding.UTF8.GetBytes($"{runId:N}:ABCDE12345")), factory.Service<RunCodeHasher>().Hash(runId, "abcde-12345"));
        Assert.Contains("key files that now live in the database", factory.Logs.All);

        await using var db = await factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Contains(await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(), n => n!.StartsWith("key-", StringComparison.Ordinal));
        Assert.Contains(await db.SharedValues.Select(v => v.Name).ToListAsync(), n => n == "secret:run-codes");
    }
}
