using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Data;

/// <summary>
/// anonymity.md rule 9 against a crash: the real server on SQLite is killed with SIGKILL while respondents keep
/// submitting, at several points; after each restart every submission that received its thank-you redirect is
/// in the database, complete and intact, and nothing half-written is.
/// </summary>
public sealed class DurabilityTests : IAsyncLifetime
{
    private const string Slug = "community-trust";
    private const int Respondents = 16;
    private readonly string _data = Directory.CreateTempSubdirectory("sp-durability-").FullName;
    private static readonly Dictionary<string, string> Settings = new() { ["RateLimiting:Enabled"] = "false" };

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
        return ValueTask.CompletedTask;
    }

    /// <summary>When to pull the plug: after so many thank-you pages, or after so long under load.</summary>
    public static readonly (string Name, int Acknowledged, double Seconds)[] KillPoints =
    [
        ("at the first thank-you page", 1, 120),
        ("while the load starts", 0, 0.3),
        ("after 40 thank-you pages", 40, 120),
        ("after 2 s of load", 0, 2),
        ("after 150 thank-you pages", 150, 240), // the limits only matter on a very slow machine
    ];

    [Trait("Speed", "Slow")]
    [Fact]
    public async Task Every_acknowledged_submission_survives_SIGKILL_at_several_points_and_nothing_is_half_written()
    {
        var acknowledged = new ConcurrentDictionary<string, bool>();
        var attempted = new ConcurrentDictionary<string, bool>();
        var report = new List<string>();
        for (var round = 0; round < KillPoints.Length; round++)
        {
            var (name, acks, seconds) = KillPoints[round];
            await using var server = await ServerProcess.StartAsync(_data, Settings);
            var before = acknowledged.Count;
            using var stop = new CancellationTokenSource();
            var workers = Enumerable.Range(0, Respondents)
                .Select(w => SubmitUntilStoppedAsync(server, $"r{round}w{w}", attempted, acknowledged, stop.Token)).ToArray();
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed.TotalSeconds < seconds && (acks == 0 || acknowledged.Count - before < acks))
                await Task.Delay(5);
            await server.KillAsync();
            stop.Cancel();
            await Task.WhenAll(workers);
            report.Add($"{name}: {acknowledged.Count - before} acknowledged before the kill");
            if (acks > 0)
                Assert.True(acknowledged.Count - before >= acks, $"round '{name}' ended before its kill point:\n{server.Output}");
        }

        // Restart once more: opening the database recovers its write-ahead log.
        await using (var server = await ServerProcess.StartAsync(_data, Settings))
            await server.StopAsync();
        SqliteConnection.ClearAllPools();

        var rows = ReadResponses(Path.Combine(_data, "surveyplatform.db"), out var receipts, out var integrity);
        Assert.Equal("ok", integrity);
        Assert.Equal(rows.Count, receipts); // a response and its receipt are committed together or not at all
        var expected = StandardAnswers.ForeignBornVictim.Where(a => a.Key != "comments").ToDictionary(a => a.Key, a => string.Join(' ', a.Value));
        var byMarker = new Dictionary<string, int>();
        foreach (var answers in rows)
        {
            Assert.True(answers.TryGetValue("comments", out var marker) && attempted.ContainsKey(marker), $"a row nobody submitted: {JsonSerializer.Serialize(answers)}");
            byMarker[marker] = byMarker.GetValueOrDefault(marker) + 1;
            Assert.Equal(expected, answers.Where(a => a.Key != "comments").ToDictionary());
        }
        var missing = acknowledged.Keys.Where(m => !byMarker.ContainsKey(m)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged submissions lost, e.g. {string.Join(", ", missing.Take(5))}\n{string.Join('\n', report)}");
        Assert.All(byMarker, m => Assert.Equal(1, m.Value));
        Assert.True(acknowledged.Count >= 191, string.Join('\n', report));
        TestContext.Current.SendDiagnosticMessage($"{acknowledged.Count} acknowledged, {rows.Count} rows\n{string.Join('\n', report)}");
    }

    private static async Task SubmitUntilStoppedAsync(ServerProcess server, string worker, ConcurrentDictionary<string, bool> attempted,
        ConcurrentDictionary<string, bool> acknowledged, CancellationToken stop)
    {
        for (var n = 0; !stop.IsCancellationRequested; n++)
        {
            var marker = $"durability {worker} n{n}";
            var answers = new Dictionary<string, string[]>(StandardAnswers.ForeignBornVictim) { ["comments"] = [marker] };
            using var client = server.CreateBrowser();
            try
            {
                var respondent = await new Respondent(client, Slug).OpenAsync(lang: "en");
                attempted[marker] = true;
                await StandardAnswers.CompleteAsync(respondent, answers);
                if (respondent.Status != HttpStatusCode.SeeOther)
                    throw new InvalidOperationException($"{marker}: HTTP {(int)respondent.Status}\n{respondent.Html}");
                acknowledged[marker] = true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                return; // the server is gone
            }
        }
    }

    private static List<Dictionary<string, string>> ReadResponses(string database, out long receipts, out string integrity)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        integrity = (string)command.ExecuteScalar()!;
        command.CommandText = "SELECT COUNT(*) FROM SubmissionReceipts";
        receipts = (long)command.ExecuteScalar()!;
        command.CommandText = "SELECT AnswersJson FROM Responses";
        var rows = new List<Dictionary<string, string>>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
            rows.Add(JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(0))!);
        return rows;
    }
}
