using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Tests.Infrastructure;
using UglyToad.PdfPig;

namespace SurveyPlatform.Web.Tests.Features.Runs;

/// <summary>Paper questionnaires: printed from the run, typed in with the import's rules, stored as paper responses.</summary>
public sealed class PaperEntryTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _paperRun, _onlineRun;
    private TestAccount _organizer = default!;

    public async ValueTask InitializeAsync()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _organizer = await _factory.AccountAsync("organizer@example.org", memberships: (community, OrganizationRole.Organizer));
        _onlineRun = await _factory.RunAsync("online-only", community);
        _paperRun = await _factory.RunAsync("with-paper", community);
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            await db.Runs.Where(r => r.Id == _paperRun).ExecuteUpdateAsync(s => s.SetProperty(r => r.AllowPaperEntry, true));
        await _factory.Service<SurveyCatalog>().ReloadAsync();
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private static Dictionary<string, string> Answers() => StandardAnswers.ForeignBornVictim.ToDictionary(a => a.Key, a => string.Join(' ', a.Value));

    [Fact]
    public async Task A_valid_paper_response_is_stored_once_as_paper_even_when_saved_twice()
    {
        var entry = _factory.Service<PaperEntry>();
        var nonce = new byte[16];
        Assert.Empty(await entry.SubmitAsync(_paperRun, "es", Answers(), nonce));
        Assert.Empty(await entry.SubmitAsync(_paperRun, "es", Answers(), nonce));
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var stored = await db.Responses.SingleAsync();
        Assert.Equal(ResponseMode.Paper, stored.Mode);
        Assert.Equal("es", stored.Lang);
        Assert.Contains("\"why_not\":\"immigration_fear language_barrier\"", stored.AnswersJson);
    }

    [Fact]
    public async Task Answers_the_skip_logic_hides_and_unknown_codes_are_refused_by_item_and_nothing_is_stored()
    {
        var answers = Answers();
        answers["victim_12m"] = "no"; // then 'reported' and 'why_not' are not asked
        answers["gender"] = "robot";
        var errors = await _factory.Service<PaperEntry>().SubmitAsync(_paperRun, "en", answers, new byte[16]);
        Assert.Contains(errors, e => e.ItemKey == "reported" && e.Kind == AnswerErrorKind.Hidden);
        Assert.Contains(errors, e => e.ItemKey == "gender");
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Responses.CountAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => _factory.Service<PaperEntry>().SubmitAsync(_onlineRun, "en", Answers(), new byte[16]));
    }

    [Fact]
    public async Task The_printable_questionnaire_is_the_survey_in_the_chosen_language_and_only_for_runs_with_paper()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var response = await browser.Client.GetAsync($"/admin/runs/{_paperRun}/paper/questionnaire.pdf?lang=es");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync()))
        {
            var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("zona", text);
            Assert.Contains("Zona 1", text);
            Assert.DoesNotContain("Which area", text);
        }
        Assert.Equal(HttpStatusCode.NotFound, (await browser.Client.GetAsync($"/admin/runs/{_onlineRun}/paper/questionnaire.pdf")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await browser.Client.GetAsync($"/admin/runs/{_paperRun}/paper/questionnaire.pdf?lang=fr")).StatusCode);
    }
}
