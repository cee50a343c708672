using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data;

namespace SurveyPlatform.Web.Hosting;

/// <summary>The <c>Keys</c> configuration section: the certificate that encrypts the key ring kept in the database.</summary>
public sealed class KeysOptions
{
    public const string Section = "Keys";
    /// <summary>A certificate with its private key: a <c>.pfx</c>/<c>.p12</c> file, or a <c>.pem</c> file. Empty = keys stored unencrypted.</summary>
    public string CertificatePath { get; set; } = "";
    /// <summary>The password of a <c>.pfx</c> file (better given as the environment variable <c>Keys__CertificatePassword</c>).</summary>
    public string CertificatePassword { get; set; } = "";
    /// <summary>The private key of a <c>.pem</c> certificate, when it is in a file of its own.</summary>
    public string CertificateKeyPath { get; set; } = "";
    /// <summary>Certificates used before a change of certificate: they still decrypt the keys they protected, and never encrypt.</summary>
    public string[] PreviousCertificatePaths { get; set; } = [];

    public bool IsProtected => CertificatePath.Length > 0;
}

/// <summary>
/// One data-protection key ring for every instance, kept in the database (docs/architecture.md, "Many instances, one
/// database"): sign-in cookies, anti-forgery tokens, respondent state and the platform's sealed secrets
/// (<see cref="SharedSecrets"/>) work on any instance. With <c>Keys:CertificatePath</c> the keys are encrypted with that
/// certificate, so a copy of the database alone opens nothing; a backup is the database plus the certificate.
/// </summary>
public static class KeyRing
{
    public static void AddSharedKeyRing(this WebApplicationBuilder builder)
    {
        var keys = builder.Configuration.GetSection(KeysOptions.Section).Get<KeysOptions>() ?? new KeysOptions();
        builder.Services.AddSingleton(keys);
        var dataProtection = builder.Services.AddDataProtection()
            .SetApplicationName("SurveyPlatform")
            .PersistKeysToDbContext<SurveyDbContext>()
            // AES-GCM does in one pass what the default (AES-CBC then HMAC) does in two. Keys made before keep their own algorithm.
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
                ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
            });
        if (keys.IsProtected)
        {
            var current = LoadCertificate(keys.CertificatePath, keys.CertificatePassword, keys.CertificateKeyPath);
            var previous = keys.PreviousCertificatePaths.Select(p => LoadCertificate(p, keys.CertificatePassword, ""));
            dataProtection.ProtectKeysWithCertificate(current).UnprotectKeysWithAnyCertificate([current, .. previous]);
        }
    }

    public static X509Certificate2 LoadCertificate(string path, string password, string keyPath)
    {
        if (!File.Exists(path))
            throw new KeyRingException($"Keys:CertificatePath names {path}, which does not exist.");
        try
        {
            var certificate = path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
                ? X509Certificate2.CreateFromPemFile(path, keyPath.Length > 0 ? keyPath : null)
                : X509CertificateLoader.LoadPkcs12FromFile(path, password.Length > 0 ? password : null, X509KeyStorageFlags.EphemeralKeySet);
            return certificate.HasPrivateKey
                ? certificate
                : throw new KeyRingException($"The certificate {path} has no private key; the key ring needs it to read its keys back.");
        }
        catch (System.Security.Cryptography.CryptographicException e)
        {
            throw new KeyRingException($"The certificate {path} cannot be read ({e.Message.TrimEnd('.')}). Check the file and Keys:CertificatePassword.");
        }
    }

    /// <summary>
    /// Before the first use of the key ring: brings the keys of an installation that kept them as files
    /// (<c>{DataDirectory}/keys/key-*.xml</c>) into the database once, encrypted when a certificate is configured, so that
    /// sign-ins and forms in progress survive the upgrade. Warns when the keys are not protected.
    /// </summary>
    public static async Task PrepareAsync(IServiceProvider services, string keysDirectory, ILogger logger, CancellationToken ct = default)
    {
        var keys = services.GetRequiredService<KeysOptions>();
        if (!keys.IsProtected)
        {
            logger.LogWarning(
                "Keys:CertificatePath is not set: the key ring (sign-in cookies, respondent forms, the key of one-time codes) is stored " +
                "unencrypted in the database, and a copy of the database is enough to use it. Set Keys:CertificatePath to a certificate " +
                "(see README, Deploying) and keep that certificate apart from the database backups.");
        }

        var files = Directory.Exists(keysDirectory) ? Directory.GetFiles(keysDirectory, "key-*.xml") : [];
        if (files.Length == 0)
            return;
        var encryptor = services.GetRequiredService<IOptions<KeyManagementOptions>>().Value.XmlEncryptor;
        await using var db = await services.GetRequiredService<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync(ct);
        var known = (await db.DataProtectionKeys.Select(k => k.FriendlyName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var imported = 0;
        foreach (var file in files.Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(file);
            if (known.Contains(name))
                continue;
            var element = XElement.Load(file);
            if (encryptor is not null)
                element = Encrypt(element, encryptor);
            db.DataProtectionKeys.Add(new DataProtectionKey { FriendlyName = name, Xml = element.ToString(SaveOptions.DisableFormatting) });
            imported++;
        }
        if (imported > 0)
        {
            await db.SaveChangesAsync(ct);
            logger.LogWarning("Moved {Count} data-protection keys from {Folder} into the database{Encrypted}.", imported, keysDirectory,
                encryptor is null ? "" : ", encrypted with the configured certificate");
        }
        logger.LogWarning(
            "{Folder} still holds {Count} key files that now live in the database; they are not encrypted. Delete the folder once a " +
            "backup of the database (and of the key certificate) exists.", keysDirectory, files.Length);
    }

    private static readonly XName RequiresEncryption = XName.Get("requiresEncryption", "http://schemas.asp.net/2015/03/dataProtection");

    /// <summary>
    /// Encrypts the parts of a key marked <c>requiresEncryption</c> the way the framework's key manager does when it
    /// writes a new key: each becomes an <c>encryptedSecret</c> naming its decryptor.
    /// </summary>
    public static XElement Encrypt(XElement key, Microsoft.AspNetCore.DataProtection.XmlEncryption.IXmlEncryptor encryptor)
    {
        var copy = new XElement(key);
        while (copy.DescendantsAndSelf().FirstOrDefault(e => (bool?)e.Attribute(RequiresEncryption) == true) is { } secret)
        {
            var encrypted = encryptor.Encrypt(new XElement(secret));
            secret.ReplaceWith(new XElement("encryptedSecret",
                new XAttribute("decryptorType", encrypted.DecryptorType.AssemblyQualifiedName!),
                encrypted.EncryptedElement));
        }
        return copy;
    }
}

/// <summary>A key setting that makes start-up impossible; its message says what to fix.</summary>
public sealed class KeyRingException(string message) : Exception(message);
