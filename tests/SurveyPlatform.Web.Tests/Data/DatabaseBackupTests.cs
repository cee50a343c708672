using System.Net;
using System.Text;
using Microsoft.Data.Sqlite;
using SurveyPlatform.Data;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Data;

/// <summary>Online backups are consistent snapshots; a restore brings back exactly the backed-up content.</summary>
public sealed class DatabaseBackupTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("RateLimiting:Enabled", "false");
    private readonly string _folder = Directory.CreateTempSubdirectory("sp-backup-").FullName;

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    private string Live => $"Data Source={_factory.DatabasePath}";

    private async Task SubmitAsync(string comment)
    {
        var respondent = await new Respondent(_factory.CreateBrowser(), "community-trust").OpenAsync(lang: "en");
        await StandardAnswers.CompleteAsync(respondent, new Dictionary<string, string[]>(StandardAnswers.ForeignBornVictim) { ["comments"] = [comment] });
        Assert.Equal(HttpStatusCode.SeeOther, respondent.Status);
    }

    [Fact]
    public async Task A_backup_taken_while_respondents_submit_is_a_consistent_snapshot()
    {
        for (var i = 0; i < 5; i++)
            await SubmitAsync($"before {i}");
        using var load = new CancellationTokenSource();
        var submitted = 0;
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var i = 0; !load.IsCancellationRequested; i++)
            {
                await SubmitAsync($"during {w} {i}");
                Interlocked.Increment(ref submitted);
            }
        })).ToArray();
        while (Volatile.Read(ref submitted) < 10)
            await Task.Delay(10);

        var backups = new List<BackupSummary>();
        for (var i = 0; i < 3; i++)
            backups.Add(DatabaseBackup.Backup(Live, Path.Combine(_folder, $"online-{i}.db")));
        await load.CancelAsync();
        await Task.WhenAll(writers);

        var live = Tables.Dump(_factory.DatabasePath);
        foreach (var backup in backups)
        {
            var copy = Tables.Dump(backup.File);
            Assert.Equal(copy["Responses"].Count, copy["SubmissionReceipts"].Count); // never a response without its receipt
            Assert.Subset(live["Responses"].ToHashSet(), copy["Responses"].ToHashSet());
            Assert.True(copy["Responses"].Count >= 15, $"{copy["Responses"].Count} responses");
            Assert.Equal(backup.Responses, copy["Responses"].Count);
            Assert.Equal(live["Runs"], copy["Runs"]);
            Assert.Equal(live["__EFMigrationsHistory"], copy["__EFMigrationsHistory"]);
            Assert.False(File.Exists(backup.File + "-wal"));
        }
    }

    [Fact]
    public async Task Restoring_a_backup_brings_back_exactly_its_content_and_drops_later_changes()
    {
        for (var i = 0; i < 6; i++)
            await SubmitAsync($"kept {i}");
        var backup = DatabaseBackup.Backup(Live, Path.Combine(_folder, "survey.db"));
        var backedUp = Tables.Dump(backup.File);
        for (var i = 0; i < 3; i++)
            await SubmitAsync($"after the backup {i}");
        await _factory.StopAsync(); // restore with the server stopped
        Assert.Equal(9, Tables.Dump(_factory.DatabasePath)["Responses"].Count);

        var restored = DatabaseBackup.Restore(backup.File, Live);

        Assert.Equal(6, restored.Responses);
        Assert.Equal(backedUp, Tables.Dump(_factory.DatabasePath));
        // And into a new, empty place (a new server).
        var fresh = Path.Combine(_folder, "new", "surveyplatform.db");
        DatabaseBackup.Restore(backup.File, $"Data Source={fresh}");
        Assert.Equal(backedUp, Tables.Dump(fresh));
        await using var server = await ServerProcess.StartAsync(Path.GetDirectoryName(fresh)!);
        var page = await server.CreateBrowser().GetAsync("/s/community-trust");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task A_backup_carries_no_trace_of_deleted_responses()
    {
        await SubmitAsync("kept");
        await SubmitAsync("purged-marker-7f3a");
        await using (var connection = new SqliteConnection(Live))
        {
            await connection.OpenAsync();
            await using var delete = connection.CreateCommand();
            delete.CommandText = "DELETE FROM Responses WHERE AnswersJson LIKE '%purged-marker-7f3a%'; PRAGMA wal_checkpoint(TRUNCATE);";
            await delete.ExecuteNonQueryAsync();
        }

        var backup = DatabaseBackup.Backup(Live, Path.Combine(_folder, "clean.db"));

        Assert.Equal(1, backup.Responses);
        Assert.DoesNotContain("purged-marker-7f3a", Encoding.Latin1.GetString(await File.ReadAllBytesAsync(backup.File)));
    }

    [Fact]
    public async Task Bad_backup_files_are_refused_with_a_reason_and_the_database_is_left_alone()
    {
        await SubmitAsync("precious");
        await _factory.StopAsync();
        var before = Tables.Dump(_factory.DatabasePath);
        var text = Path.Combine(_folder, "notes.txt");
        await File.WriteAllTextAsync(text, new string('x', 10_000));
        var other = Path.Combine(_folder, "other.db");
        await using (var connection = new SqliteConnection($"Data Source={other};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE Things (Id INTEGER)";
            await create.ExecuteNonQueryAsync();
        }
        var damaged = Path.Combine(_folder, "damaged.db");
        var good = DatabaseBackup.Backup(Live, Path.Combine(_folder, "good.db"));
        var bytes = await File.ReadAllBytesAsync(good.File);
        for (var i = 4096; i < bytes.Length; i += 7)
            bytes[i] ^= 0x5a;
        await File.WriteAllBytesAsync(damaged, bytes);

        Assert.Contains("is not a SQLite database", Assert.Throws<BackupException>(() => DatabaseBackup.Restore(text, Live)).Message);
        Assert.Contains("missing tables: __EFMigrationsHistory, Runs, Responses, SubmissionReceipts",
            Assert.Throws<BackupException>(() => DatabaseBackup.Restore(other, Live)).Message);
        Assert.Matches("damaged|malformed", Assert.Throws<BackupException>(() => DatabaseBackup.Restore(damaged, Live)).Message);
        Assert.Contains("There is no file", Assert.Throws<BackupException>(() => DatabaseBackup.Restore(Path.Combine(_folder, "missing.db"), Live)).Message);
        Assert.Contains("already exists", Assert.Throws<BackupException>(() => DatabaseBackup.Backup(Live, good.File)).Message);
        Assert.Equal(before, Tables.Dump(_factory.DatabasePath));
    }
}

/// <summary>Every row of every table of a SQLite file, as text, in a stable order.</summary>
public static class Tables
{
    public static Dictionary<string, List<string>> Dump(string file)
    {
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name";
            using var reader = list.ExecuteReader();
            while (reader.Read())
                tables.Add(reader.GetString(0));
        }
        var dump = new Dictionary<string, List<string>>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            var rows = new List<string>();
            while (reader.Read())
            {
                rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL"
                    : reader.GetValue(i) is byte[] b ? Convert.ToHexString(b) : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
            }

            rows.Sort(StringComparer.Ordinal);
            dump[table] = rows;
        }
        return dump;
    }
}
