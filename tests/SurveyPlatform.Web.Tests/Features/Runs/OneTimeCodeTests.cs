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

/// <summary>anonymity.md rule 5: one-time codes are stored as keyed hashes only, admit one response each, and nothing links a code to a response.</summary>
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
        Assert.Contains("Este código no es válido", WebUtility.HtmlDecode(second.Html));

        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Responses.CountAsync(r => r.RunId == _runId));
        Assert.Equal(1, await db.RunCodes.CountAsync(c => c.RunId == _runId && c.Used));
        var stored = await File.ReadAllBytesAsync(_factory.DatabasePath);
        foreach (var code in codes)
            Assert.DoesNotContain(code, Encoding.Latin1.GetString(stored));
        Assert.DoesNotContain(codes[0], (await db.Responses.SingleAsync()).AnswersJson);
    }

    [Fact]
    public async Task Two_respondents_racing_with_one_code_store_one_response()
    {
        var code = (await _factory.Service<RunCodeGenerator>().GenerateAsync(_runId, 1))[0];
        var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        var a = await new Respondent(client, "eastside-codes").OpenAsync("en");
        var b = await new Respondent(client, "eastside-codes").OpenAsync("en");
        // Both pass the consent page before either submits; the second submission is refused and nothing of it is kept.
        var bConsent = await b.ConsentWithCodeAsync(code);
        Assert.Equal(HttpStatusCode.OK, bConsent.StatusCode);
        await StandardAnswers.CompleteAsync(a, StandardAnswers.ForeignBornVictim, code);
        Assert.Equal(HttpStatusCode.SeeOther, a.Status);
        await StandardAnswers.AnswerPagesAsync(b, StandardAnswers.ForeignBornVictim, bConsent);
        Assert.Equal(HttpStatusCode.BadRequest, b.Status);
        Assert.Contains("This code has already been used", b.Html);
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
        // The code travels in the address fragment, which browsers never send to the server.
        Assert.All(codes, c => Assert.Contains($"/s/eastside-codes#code={c}", csv));

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
