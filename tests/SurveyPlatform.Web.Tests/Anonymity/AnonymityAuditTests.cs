using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Anonymity;

/// <summary>
/// anonymity.md as an audit: after full respondent sessions and a console session, everything the server wrote
/// (database file, WAL, keys, logs at every level, response headers and bodies, cookies, an export, a backup) is
/// scanned for the client's address, its user agent, the submission time to the minute, and ids that are
/// sequential or time-ordered.
/// </summary>
public sealed class AnonymityAuditTests : IAsyncLifetime
{
    private static readonly IPAddress Client = IPAddress.Parse("203.0.113.77");
    private const string UserAgent = "Mozilla/5.0 (Linux; Android 9; AuditPhone) ProbeBrowser/7731";
    private readonly PlatformFactory _factory = new PlatformFactory { ClientAddress = Client }
        .With("RateLimiting:ClientAddressHeader", "X-Forwarded-For");
    private readonly StringBuilder _seen = new();
    private readonly List<DateTimeOffset> _lastModified = [];

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Nothing_the_server_wrote_holds_the_address_user_agent_submission_time_or_ordered_ids()
    {
        using var started = _factory.CreateBrowser(); // starts the server: its keys are made now, not on a visit
        var firstVisit = DateTime.UtcNow;
        var languages = new[] { "en", "es", "zh-Hans", "vi", "ar", "ht", "en", "es" };
        for (var i = 0; i < languages.Length; i++)
            await RespondentSessionAsync(languages[i], $"audit-order-{i}");
        await ConsoleSessionAsync();
        var lastVisit = DateTime.UtcNow;

        var export = Path.Combine(_factory.DataDirectory, "export.csv");
        await ExportAsync(export);
        var backup = DatabaseBackup.Backup($"Data Source={_factory.DatabasePath}", Path.Combine(_factory.DataDirectory, "backup.db"));

        // Everything written: every file of the data folder, every log line at every level, every header, cookie and page.
        var files = Directory.GetFiles(_factory.DataDirectory, "*", SearchOption.AllDirectories);
        Assert.Contains(files, f => f.EndsWith("surveyplatform.db-wal", StringComparison.Ordinal));
        var written = files.ToDictionary(f => Path.GetRelativePath(_factory.DataDirectory, f), f => Encoding.Latin1.GetString(Files.ReadShared(f)));
        // The key ring lives in the database: its keys were made at start-up (checked here), not on a visit.
        foreach (var file in written.Keys.Where(k => k.StartsWith("surveyplatform.db", StringComparison.Ordinal) || k.StartsWith("backup", StringComparison.Ordinal)).ToList())
            written[file] = await _factory.WithoutKeyDatesAsync(written[file], firstVisit);
        written["logs"] = _factory.Logs.All;
        written["responses"] = _seen.ToString();
        Assert.Contains("Survey 'Community trust survey (demo)' is open", written["logs"]);

        foreach (var (source, text) in written)
        {
            foreach (var needle in AddressForms().Concat(["ProbeBrowser", "AuditPhone"]))
                Assert.False(text.Contains(needle, StringComparison.OrdinalIgnoreCase), $"{source} holds '{needle}'");
            foreach (var time in TimesBetween(firstVisit, lastVisit))
                Assert.False(text.Contains(time, StringComparison.Ordinal), $"{source} holds the time '{time}'");
        }
        // No key is kept as a file any more: the platform's secrets are sealed in the database, made at start-up.
        Assert.DoesNotContain(files, f => Path.GetRelativePath(_factory.DataDirectory, f).StartsWith("keys", StringComparison.Ordinal));
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            Assert.Equal(["secret:run-codes"], (await db.SharedValues.Where(v => v.Name.StartsWith("secret:")).Select(v => v.Name).ToListAsync()).Order(StringComparer.Ordinal));
        // Static files carry the time they were built, which may fall in the same minute as the visits on a fresh
        // build; it must be a time from before the server started, never one from a visit.
        Assert.NotEmpty(_lastModified);
        Assert.All(_lastModified, modified => Assert.True(modified.UtcDateTime <= firstVisit, $"a Last-Modified of {modified:R} is after the first visit"));
        AssertIdsAreRandomAndUnordered(_factory.DatabasePath);
        AssertIdsAreRandomAndUnordered(backup.File);
    }

    private async Task RespondentSessionAsync(string lang, string marker)
    {
        using var client = _factory.CreateBrowser();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        client.DefaultRequestHeaders.Add("X-Forwarded-For", Client.ToString());
        var respondent = new Respondent(client, "community-trust");
        await respondent.OpenAsync(lang: lang);
        Keep(respondent);
        await respondent.NextAsync(("age_group", "not-an-answer")); // consent
        Keep(respondent);
        await respondent.NextAsync(("age_group", "not-an-answer")); // an error page
        Keep(respondent);
        await respondent.PostAsync("lang:en");
        Keep(respondent);
        var answers = new Dictionary<string, string[]>(StandardAnswers.ForeignBornVictim) { ["comments"] = [marker] };
        var response = await respondent.NextAsync(respondent.ItemKeys.Where(answers.ContainsKey).SelectMany(k => answers[k].Select(v => (k, v))).ToArray());
        for (var guard = 0; guard < 20 && response.StatusCode == HttpStatusCode.OK; guard++)
        {
            Keep(respondent);
            response = await respondent.NextAsync(respondent.ItemKeys.Where(answers.ContainsKey).SelectMany(k => answers[k].Select(v => (k, v))).ToArray());
        }
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Keep(respondent);
        await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, response.Headers.Location));
        Keep(respondent);
    }

    /// <summary>Every page of the console (and sign-in) the application maps, as the same browser.</summary>
    private async Task ConsoleSessionAsync()
    {
        using var client = _factory.CreateBrowser();
        client.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        var paths = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/')).Where(p => !p.Contains('{') && !p.StartsWith("/s/", StringComparison.Ordinal))
            .Append("/Account/Login").Distinct();
        foreach (var path in paths)
        {
            using var page = await client.GetAsync(path);
            await KeepAsync(page);
        }
        using var login = await client.PostAsync("/Account/Login", new FormUrlEncodedContent([new("Input.Email", "organizer@example.org"), new("Input.Password", "wrong")]));
        await KeepAsync(login);
    }

    private void Keep(Respondent respondent)
    {
        KeepHeaders(respondent.Last!);
        _seen.AppendLine(respondent.Html);
    }

    private async Task KeepAsync(HttpResponseMessage response)
    {
        KeepHeaders(response);
        _seen.AppendLine(await response.Content.ReadAsStringAsync());
    }

    private void KeepHeaders(HttpResponseMessage response)
    {
        if (response.Content.Headers.LastModified is { } modified)
            _lastModified.Add(modified);
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name != "Last-Modified")
                _seen.AppendLine($"{name}: {string.Join(", ", values)}"); // Set-Cookie included
        }
    }

    private async Task ExportAsync(string file)
    {
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var run = await db.Runs.Include(r => r.SurveyVersion).SingleAsync();
        var definition = DefinitionLoader.Load(run.SurveyVersion!.DefinitionJson, "audit");
        var table = await ResponseTransfer.LoadAsync(db, run, definition);
        Assert.Equal(8, table.Count);
        await using var writer = new StreamWriter(file);
        ResponseCsv.Write(table, writer);
    }

    private static IEnumerable<string> AddressForms()
    {
        var bytes = Client.GetAddressBytes();
        return
        [
            Client.ToString(), Client.MapToIPv6().ToString(), Convert.ToHexString(bytes), Convert.ToBase64String(bytes),
            Encoding.Latin1.GetString(bytes), BitConverter.ToUInt32(bytes).ToString(CultureInfo.InvariantCulture),
        ];
    }

    /// <summary>Each minute of the sessions in the usual text forms, and each second as Unix time.</summary>
    private static IEnumerable<string> TimesBetween(DateTime from, DateTime to)
    {
        string[] formats = ["yyyy-MM-ddTHH:mm", "yyyy-MM-dd HH:mm", "yyyyMMddHHmm", "MM/dd/yyyy HH:mm", "dd/MM/yyyy HH:mm", "ddd, dd MMM yyyy HH:mm"];
        for (var minute = from.AddSeconds(-from.Second); minute <= to; minute = minute.AddMinutes(1))
        {
            foreach (var format in formats)
                yield return minute.ToString(format, CultureInfo.InvariantCulture);
            yield return minute.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        }
        for (var second = new DateTimeOffset(from).ToUnixTimeSeconds() - 1; second <= new DateTimeOffset(to).ToUnixTimeSeconds() + 1; second++)
            yield return second.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Random v4 ids, no hidden row counter, and a storage order that is not the order of submission.</summary>
    private static void AssertIdsAreRandomAndUnordered(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, AnswersJson FROM Responses";
        var stored = new List<(Guid Id, string Answers)>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
                stored.Add((Guid.Parse(reader.GetString(0)), reader.GetString(1)));
        }

        Assert.Equal(8, stored.Count);
        Assert.All(stored, r => Assert.Equal(4, r.Id.Version));
        Assert.All(stored, r => Assert.Equal(2, r.Id.Variant >> 2)); // RFC 9562 variant 10xx
        var order = stored.Select(r => int.Parse(r.Answers.Split("audit-order-")[1][..1], CultureInfo.InvariantCulture)).ToList();
        Assert.NotEqual(Enumerable.Range(0, 8), order); // 1 chance in 40,320 of failing by accident
        // Tables of respondent data have no rowid, the hidden counter that would record arrival order.
        foreach (var table in new[] { "Responses", "SubmissionReceipts", "RunCodes" })
        {
            command.CommandText = $"SELECT rowid FROM {table}";
            Assert.Throws<SqliteException>(() => command.ExecuteScalar());
        }
    }
}
