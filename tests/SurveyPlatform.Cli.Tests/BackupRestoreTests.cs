using Microsoft.Data.Sqlite;

namespace SurveyPlatform.Cli.Tests;

public class BackupRestoreTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private async Task<string> DatabaseWithResponsesAsync(int count)
    {
        var dataDir = await _cli.CreateDatabaseAsync();
        Import(dataDir, count, seed: 1);
        return dataDir;
    }

    private void Import(string dataDir, int count, int seed)
    {
        var csv = _cli.PathOf($"responses-{seed}.csv");
        Assert.Equal(0, _cli.Run("generate", "-d", _cli.Definition, "--n", count.ToString(), "--seed", seed.ToString(), "--out", csv).ExitCode);
        var import = _cli.Run("import", "--run", "springfield", csv, "--allow-synthetic", "--data-dir", dataDir);
        Assert.True(import.ExitCode == 0, import.Error);
    }

    [Fact]
    public async Task Backup_then_restore_brings_back_the_same_content()
    {
        var dataDir = await DatabaseWithResponsesAsync(120);
        var before = Dump(Path.Combine(dataDir, "surveyplatform.db"));
        var file = _cli.PathOf("backup.db");

        var backup = _cli.Run("backup", "--out", file, "--data-dir", dataDir);
        Assert.True(backup.ExitCode == 0, backup.Error);
        Assert.Contains("Backed up 120 responses of 1 runs", backup.Out);
        Import(dataDir, 30, seed: 2);
        Assert.Equal(150, await _cli.CountResponsesAsync(dataDir));

        var restore = _cli.Run("restore", file, "--data-dir", dataDir);
        Assert.True(restore.ExitCode == 0, restore.Error);
        Assert.Contains("Restored 120 responses of 1 runs", restore.Out);
        Assert.Equal(before, Dump(Path.Combine(dataDir, "surveyplatform.db")));

        var elsewhere = _cli.PathOf("new-server");
        Assert.Equal(0, _cli.Run("restore", file, "--data-dir", elsewhere).ExitCode);
        Assert.Equal(before, Dump(Path.Combine(elsewhere, "surveyplatform.db")));
    }

    [Fact]
    public async Task Problems_are_explained_without_a_stack_trace()
    {
        var dataDir = await DatabaseWithResponsesAsync(10);
        var file = _cli.PathOf("backup.db");
        Assert.Equal(0, _cli.Run("backup", "--out", file, "--data-dir", dataDir).ExitCode);

        var again = _cli.Run("backup", "--out", file, "--data-dir", dataDir);
        var notes = _cli.Run("restore", _cli.Write("notes.txt", "these are not responses"), "--data-dir", dataDir);
        var server = _cli.Run("backup", "--out", _cli.PathOf("pg.db"), "--provider", "Postgres", "--connection-string", "Host=localhost;Database=x");
        var missing = _cli.Run("restore", _cli.PathOf("nothing.db"), "--data-dir", dataDir);

        Assert.Equal((1, 1, 1, 1), (again.ExitCode, notes.ExitCode, server.ExitCode, missing.ExitCode));
        Assert.Contains("already exists; choose another file name", again.Error);
        Assert.Contains("is not a SQLite database, or it is damaged", notes.Error);
        Assert.Contains("pg_dump", server.Error);
        Assert.Contains("There is no file", missing.Error);
        Assert.All(new[] { again, notes, server, missing }, r => Assert.DoesNotContain("   at ", r.Error));
        Assert.Equal(10, await _cli.CountResponsesAsync(dataDir));
    }

    private static List<string> Dump(string file)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, RunId, Day, Lang, Mode, AnswersJson, Weight, Wave, Site FROM Responses ORDER BY Id";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : reader.GetValue(i).ToString())));
        return rows;
    }
}
