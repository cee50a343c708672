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
        SurveyPlatform.Data.DataFolder.Create(keysDirectory); // 0700, like the data folder
        var path = Path.Combine(keysDirectory, name);
        if (!File.Exists(path))
        {
            // Written whole under another name, readable by this account only, then moved into place: a crash or a
            // second process never sees a half-written key.
            var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            using (var file = new FileStream(temporary, options))
            {
                file.Write(RandomNumberGenerator.GetBytes(32));
                file.Flush(flushToDisk: true);
            }
            try
            {
                File.Move(temporary, path, overwrite: false);
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(temporary); // another process made it first; use theirs
            }
        }
        var key = File.ReadAllBytes(path);
        return key.Length == 32 ? key : throw new InvalidOperationException($"The {purpose} key {path} is damaged (it must hold 32 bytes).");
    }
}
