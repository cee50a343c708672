using System.Net;
using SurveyPlatform.Data;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Anonymity;

/// <summary>
/// The data folder is the account's own (docs/anonymity.md, "Logs, URLs and files on disk"): another account on the
/// server may not list it nor read the database, its log, the keys or a backup. Checked on the files a real server makes
/// in a folder that did not exist, after a response and a backup.
/// </summary>
public sealed class FilePermissionTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_data_folder_is_0700_and_every_file_in_it_0600_when_created()
    {
        if (OperatingSystem.IsWindows())
            return; // Unix modes only
        Assert.False(Directory.Exists(_factory.DataDirectory));
        using var client = _factory.CreateBrowser();
        var respondent = await new Respondent(client, "community-trust").OpenAsync(lang: "en");
        await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim);
        Assert.Equal(HttpStatusCode.SeeOther, respondent.Status);
        var backup = Path.Combine(_factory.DataDirectory, "backups", "survey.db");
        DataFolder.Create(Path.GetDirectoryName(backup)!);
        DatabaseBackup.Backup($"Data Source={_factory.DatabasePath}", backup);

        var folders = Directory.GetDirectories(_factory.DataDirectory, "*", SearchOption.AllDirectories).Append(_factory.DataDirectory).ToList();
        var files = Directory.GetFiles(_factory.DataDirectory, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("surveyplatform.db-wal", StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith("surveyplatform.db-shm", StringComparison.Ordinal));
        // The platform's keys are in the database (KeyRing, SharedSecrets), not in files beside it.
        Assert.DoesNotContain(files, f => f.EndsWith(".key", StringComparison.Ordinal) || Path.GetFileName(f).StartsWith("key-", StringComparison.Ordinal));
        Assert.Contains(backup, files);
        foreach (var folder in folders)
            Assert.True(File.GetUnixFileMode(folder) == DataFolder.FolderMode, $"{folder} is {File.GetUnixFileMode(folder)}");
        foreach (var file in files)
            Assert.True(File.GetUnixFileMode(file) == DataFolder.FileMode, $"{Path.GetRelativePath(_factory.DataDirectory, file)} is {File.GetUnixFileMode(file)}");
    }
}
