using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace SurveyPlatform.LoadDriver;

public sealed record DriverResult(
    int Completed, int Failed, long Requests, TimeSpan Elapsed, double[] RequestMs, double[] SubmissionMs,
    long? PeakRssBytes, long? RowsBefore, long? RowsInDatabase, IReadOnlyDictionary<string, int> Errors,
    TimeSpan? ServerCpu, TimeSpan DriverCpu);

public static partial class Driver
{
    public static async Task<DriverResult> RunAsync(DriverOptions options)
    {
        var rowsBefore = CountRows(options.Database);
        var deadline = Stopwatch.StartNew();
        var remaining = options.MaxSubmissions;
        var requestTimes = new List<double>[options.Concurrency];
        var submissionTimes = new List<double>[options.Concurrency];
        var errors = new Dictionary<string, int>();
        long requests = 0;
        int completed = 0, failed = 0;
        using var memory = new RssSampler(options.ServerPid);
        var driverCpu = Process.GetCurrentProcess().TotalProcessorTime;

        var workers = Enumerable.Range(0, options.Concurrency).Select(w => Task.Run(async () =>
        {
            requestTimes[w] = new List<double>(4096);
            submissionTimes[w] = new List<double>(512);
            var random = new Random(options.Seed * 1000 + w);
            while (deadline.Elapsed < options.Duration && Interlocked.Decrement(ref remaining) >= 0)
            {
                using var handler = new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false };
                using var client = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
                var started = Stopwatch.GetTimestamp();
                try
                {
                    var n = await Respondent.CompleteAsync(client, options.Slug, random, requestTimes[w]);
                    Interlocked.Add(ref requests, n);
                    submissionTimes[w].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    Interlocked.Increment(ref completed);
                }
                catch (Exception e) when (e is HttpRequestException or InvalidOperationException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    lock (errors)
                        errors[e.Message.Length > 120 ? e.Message[..120] : e.Message] = errors.GetValueOrDefault(e.Message) + 1;
                }
            }
        })).ToArray();
        await Task.WhenAll(workers);
        var elapsed = deadline.Elapsed;
        var serverCpu = memory.ServerCpu;
        driverCpu = Process.GetCurrentProcess().TotalProcessorTime - driverCpu;

        return new DriverResult(completed, failed, requests, elapsed,
            requestTimes.SelectMany(x => x).Order().ToArray(), submissionTimes.SelectMany(x => x).Order().ToArray(),
            memory.Peak, rowsBefore, CountRows(options.Database), errors, serverCpu, driverCpu);
    }

    private static long? CountRows(string? database)
    {
        if (database is null)
            return null;
        if (database.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            using var postgres = new Npgsql.NpgsqlConnection(database);
            postgres.Open();
            using var count = new Npgsql.NpgsqlCommand("SELECT COUNT(*) FROM \"Responses\"", postgres);
            return (long)count.ExecuteScalar()!;
        }
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var cmd = connection.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM Responses";
        return (long)cmd.ExecuteScalar()!;
    }
}

/// <summary>One virtual respondent: GET, consent, every page with random valid answers, thank-you page.</summary>
public static partial class Respondent
{
    public static async Task<int> CompleteAsync(HttpClient client, string slug, Random random, List<double> times)
    {
        var requests = 0;
        var html = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, $"/s/{slug}"), HttpStatusCode.OK, times);
        requests++;
        for (var page = 0; page < 30; page++)
        {
            var fields = new List<KeyValuePair<string, string>>
            {
                new("state", State(html)),
                new("nav", "next"),
            };
            // Builds from before 2026-11-26 also wanted an anti-forgery field; sent when the page has one, for A/B runs.
            if (TokenRegex().Match(html) is { Success: true } token)
                fields.Add(new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)));
            fields.AddRange(RandomAnswers(html, random));
            var post = new HttpRequestMessage(HttpMethod.Post, $"/s/{slug}") { Content = new FormUrlEncodedContent(fields) };
            var started = Stopwatch.GetTimestamp();
            using var response = await client.SendAsync(post);
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            requests++;
            if (response.StatusCode == HttpStatusCode.SeeOther)
            {
                var thanks = response.Headers.Location ?? throw new InvalidOperationException("303 without Location");
                await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, thanks), HttpStatusCode.OK, times);
                return requests + 1;
            }
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"POST page {page}: HTTP {(int)response.StatusCode}");
            html = await response.Content.ReadAsStringAsync();
        }
        throw new InvalidOperationException("no thank-you page after 30 pages");
    }

    private static async Task<string> SendAsync(HttpClient client, HttpRequestMessage request, HttpStatusCode expected, List<double> times)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        request.Dispose();
        return response.StatusCode == expected ? body
            : throw new InvalidOperationException($"{request.Method} {request.RequestUri}: HTTP {(int)response.StatusCode}");
    }

    /// <summary>The form's protected state (the page's own proof that it came from this browser travels in a cookie).</summary>
    private static string State(string html)
    {
        var match = StateRegex().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : throw new InvalidOperationException("no state field");
    }

    [GeneratedRegex("name=\"state\" value=\"([^\"]*)\"")]
    private static partial Regex StateRegex();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]*)\"")]
    private static partial Regex TokenRegex();

    /// <summary>For each question on the page: one random option, some random checkboxes, a number in range, or text.</summary>
    private static IEnumerable<KeyValuePair<string, string>> RandomAnswers(string html, Random random)
    {
        var radios = new Dictionary<string, List<string>>();
        var boxes = new Dictionary<string, List<string>>();
        foreach (Match m in InputRegex().Matches(html))
        {
            var target = m.Groups["type"].Value == "radio" ? radios : boxes;
            if (!target.TryGetValue(m.Groups["name"].Value, out var values))
                target[m.Groups["name"].Value] = values = [];
            values.Add(WebUtility.HtmlDecode(m.Groups["value"].Value));
        }
        foreach (var (name, values) in radios)
            yield return new(name, values[random.Next(values.Count)]);
        foreach (var (name, values) in boxes)
        {
            foreach (var value in values.Where(_ => random.NextDouble() < 0.3))
                yield return new(name, value);
        }
        foreach (Match m in TextareaRegex().Matches(html))
        {
            if (random.NextDouble() < 0.2)
                yield return new(m.Groups["name"].Value, "The police should not ask about status when people report crimes.");
        }
    }

    [GeneratedRegex("<input type=\"(?<type>radio|checkbox)\" id=\"[^\"]*\" name=\"(?<name>q\\.[a-z0-9_]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex InputRegex();

    [GeneratedRegex("<textarea id=\"[^\"]*\" name=\"(?<name>q\\.[a-z0-9_]+)\"")]
    private static partial Regex TextareaRegex();
}
