using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Surveys;

/// <summary>Fixing a translation stores a new, checked version of the questionnaire; the preview is the respondent page, framable by the console only.</summary>
public sealed class WordingTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _runId;
    private TestAccount _organizer = default!;

    public async ValueTask InitializeAsync()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _organizer = await _factory.AccountAsync("organizer@example.org", memberships: (community, OrganizationRole.Organizer));
        _runId = await _factory.RunAsync("eastside", community);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private async Task<string> StandardJsonAsync()
    {
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        return (await db.Runs.Include(r => r.SurveyVersion).SingleAsync(r => r.Id == _runId)).SurveyVersion!.DefinitionJson;
    }

    [Fact]
    public async Task Every_text_of_the_standard_survey_is_listed_with_its_key_and_code_and_complete_in_every_language()
    {
        var texts = Translations.Read(await StandardJsonAsync());
        Assert.Contains(texts, t => t.Label == "area · text" && t.Path == "$.pages[0].items[0].text");
        Assert.Contains(texts, t => t.Label == "area · help");
        Assert.Contains(texts, t => t.Label == "area › area_1 · label" && t.Text["es"] == "Zona 1");
        Assert.Contains(texts, t => t.Label == "consent · paragraphs 1");
        foreach (var lang in new[] { "en", "es", "zh-Hans", "vi", "ar", "ht" })
            Assert.Equal(1.0, Translations.Completeness(texts, lang));
        Assert.Equal("1.0.0-edit.2", Translations.NextVersion("1.0.0-edit.1", ["1.0.0", "1.0.0-edit.1"]));
    }

    [Fact]
    public async Task A_fixed_translation_becomes_a_new_version_that_the_run_without_responses_uses()
    {
        var versions = _factory.Service<SurveyVersions>();
        var (result, moved, _) = await versions.SaveWordingAsync(_runId, new Dictionary<string, Dictionary<string, string>>
        {
            ["$.pages[0].items[0].text"] = new() { ["es"] = "¿En qué barrio vive usted?" },
        }, Organizer);
        Assert.Empty(result.Errors);
        Assert.True(moved);
        await _factory.Service<SurveyCatalog>().ReloadAsync();
        var run = _factory.Service<SurveyCatalog>().Find("eastside")!;
        Assert.Equal("1.0.0-edit.1", run.Definition.Version);
        Assert.Equal("¿En qué barrio vive usted?", run.Definition.FindItem("area")!.Text.Get("es"));
        Assert.Equal(Translations.Read(await StandardJsonAsync()).Count, Translations.Read(await StandardJsonAsync()).Count);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(2, await db.SurveyVersions.CountAsync(v => v.SurveyId == "community-trust"));
    }

    private System.Security.Claims.ClaimsPrincipal Organizer => new(new System.Security.Claims.ClaimsIdentity(
        [new(System.Security.Claims.ClaimTypes.NameIdentifier, _organizer.Id), new(System.Security.Claims.ClaimTypes.Name, _organizer.Email)], "test"));

    [Fact]
    public async Task A_wording_fix_reaches_a_run_with_responses_at_the_same_address_and_is_recorded_in_the_audit_log()
    {
        await _factory.AddResponsesAsync(_runId, 12, "", _ => "es");
        var codes = await _factory.Service<Web.Features.Runs.RunCodeGenerator>().GenerateAsync(_runId, 1);
        var saved = await _factory.Service<SurveyVersions>().SaveWordingAsync(_runId, new Dictionary<string, Dictionary<string, string>>
        {
            ["$.pages[0].items[0].text"] = new() { ["es"] = "¿En qué barrio vive usted?", ["ar"] = "في أي حي تسكن؟" },
        }, Organizer);

        Assert.Empty(saved.Result.Errors);
        Assert.True(saved.RunMoved);
        Assert.Equal(12, saved.EarlierResponses);
        await _factory.Service<SurveyCatalog>().ReloadAsync();
        var run = _factory.Service<SurveyCatalog>().Find("eastside")!; // the same address
        Assert.Equal("1.0.0-edit.1", run.Definition.Version);
        Assert.Equal("¿En qué barrio vive usted?", run.Definition.FindItem("area")!.Text.Get("es"));
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(12, await db.Responses.CountAsync(r => r.RunId == _runId));
        Assert.Equal(1, await db.RunCodes.CountAsync(c => c.RunId == _runId && !c.Used)); // printed codes still work
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "survey-edited");
        Assert.Equal(_organizer.Id, audit.UserId);
        Assert.Equal("eastside", audit.Target);
        Assert.Contains("1.0.0 → 1.0.0-edit.1", audit.Detail);
        Assert.Contains("1 text changed: area · text (es, ar)", audit.Detail);
        Assert.Contains("12 responses given with the earlier wording", audit.Detail);

        // The results of the run read the answers given before and after alike.
        var report = await _factory.Service<Web.Features.Dashboards.RunResults>().LiveAsync(_runId);
        Assert.Equal(12, report!.Report.Responses);
    }

    [Fact]
    public void Only_a_change_of_wording_counts_as_wording_a_changed_code_or_condition_does_not()
    {
        var json = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "surveys", "community-trust.survey.json"));
        var reworded = Translations.Apply(json, new Dictionary<string, Dictionary<string, string>>
        {
            ["$.pages[0].items[0].text"] = new() { ["en"] = "Which part of town do you live in?" },
        }, "1.0.0-edit.1");
        Assert.True(Translations.OnlyWordingDiffers(json, reworded));
        Assert.False(Translations.OnlyWordingDiffers(json, json.Replace("\"code\": \"area_1\"", "\"code\": \"north\"", StringComparison.Ordinal)));
        Assert.False(Translations.OnlyWordingDiffers(json, json.Replace("\"born_here = no\"", "\"born_here = yes\"", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task An_emptied_translation_is_refused_with_the_message_of_survey_validate_and_nothing_is_stored()
    {
        var (result, moved, _) = await _factory.Service<SurveyVersions>().SaveWordingAsync(_runId, new Dictionary<string, Dictionary<string, string>>
        {
            ["$.pages[0].items[0].text"] = new() { ["vi"] = "  " },
        }, Organizer);
        Assert.False(moved);
        Assert.Contains(result.Errors, e => e.Contains("$.pages[0].items[0].text", StringComparison.Ordinal) && e.Contains("'vi'", StringComparison.Ordinal));
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.SurveyVersions.CountAsync(v => v.SurveyId == "community-trust"));
    }

    [Fact]
    public async Task The_preview_may_be_framed_by_the_platform_only_and_the_survey_itself_not_at_all()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var preview = await browser.Client.GetAsync($"/preview/runs/{_runId}?lang=es");
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var csp = preview.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("frame-ancestors 'self'", csp);
        Assert.Contains("script-src 'self'", csp);
        Assert.Equal("SAMEORIGIN", preview.Headers.GetValues("X-Frame-Options").Single());
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Contains($"action=\"/preview/runs/{_runId}?lang=es\"", html);
        Assert.Contains("lang=\"es\"", html);

        var survey = await browser.Client.GetAsync("/s/eastside");
        Assert.Contains("frame-ancestors 'none'", survey.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", survey.Headers.GetValues("X-Frame-Options").Single());
        var console = await browser.Client.GetAsync($"/admin/runs/{_runId}/wording");
        Assert.Contains("frame-ancestors 'none'", console.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task Answering_through_the_preview_to_the_end_stores_nothing()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(_organizer);
        var page = await browser.Client.GetStringAsync($"/preview/runs/{_runId}?lang=en");
        for (var i = 0; i < 30 && page.Contains("name=\"state\"", StringComparison.Ordinal); i++)
        {
            var fields = new Dictionary<string, string>
            {
                ["state"] = Field(page, "state"),
                [Between(page, "type=\"hidden\" name=\"", "\"")] = Field(page, Between(page, "type=\"hidden\" name=\"", "\"")),
                ["nav"] = "next",
            };
            var response = await browser.Client.PostAsync($"/preview/runs/{_runId}?lang=en", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            page = await response.Content.ReadAsStringAsync();
        }
        Assert.DoesNotContain("name=\"state\"", page);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Responses.CountAsync());
        Assert.Equal(0, await db.SubmissionReceipts.CountAsync());
    }

    private static string Field(string html, string name) => WebUtility.HtmlDecode(Between(html, $"name=\"{name}\" value=\"", "\""));

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }
}
