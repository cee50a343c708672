using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Respond;

/// <summary>
/// The organizers' preview runs the survey's own flow: the same pages, checks and skip logic, the same answers to a
/// forged button or language, but for a run in any state, with no code used and nothing stored.
/// </summary>
public sealed class PreviewTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _runId;
    private ConsoleBrowser _browser = default!;

    public async ValueTask InitializeAsync()
    {
        var community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        var organizer = await _factory.AccountAsync("organizer@example.org", memberships: (community, OrganizationRole.Organizer));
        _runId = await _factory.RunAsync("eastside", community, RunMode.OneTimeCodes);
        await _factory.Service<RunCodeGenerator>().GenerateAsync(_runId, 1);
        _browser = ConsoleBrowser.Open(_factory);
        await _browser.SignInAsync(organizer);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Respondent Previewer() => new(_browser.Client, "eastside");

    [Fact]
    public async Task A_draft_run_is_previewed_to_the_end_with_its_checks_and_nothing_is_stored_or_used()
    {
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            await db.Runs.Where(r => r.Id == _runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RunStatus.Draft));
        await _factory.Service<SurveyCatalog>().ReloadAsync();
        var preview = Previewer();
        await preview.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/preview/runs/{_runId}?lang=es"));
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains("name=\"code\"", preview.Html); // shown as respondents see it, but not checked

        await preview.NextAsync(); // no code: the preview goes on
        Assert.Equal(HttpStatusCode.OK, preview.Status);
        await preview.NextAsync(("age_group", "17_or_under"));
        Assert.Equal(HttpStatusCode.BadRequest, preview.Status); // the same checks as the survey
        Assert.Contains("href=\"#q-age_group\"", preview.Html);
        // The preview's last page leads to the thank-you notice itself (nothing was stored to redirect after).
        for (var guard = 0; guard < 20 && preview.Html.Contains("name=\"state\"", StringComparison.Ordinal); guard++)
        {
            await preview.NextAsync(preview.ItemKeys.Where(StandardAnswers.ForeignBornVictim.ContainsKey)
                .SelectMany(k => StandardAnswers.ForeignBornVictim[k].Select(v => (k, v))).ToArray());
        }

        Assert.Equal(HttpStatusCode.OK, preview.Status);
        Assert.Contains("Gracias", preview.Html);
        await using var check = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await check.Responses.CountAsync());
        Assert.False(await check.RunCodes.AnyAsync(c => c.Used));
    }

    [Theory]
    [InlineData("submit")]
    [InlineData("")]
    [InlineData("lang:")]
    public async Task A_forged_button_is_a_bad_request_in_the_survey_and_in_the_preview(string nav)
    {
        var preview = Previewer();
        await preview.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/preview/runs/{_runId}?lang=en"));
        await preview.PostAsync(nav);
        Assert.Equal(HttpStatusCode.BadRequest, preview.Status);

        var survey = await new Respondent(_factory.CreateBrowser(), "eastside").OpenAsync(lang: "en");
        await survey.PostAsync(nav);
        Assert.Equal(HttpStatusCode.BadRequest, survey.Status);
    }

    [Fact]
    public async Task A_preview_form_never_opens_on_the_survey_nor_a_survey_form_on_the_preview()
    {
        var preview = Previewer();
        await preview.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/preview/runs/{_runId}?lang=en"));
        var survey = await new Respondent(_browser.Client, "eastside").OpenAsync(lang: "en");

        var previewOnSurvey = await _browser.Client.PostAsync("/s/eastside", Form(preview.State));
        var surveyOnPreview = await _browser.Client.PostAsync($"/preview/runs/{_runId}", Form(survey.State));

        Assert.Equal(HttpStatusCode.BadRequest, previewOnSurvey.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, surveyOnPreview.StatusCode);
    }

    private static FormUrlEncodedContent Form(string state) => new([new("state", state), new("nav", "next")]);
}
