using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

/// <summary>
/// The database goes away under load: PostgreSQL stopped at once, the SQLite disk full. Every response whose thank-you
/// page was shown is stored once; every refused respondent sees a page with text; readiness reports the fault; and the
/// platform recovers by itself when the database is back, without flooding its log.
/// </summary>
public sealed partial class OutageTests
{
    private const string Slug = "community-trust";

    [Trait("Needs", "PostgreSQL")]
    [Fact]
    public async Task PostgreSQL_stopped_under_load_loses_no_acknowledged_response_and_recovers_by_itself()
    {
        await using var postgres = await ThrowawayPostgres.StartAsync();
        var data = Directory.CreateTempSubdirectory("sp-outage-").FullName;
        var connection = postgres.ConnectionString("surveyplatform");
        try
        {
            await using var server = await ServerProcess.StartAsync(data, new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["Database:ConnectionString"] = connection,
                ["Database:MigrateOnStartup"] = "true",
                ["RateLimiting:Enabled"] = "false",
            });
            var load = new Load(server);
            await load.UntilAsync(() => load.Acknowledged.Count >= 20, TimeSpan.FromSeconds(60), "before the outage");

            await postgres.StopAsync();
            var logBefore = server.Output.Length;
            var readiness = await ReadinessDuringAsync(server, TimeSpan.FromSeconds(15));
            await load.UntilAsync(() => load.Refused.Count >= 3, TimeSpan.FromSeconds(60), "during the outage");
            await postgres.StartAgainAsync();

            await WaitUntilReadyAsync(server, TimeSpan.FromSeconds(60));
            var afterOutage = load.Acknowledged.Count;
            await load.UntilAsync(() => load.Acknowledged.Count >= afterOutage + 20, TimeSpan.FromSeconds(60), "after the outage");
            await load.StopAsync();

            Assert.Contains(HttpStatusCode.ServiceUnavailable, readiness);
            AssertRefusalsHadText(load);
            var logged = server.Output.Length - logBefore;
            Assert.True(logged < 100_000, $"{logged} characters of log during an outage of about 15 s:\n{server.Output[^Math.Min(4000, server.Output.Length)..]}");
            Assert.DoesNotContain("Unhandled exception.", server.Output, StringComparison.Ordinal); // the process never crashed

            await using var db = new Npgsql.NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var command = new Npgsql.NpgsqlCommand("SELECT \"AnswersJson\" FROM \"Responses\"", db);
            var rows = new List<string>();
            await using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                    rows.Add(reader.GetString(0));
            }
            AssertEveryAcknowledgedStoredOnce(load, rows);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Trait("Speed", "Slow")]
    [Fact]
    public async Task A_full_SQLite_disk_loses_no_acknowledged_response_and_recovers_when_space_is_freed()
    {
        await using var disk = await SmallDisk.MountAsync(megabytes: 24);
        var data = Path.Combine(disk.Path, "data");
        await using var server = await ServerProcess.StartAsync(data, new Dictionary<string, string> { ["RateLimiting:Enabled"] = "false" });
        var load = new Load(server);
        await load.UntilAsync(() => load.Acknowledged.Count >= 20, TimeSpan.FromSeconds(60), "before the disk is full");

        // Empty the write-ahead log so that the next commits must grow a file, then fill the disk.
        using (var checkpoint = new SqliteConnection($"Data Source={server.DatabasePath}"))
        {
            checkpoint.Open();
            using var pragma = checkpoint.CreateCommand();
            pragma.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            pragma.ExecuteNonQuery();
        }
        SqliteConnection.ClearAllPools();
        var ballast = disk.Fill();
        var logBefore = server.Output.Length;
        await load.UntilAsync(() => load.Refused.Count >= 3, TimeSpan.FromSeconds(60), "while the disk is full");
        var readiness = await ReadinessDuringAsync(server, TimeSpan.FromSeconds(3));
        File.Delete(ballast);

        await WaitUntilReadyAsync(server, TimeSpan.FromSeconds(60));
        var afterOutage = load.Acknowledged.Count;
        await load.UntilAsync(() => load.Acknowledged.Count >= afterOutage + 20, TimeSpan.FromSeconds(60), "after space was freed");
        await load.StopAsync();

        Assert.Contains(HttpStatusCode.ServiceUnavailable, readiness);
        AssertRefusalsHadText(load);
        var logged = server.Output.Length - logBefore;
        Assert.True(logged < 100_000, $"{logged} characters of log while the disk was full");
        Assert.DoesNotContain("Unhandled exception.", server.Output, StringComparison.Ordinal); // the process never crashed

        await server.StopAsync();
        SqliteConnection.ClearAllPools();
        using var db = new SqliteConnection($"Data Source={server.DatabasePath};Mode=ReadOnly");
        db.Open();
        using var command = db.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        Assert.Equal("ok", (string)command.ExecuteScalar()!);
        command.CommandText = "SELECT AnswersJson FROM Responses";
        var rows = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                rows.Add(reader.GetString(0));
        }
        SqliteConnection.ClearAllPools();
        AssertEveryAcknowledgedStoredOnce(load, rows);
    }

    private static void AssertEveryAcknowledgedStoredOnce(Load load, List<string> rows)
    {
        var byMarker = rows.Select(r => JsonSerializer.Deserialize<Dictionary<string, string>>(r)!.GetValueOrDefault("comments") ?? "")
            .GroupBy(m => m).ToDictionary(g => g.Key, g => g.Count());
        var lost = load.Acknowledged.Keys.Where(m => !byMarker.ContainsKey(m)).ToList();
        Assert.True(lost.Count == 0, $"{lost.Count} of {load.Acknowledged.Count} acknowledged responses were lost, e.g. {string.Join(", ", lost.Take(3))}");
        Assert.All(byMarker, m => Assert.Equal(1, m.Value));
    }

    private static void AssertRefusalsHadText(Load load)
    {
        Assert.NotEmpty(load.Refused);
        foreach (var (status, html) in load.Refused)
        {
            var text = Tags().Replace(html, " ");
            Assert.True(text.Contains("not saved", StringComparison.Ordinal), $"HTTP {(int)status} without the 'not saved' text:\n{html}");
        }
    }

    private static async Task<List<HttpStatusCode>> ReadinessDuringAsync(ServerProcess server, TimeSpan duration)
    {
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };
        var seen = new List<HttpStatusCode>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            try { seen.Add((await client.GetAsync("/healthz/ready")).StatusCode); }
            catch (TaskCanceledException) { seen.Add(HttpStatusCode.RequestTimeout); }
            await Task.Delay(250);
        }
        return seen;
    }

    private static async Task WaitUntilReadyAsync(ServerProcess server, TimeSpan limit)
    {
        using var client = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(10) };
        var clock = Stopwatch.StartNew();
        while ((await client.GetAsync("/healthz/ready")).StatusCode != HttpStatusCode.OK)
        {
            Assert.True(clock.Elapsed < limit, $"not ready again {limit.TotalSeconds} s after the database came back:\n{server.Output}");
            await Task.Delay(250);
        }
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    /// <summary>Eight respondents submitting complete forms, each marked, until stopped; failures are kept with their page.</summary>
    private sealed class Load
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task[] _workers;

        public ConcurrentDictionary<string, bool> Acknowledged { get; } = new();
        public ConcurrentBag<(HttpStatusCode Status, string Html)> Refused { get; } = [];

        public Load(ServerProcess server) =>
            _workers = Enumerable.Range(0, 8).Select(w => Task.Run(() => WorkAsync(server, w))).ToArray();

        public async Task UntilAsync(Func<bool> condition, TimeSpan limit, string when)
        {
            var clock = Stopwatch.StartNew();
            while (!condition())
            {
                Assert.True(clock.Elapsed < limit, $"{when}: {Acknowledged.Count} acknowledged, {Refused.Count} refused after {limit.TotalSeconds} s");
                await Task.Delay(50);
            }
        }

        public async Task StopAsync()
        {
            await _stop.CancelAsync();
            await Task.WhenAll(_workers);
        }

        private async Task WorkAsync(ServerProcess server, int worker)
        {
            for (var n = 0; !_stop.IsCancellationRequested; n++)
            {
                var marker = $"outage w{worker} n{n}";
                var answers = new Dictionary<string, string[]>(StandardAnswers.ForeignBornVictim) { ["comments"] = [marker] };
                using var client = server.CreateBrowser();
                var respondent = new Respondent(client, Slug);
                try
                {
                    await respondent.OpenAsync(lang: "en");
                    await StandardAnswers.CompleteAsync(respondent, answers);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    continue;
                }
                if (respondent.Status == HttpStatusCode.SeeOther)
                    Acknowledged[marker] = true;
                else
                    Refused.Add((respondent.Status, respondent.Html));
            }
        }
    }

    /// <summary>A small tmpfs of its own, so that a test can fill the disk under the database and free it again.</summary>
    private sealed class SmallDisk : IAsyncDisposable
    {
        private SmallDisk(string path) => Path = path;

        public string Path { get; }

        public static async Task<SmallDisk> MountAsync(int megabytes)
        {
            var path = Directory.CreateTempSubdirectory("sp-small-disk-").FullName;
            await RunAsync("mount", ["-t", "tmpfs", "-o", $"size={megabytes}m,mode=0700", "tmpfs", path],
                "mounting a small tmpfs needs root (the tests run as root in CI and through ./test.sh with sudo)");
            return new SmallDisk(path);
        }

        /// <summary>Writes a file until the disk is full; returns its path.</summary>
        public string Fill()
        {
            var ballast = System.IO.Path.Combine(Path, "ballast");
            var block = new byte[64 * 1024];
            using var file = new FileStream(ballast, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.None);
            try
            {
                while (true)
                    file.Write(block);
            }
            catch (IOException)
            {
                // full
            }
            try
            {
                while (true)
                    file.Write(block, 0, 512);
            }
            catch (IOException)
            {
                // full to the last block
            }
            return ballast;
        }

        public async ValueTask DisposeAsync()
        {
            SqliteConnection.ClearAllPools();
            await RunAsync("umount", ["-l", Path], "unmounting the small tmpfs");
            Directory.Delete(Path);
        }

        private static async Task RunAsync(string program, string[] args, string what)
        {
            using var process = Process.Start(new ProcessStartInfo(program, args) { RedirectStandardError = true })!;
            var error = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, $"{what}: {program} exited with {process.ExitCode}: {error}");
        }
    }
}
