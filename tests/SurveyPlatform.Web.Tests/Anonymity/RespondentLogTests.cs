using System.Net;
using Microsoft.Data.Sqlite;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Anonymity;

/// <summary>
/// anonymity.md rule 2 in process: with every category of every logger at Trace (scopes and structured state
/// included), a respondent's whole visit (an old card's address with a code, a typo, the code, every page, a server
/// failure, the thank-you page, an unknown survey) leaves no line that names a respondent path, a query, a code or an
/// answer; the same server logs console requests as configured.
/// </summary>
public sealed class RespondentLogTests : IAsyncLifetime
{
    private const string Answer = "Nadie sabe que la policía no pregunta por el estatus.";
    // Every category at Trace, as a careless or hostile deployer could set it.
    private readonly PlatformFactory _factory = new PlatformFactory()
        .With("Account:RequireTwoFactorForOrganizers", "false")
        .With("Logging:LogLevel:Default", "Trace")
        .With("Logging:LogLevel:Microsoft", "Trace")
        .With("Logging:LogLevel:Microsoft.AspNetCore", "Trace")
        .With("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Trace");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_respondents_visit_leaves_no_path_query_code_or_answer_in_the_logs_at_trace_level()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        var runId = await _factory.RunAsync("eastside-codes", community, RunMode.OneTimeCodes);
        var code = (await _factory.Service<RunCodeGenerator>().GenerateAsync(runId, 1))[0];
        var linesBefore = _factory.Logs.Lines.Count;

        using (var health = await _factory.CreateClient().GetAsync("/healthz?probe=console-route"))
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(_factory.Logs.Lines.Skip(linesBefore), l => l.Contains("/healthz?probe=console-route", StringComparison.Ordinal));
        // Hosting writes "Request finished" after the response has gone out: wait for it, so it is not counted below.
        for (var i = 0; i < 100 && !_factory.Logs.Lines.Skip(linesBefore).Any(l => l.Contains("Request finished", StringComparison.Ordinal) && l.Contains("probe=console-route", StringComparison.Ordinal)); i++)
            await Task.Delay(50);

        var before = _factory.Logs.Lines.Count;
        var client = _factory.CreateBrowser();
        var respondent = new Respondent(client, "eastside-codes");
        await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/s/eastside-codes?lang=es&code={code}"));
        await respondent.ConsentWithCodeAsync("ZZZZZ-ZZZZZ");
        await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim, code);
        Assert.Equal(HttpStatusCode.SeeOther, respondent.Status);
        await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, respondent.Last!.Headers.Location));
        await client.GetAsync($"/s/no-such-survey?lang=vi&code={code}");
        await client.PostAsync("/s/eastside-codes?lang=es", new FormUrlEncodedContent([new("state", "forged"), new("q.comments", Answer)]));
        await client.GetAsync("/css/respond.css");

        var written = string.Join('\n', _factory.Logs.Lines.Skip(before));
        foreach (var needle in new[] { "/s/", "eastside-codes", "no-such-survey", "lang=", "code=", code, RunCodeGenerator.Display(code), "ZZZZZ", "Nadie sabe", "respond.css" })
            Assert.False(written.Contains(needle, StringComparison.OrdinalIgnoreCase), $"'{needle}' was logged:\n{written}");
    }

    [Fact]
    public async Task A_failure_on_a_respondent_page_is_logged_without_message_path_or_answers_and_the_page_says_so()
    {
        const string message = "disk full while writing Nadie sabe";
        var respondent = await new Respondent(_factory.CreateBrowser(), "community-trust").OpenAsync(lang: "es");
        // The database refuses every response, as a full disk would.
        await SqlAsync($"CREATE TRIGGER refuse BEFORE INSERT ON Responses BEGIN SELECT RAISE(ABORT, '{message}'); END;");
        var before = _factory.Logs.Lines.Count;

        await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim);

        // The last page again, with its answers, saying they were not saved; sending it again works once the database does.
        Assert.Equal(HttpStatusCode.ServiceUnavailable, respondent.Status);
        Assert.Contains("Sus respuestas de esta página no se guardaron", WebUtility.HtmlDecode(respondent.Html));
        Assert.Contains("name=\"q.", respondent.Html);
        var written = string.Join('\n', _factory.Logs.Lines.Skip(before));
        Assert.Contains("A respondent request failed", written);
        Assert.Contains("Microsoft.Data.Sqlite.SqliteException", written);
        foreach (var needle in new[] { "disk full", "/s/", "community-trust", "Nadie sabe" })
            Assert.False(written.Contains(needle, StringComparison.OrdinalIgnoreCase), $"'{needle}' was logged:\n{written}");

        await SqlAsync("DROP TRIGGER refuse;");
        await respondent.NextAsync(respondent.ItemKeys.Where(StandardAnswers.ForeignBornVictim.ContainsKey)
            .SelectMany(k => StandardAnswers.ForeignBornVictim[k].Select(v => (k, v))).ToArray());
        Assert.Equal(HttpStatusCode.SeeOther, respondent.Status);
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_factory.DatabasePath};Pooling=false");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
