using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SurveyPlatform.Data;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Fuzzing;

/// <summary>
/// 100,000 malformed requests against respondent and console endpoints: no 5xx, no row created, no error
/// logged, the server answers normally afterwards and its memory is back to where it was.
/// </summary>
[Collection(nameof(MalformedRequestTests))] // alone: the memory it measures is the whole test process's
public sealed class MalformedRequestTests : IAsyncLifetime
{
    private const int Requests = 100_000;
    private const int Seed = 20_261_125;
    private readonly PlatformFactory _factory = new PlatformFactory()
        .With("RateLimiting:RespondentPosts:PermitLimit", "100000000")
        .With("RateLimiting:Login:PermitLimit", "100000000");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Trait("Speed", "Slow")]
    [Fact]
    public async Task A_hundred_thousand_malformed_requests_cause_no_5xx_no_row_and_no_lasting_memory()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var forms = new List<SessionForm>();
        var replays = new List<SessionForm>();
        for (var i = 0; i < 4; i++)
            await CollectSessionAsync(forms, replays, complete: i < 2);
        var consolePaths = _factory.Services.GetService(typeof(EndpointDataSource)) is EndpointDataSource endpoints
            ? endpoints.Endpoints.OfType<RouteEndpoint>().Select(e => "/" + e.RoutePattern.RawText?.TrimStart('/'))
                .Where(p => !p.StartsWith("/s/", StringComparison.Ordinal) && !p.Contains('{')).Distinct().ToList()
            : [];
        consolePaths.AddRange(["/Account/Login", "/Account/LoginWith2fa", "/Account/ForgotPassword", "/admin"]);
        var rowsBefore = await RowsAsync();
        Assert.Equal(2, rowsBefore);

        var generator = new MalformedRequests(forms, replays, consolePaths);
        var failures = new ConcurrentQueue<string>();
        var byKind = new ConcurrentDictionary<string, int>();
        // Progress every few seconds. Besides telling a reader how far the run got, it keeps messages reaching the
        // test runner: this test runs last and alone for a minute or more, and a runner that sees the test process
        // exit more than 5 s after the last message it read reports a crash even when the process ended normally.
        var output = TestContext.Current.TestOutputHelper;
        var sent = 0;
        async Task RunAsync(int from, int to)
        {
            await Parallel.ForAsync(from, to, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, _) =>
            {
                if (Interlocked.Increment(ref sent) is var n && n % 5_000 == 0)
                    output?.WriteLine($"{n:N0} requests sent, {failures.Count} failures");
                var (kind, request) = generator.Create(Seed + i);
                using (request)
                {
                    var description = $"#{i} {kind} {request.Method} {Shorten(request.RequestUri?.ToString())}";
                    try
                    {
                        using var response = await client.SendAsync(request);
                        var body = await response.Content.ReadAsStringAsync();
                        byKind.AddOrUpdate($"{kind} {(int)response.StatusCode}", 1, (_, n) => n + 1);
                        if ((int)response.StatusCode >= 500)
                            failures.Enqueue($"{description}: {(int)response.StatusCode}");
                        else if (body.Contains("   at ", StringComparison.Ordinal) || body.Contains("Exception", StringComparison.Ordinal))
                            failures.Enqueue($"{description}: details of an exception in the page");
                    }
                    catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
                    {
                        failures.Enqueue($"{description}: {e.GetType().Name} {e.Message}");
                    }
                }
            });
        }

        _factory.Logs.MinimumLevel = LogLevel.Warning; // keep what the test checks, not 100,000 requests' debug lines
        await RunAsync(0, 2_000); // warm-up: caches, pools, JIT
        var memoryBefore = ManagedMemory();
        var watch = Stopwatch.StartNew();
        await RunAsync(2_000, Requests);
        watch.Stop();
        var memoryAfter = ManagedMemory();

        TestContext.Current.SendDiagnosticMessage($"{Requests} malformed requests in {watch.Elapsed.TotalSeconds:0.0} s; managed memory {memoryBefore / 1048576.0:0.0} → {memoryAfter / 1048576.0:0.0} MB\n"
            + Summary(byKind));
        Assert.True(failures.IsEmpty, $"{failures.Count} failures, e.g.:\n" + string.Join('\n', failures.Take(15)));
        Assert.Equal(rowsBefore, await RowsAsync());
        var errors = _factory.Logs.Lines.Where(l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal)).ToList();
        Assert.True(errors.Count == 0, $"{errors.Count} errors logged, e.g.:\n{string.Join('\n', errors.Take(3))}");
        Assert.True(memoryAfter < memoryBefore + 16 * 1024 * 1024, $"managed memory grew from {memoryBefore} to {memoryAfter} bytes\n{Summary(byKind)}");
        Assert.All(Enum.GetValues<MalformedRequests.Kind>(), kind => Assert.Contains(byKind.Keys, k => k.StartsWith(kind + " ", StringComparison.Ordinal)));

        // And the server still serves a respondent normally.
        var respondent = await new Respondent(_factory.CreateBrowser(), MalformedRequests.Slug).OpenAsync(lang: "en");
        await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim);
        Assert.Equal(HttpStatusCode.SeeOther, respondent.Status);
        Assert.Equal(rowsBefore + 1, await RowsAsync());
        output?.WriteLine("The server served a respondent normally afterwards.");
    }

    /// <summary>Opens a session and keeps the forms of its first pages; optionally completes it and keeps its last form for replay.</summary>
    private async Task CollectSessionAsync(List<SessionForm> forms, List<SessionForm> replays, bool complete)
    {
        var respondent = new Respondent(_factory.CreateBrowser(), MalformedRequests.Slug);
        await respondent.OpenAsync(lang: "en");
        var cookie = respondent.Last!.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        SessionForm Form() => new(cookie, respondent.State, respondent.ItemKeys, respondent.FormAction);
        forms.Add(Form());
        var answers = StandardAnswers.ForeignBornVictim;
        var response = await respondent.NextAsync();
        for (var page = 0; response.StatusCode == HttpStatusCode.OK; page++)
        {
            var last = Form();
            if (page < 3)
                forms.Add(last);
            else if (!complete)
                return;
            response = await respondent.NextAsync(respondent.ItemKeys.Where(answers.ContainsKey).SelectMany(k => answers[k].Select(v => (k, v))).ToArray());
            if (response.StatusCode == HttpStatusCode.SeeOther)
                replays.Add(last);
        }
    }

    private async Task<int> RowsAsync()
    {
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        return await db.Responses.CountAsync();
    }

    private static long ManagedMemory()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Summary(IDictionary<string, int> byKind) =>
        string.Join('\n', byKind.OrderBy(k => k.Key).Select(k => $"  {k.Key}: {k.Value}"));

    private static string Shorten(string? s) => s is null ? "" : s.Length > 80 ? s[..80] + "…" : s;
}

[CollectionDefinition(nameof(MalformedRequestTests), DisableParallelization = true)]
public sealed class MalformedRequestsRunAlone;
