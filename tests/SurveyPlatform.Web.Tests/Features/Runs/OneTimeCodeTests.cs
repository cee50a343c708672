using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace SurveyPlatform.Web.Tests.Features.Runs;

/// <summary>
/// anonymity.md rule 5: one-time codes are stored as keyed hashes only, admit one response each, are used up when the
/// respondent starts (never in the commit of a response), and nothing links a code to a response.
/// </summary>
public sealed class OneTimeCodeTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _community, _runId;
    private TestAccount _organizer = default!;

    public async ValueTask InitializeAsync()
    {
        _community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _organizer = await _factory.AccountAsync("organizer@example.org", memberships: (_community, OrganizationRole.Organizer));
        _runId = await _factory.RunAsync("eastside-codes", _community, RunMode.OneTimeCodes);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_code_admits_one_response_and_is_refused_the_second_time()
    {
        var codes = await _factory.Service<RunCodeGenerator>().GenerateAsync(_runId, 3);
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });

        var wrong = await new Respondent(client, "eastside-codes").OpenAsync("en");
        Assert.Contains("name=\"code\"", wrong.Html);
        await wrong.ConsentWithCodeAsync("AAAAA-BBBBB");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        Assert.Contains("This code is not valid", wrong.Html);

        var first = await new Respondent(client, "eastside-codes").OpenAsync("en");
        await StandardAnswers.CompleteAsync(first, StandardAnswers.ForeignBornVictim, RunCodeGenerator.Display(codes[0]).ToLowerInvariant());
        Assert.Equal(HttpStatusCode.SeeOther, first.Status);

        var second = await new Respondent(client, "eastside-codes").OpenAsync("es");
        await second.ConsentWithCodeAsync(codes[0]);
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Contains("Este código ya se usó", WebUtility.HtmlDecode(second.Html));
        Assert.DoesNotContain("no es válido", WebUtility.HtmlDecode(second.Html));

        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Responses.CountAsync(r => r.RunId == _runId));
        Assert.Equal(1, await db.RunCodes.CountAsync(c => c.RunId == _runId && c.Used));
        var stored = await File.ReadAllBytesAsync(_factory.DatabasePath);
        foreach (var code in codes)
            Assert.DoesNotContain(code, Encoding.Latin1.GetString(stored));
        Assert.DoesNotContain(codes[0], (await db.Responses.SingleAsync()).AnswersJson);
    }

    [Fact]
    public async Task Of_two_people_with_one_code_the_second_is_stopped_at_the_start_not_after_answering()
    {
        var code = (await _factory.Service<RunCodeGenerator>().GenerateAsync(_runId, 1))[0];
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var a = await new Respondent(client, "eastside-codes").OpenAsync("en");
        var b = await new Respondent(client, "eastside-codes").OpenAsync("en");

        var aConsent = await a.ConsentWithCodeAsync(code);
        var bConsent = await b.ConsentWithCodeAsync(code);

        Assert.Equal(HttpStatusCode.OK, aConsent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bConsent.StatusCode);
        Assert.Contains("This code has already been used", b.Html);
        Assert.Contains("class=\"error-summary\"", b.Html);
        Assert.Contains("href=\"#code\"", b.Html);
        Assert.Contains("name=\"code\"", b.Html); // still on the consent page: another code can be typed
        await StandardAnswers.AnswerPagesAsync(a, StandardAnswers.ForeignBornVictim, aConsent);
        Assert.Equal(HttpStatusCode.SeeOther, a.Status);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Responses.CountAsync(r => r.RunId == _runId));
    }

    [Fact]
    public async Task The_example_code_respondents_are_shown_looks_like_the_codes_they_get()
    {
        var code = RunCodeGenerator.Display((await _factory.Service<RunCodeGenerator>().GenerateAsync(_runId, 1))[0]);
        var shape = new System.Text.RegularExpressions.Regex("[23456789A-HJKMNP-Z]{5}-[23456789A-HJKMNP-Z]{5}");
        Assert.Matches("^" + shape + "$", code);
        foreach (var language in new[] { "en", "es", "zh-Hans", "vi", "ar", "ht" })
            Assert.Matches(shape, Core.Localization.UiStrings.Get("code_hint", language));
    }

    [Fact]
    public async Task The_code_is_used_up_when_the_survey_starts_and_the_response_is_stored_apart()
    {
        var code = (await _factory.Service<RunCodeGenerator>().GenerateAsync(_runId, 1))[0];
        var respondent = await new Respondent(_factory.CreateClient(new() { AllowAutoRedirect = false }), "eastside-codes").OpenAsync("en");

        await respondent.ConsentWithCodeAsync(code);

        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await db.RunCodes.Where(c => c.RunId == _runId).Select(c => c.Used).SingleAsync());
            Assert.Equal(0, await db.Responses.CountAsync(r => r.RunId == _runId));
        }
        // Back to the consent page and on again: the session has its code, nothing is asked or used twice.
        await respondent.PostAsync("back");
        Assert.DoesNotContain("name=\"code\"", respondent.Html);
        await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim);
        Assert.Equal(HttpStatusCode.SeeOther, respondent.Status);
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            Assert.Equal(1, await db.Responses.CountAsync(r => r.RunId == _runId));
    }

    [Theory]
    [InlineData("", "Enter the code printed on your card.")]
    [InlineData("ZZZZZ-ZZZZZ", "This code is not valid.")]
    public async Task A_missing_or_mistyped_code_is_named_in_the_summary_at_the_top(string typed, string message)
    {
        await _factory.Service<RunCodeGenerator>().GenerateAsync(_runId, 1);
        var respondent = await new Respondent(_factory.CreateClient(new() { AllowAutoRedirect = false }), "eastside-codes").OpenAsync("en");

        await respondent.ConsentWithCodeAsync(typed);

        Assert.Equal(HttpStatusCode.BadRequest, respondent.Status);
        var summary = respondent.Html.IndexOf("class=\"error-summary\"", StringComparison.Ordinal);
        Assert.InRange(summary, 0, respondent.Html.IndexOf("<h1>", StringComparison.Ordinal));
        Assert.Contains(message, respondent.Html[summary..]);
        Assert.Contains("autofocus", respondent.Html[summary..respondent.Html.IndexOf("</div>", summary, StringComparison.Ordinal)]);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.False(await db.RunCodes.AnyAsync(c => c.RunId == _runId && c.Used));
    }

    [Fact]
    public async Task A_code_in_the_address_of_an_old_card_still_fills_the_field()
    {
        var respondent = await new Respondent(_factory.CreateClient(new() { AllowAutoRedirect = false }), "eastside-codes").OpenAsync("en");
        await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/s/eastside-codes?code=k7qf3-m9xpa"));

        Assert.Contains("value=\"K7QF3M9XPA\"", respondent.Html);
    }

    [Fact]
    public async Task The_organizer_downloads_fresh_codes_as_CSV_and_as_a_PDF_with_one_card_per_code()
    {
        var codes = await _factory.Service<RunCodeGenerator>().GenerateAsync(_runId, 10);
        var ticket = await _factory.Service<CodeSheets>().KeepAsync(_runId, _organizer.Id, codes);
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);

        var csv = await browser.Client.GetStringAsync($"/admin/runs/{_runId}/codes/{ticket}.csv");
        var lines = csv.Trim().Split('\n');
        Assert.Equal("code,url", lines[0]);
        Assert.Equal(11, lines.Length);
        Assert.All(codes, c => Assert.Contains(RunCodeGenerator.Display(c), csv));
        // The link carries the code in its fragment, which a browser never sends to a server or a proxy's log.
        Assert.All(lines.Skip(1), l => Assert.Matches("^[^,]+,http://[^/]+/s/eastside-codes#code=[A-Z0-9]{10}$", l));

        var pdf = await browser.Client.GetByteArrayAsync($"/admin/runs/{_runId}/codes/{ticket}.pdf");
        using var document = PdfDocument.Open(pdf);
        Assert.Equal(2, document.NumberOfPages); // 8 cards per page
        var text = string.Join(" ", document.GetPages().Select(p => p.Text));
        Assert.All(codes, c => Assert.Contains(RunCodeGenerator.Display(c), text));

        // The organizer chooses the cards' language.
        using var spanish = PdfDocument.Open(await browser.Client.GetByteArrayAsync($"/admin/runs/{_runId}/codes/{ticket}.pdf?lang=es"));
        Assert.Contains("Sirve una sola vez", string.Join(" ", spanish.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text)));
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Client.GetAsync($"/admin/runs/{_runId}/codes/{ticket}.pdf?lang=fr")).StatusCode);

        // Another organizer's session cannot fetch the sheet, even with the link.
        var other = await _factory.AccountAsync("other@example.org", memberships: (_community, OrganizationRole.Organizer));
        var stranger = ConsoleBrowser.Open(_factory);
        await stranger.SignInAsync(other);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.Client.GetAsync($"/admin/runs/{_runId}/codes/{ticket}.csv")).StatusCode);
    }
}

public static class RunData
{
    /// <summary>An open run of the standard survey owned by <paramref name="organization"/>.</summary>
    public static async Task<Guid> RunAsync(this PlatformFactory factory, string slug, Guid organization, RunMode mode = RunMode.OpenLink,
        string? wave = null, string? site = null, int minCell = 10)
    {
        await using var db = await factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var version = await db.SurveyVersions.FirstAsync(v => v.SurveyId == SurveySeeder.StandardSurveyId);
        var run = new SurveyRun
        {
            Slug = slug,
            Name = $"Run {slug}",
            SurveyVersionId = version.Id,
            OrganizationId = organization,
            Status = RunStatus.Open,
            Mode = mode,
            Wave = wave,
            Site = site,
            MinCellSize = minCell,
        };
        db.Runs.Add(run);
        await db.SaveChangesAsync();
        await factory.Service<SurveyCatalog>().ReloadAsync();
        return run.Id;
    }
}
