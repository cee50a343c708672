using System.Security.Cryptography;

namespace SurveyPlatform.Web.Hosting;

/// <summary>
/// A secret key of the platform in the keys folder of the data directory (next to the data-protection key ring,
/// apart from the database): made of random bytes the first time it is needed, read as it is afterwards.
/// </summary>
public static class KeyFile
{
    public static byte[] ReadOrCreate(string keysDirectory, string name, string purpose)
    {
        Directory.CreateDirectory(keysDirectory);
        var path = Path.Combine(keysDirectory, name);
        if (!File.Exists(path))
        {
            try
            {
                using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                file.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process created it first; use theirs.
            }
        }
        var key = File.ReadAllBytes(path);
        return key.Length == 32 ? key : throw new InvalidOperationException($"The {purpose} key {path} is damaged (it must hold 32 bytes).");
    }
}
