namespace SurveyPlatform.Data;

/// <summary>
/// The data folder and its files are private to the account the platform runs as (docs/anonymity.md, "Logs, URLs and
/// files on disk"): folders are made 0700 and files 0600 when they are created. SQLite gives its write-ahead log and
/// shared-memory files the mode of the database file, so making that file first, empty and private, makes all three
/// private. Existing folders and files are left as the deployer set them.
/// </summary>
public static class DataFolder
{
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Creates the folder (and missing parents) readable by this account only; an existing folder is kept as it is.</summary>
    public static void Create(string folder)
    {
        if (Directory.Exists(folder))
            return;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, FolderMode);
    }

    /// <summary>Creates an empty file readable by this account only, unless it exists (an empty file is an empty SQLite database).</summary>
    public static void CreatePrivateFile(string file)
    {
        if (File.Exists(file))
            return;
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = FileMode;
        try
        {
            using var _ = new FileStream(file, options);
        }
        catch (IOException) when (File.Exists(file))
        {
            // Made at the same moment by another process: theirs is as private as ours.
        }
    }
}
