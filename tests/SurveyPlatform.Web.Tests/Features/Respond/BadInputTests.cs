using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Respond;

/// <summary>Every kind of bad input gets a clear page in the respondent's language, and nothing is stored.</summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            Assert.Equal(0, await db.Responses.CountAsync());
        await _factory.DisposeAsync();
    }

    private async Task<Respondent> OnFirstQuestionPageAsync(string lang)
    {
        var respondent = new Respondent(_factory.CreateBrowser(), "community-trust");
        await respondent.OpenAsync(lang: lang);
        await respondent.NextAsync();
        return respondent;
    }

    [Fact]
    public async Task Tampered_state_gives_a_400_page_in_the_respondents_language()
    {
        var respondent = await OnFirstQuestionPageAsync("es");
        var state = respondent.State;
        var tampered = state[..^4] + (state[^4] == 'A' ? 'B' : 'A') + state[^3..];

        await respondent.PostAsync("next", state: tampered);

        Assert.Equal(HttpStatusCode.BadRequest, respondent.Status);
        Assert.Contains("lang=\"es\"", respondent.Html);
        Assert.DoesNotContain("Exception", respondent.Html);
    }

    [Fact]
    public async Task Expired_state_gives_a_400_page()
    {
        _factory.With("Respondent:StateLifetimeHours", "0.000001"); // 3.6 ms
        var respondent = new Respondent(_factory.CreateBrowser(), "community-trust");
        await respondent.OpenAsync(lang: "en");
        await Task.Delay(100);

        await respondent.NextAsync();

        Assert.Equal(HttpStatusCode.BadRequest, respondent.Status);
        Assert.Contains("Nothing was saved", respondent.Html);
    }

    [Fact]
    public async Task A_form_posted_without_the_browsers_cookie_gives_a_400_page()
    {
        var respondent = await OnFirstQuestionPageAsync("en");
        var cookieless = new Respondent(_factory.CreateBrowser(), "community-trust"); // a page that never visited the survey

        await cookieless.PostAsync("next", state: respondent.State);

        Assert.Equal(HttpStatusCode.BadRequest, cookieless.Status);
    }

    [Fact]
    public async Task A_form_of_another_browser_gives_a_400_page()
    {
        // Cross-site request forgery: an attacker's own form, posted from the victim's browser with the victim's cookie.
        var attacker = await OnFirstQuestionPageAsync("en");
        var victim = await OnFirstQuestionPageAsync("en");
        var victimsForm = victim.State;

        await victim.PostAsync("next", state: attacker.State);

        Assert.Equal(HttpStatusCode.BadRequest, victim.Status);
        await victim.PostAsync("back", state: victimsForm); // the victim's own form still works
        Assert.Equal(HttpStatusCode.OK, victim.Status);
    }

    [Fact]
    public async Task Unknown_answer_code_is_refused_next_to_the_item()
    {
        var respondent = await OnFirstQuestionPageAsync("vi");

        await respondent.NextAsync(("age_group", "17_or_under"));

        Assert.Equal(HttpStatusCode.BadRequest, respondent.Status);
        Assert.Contains("class=\"error-summary\"", respondent.Html);
        Assert.Contains("href=\"#q-age_group\"", respondent.Html);
        Assert.Contains("lang=\"vi\"", respondent.Html);
    }

    [Fact]
    public async Task Scale_value_out_of_range_is_refused()
    {
        var respondent = await ReachPageWithAsync("trust_respect");

        await respondent.NextAsync(("trust_respect", "11"));

        Assert.Equal(HttpStatusCode.BadRequest, respondent.Status);
        Assert.Contains("href=\"#q-trust_respect\"", respondent.Html);
    }

    [Fact]
    public async Task Text_over_its_limit_is_refused()
    {
        var respondent = await ReachPageWithAsync("comments");

        await respondent.NextAsync(("comments", new string('x', 2001)));

        Assert.Equal(HttpStatusCode.BadRequest, respondent.Status);
        Assert.Contains("href=\"#q-comments\"", respondent.Html);
    }

    [Fact]
    public async Task Unknown_slug_gives_a_404_page()
    {
        var response = await _factory.CreateBrowser().GetAsync("/s/no-such-survey");
        var post = await _factory.CreateBrowser().PostAsync("/s/no-such-survey", new FormUrlEncodedContent([new("nav", "next")]));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        Assert.Contains("Survey not found", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_post_to_a_closed_run_gives_a_410_page_and_stores_nothing()
    {
        var respondent = await OnFirstQuestionPageAsync("ht");
        await using (var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            await db.Runs.ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, RunStatus.Closed));
        await _factory.Service<SurveyCatalog>().ReloadAsync();

        await respondent.NextAsync(("area", "area_1"));

        Assert.Equal(HttpStatusCode.Gone, respondent.Status);
        Assert.Contains("lang=\"ht\"", respondent.Html);
    }

    [Fact]
    public async Task A_form_that_is_not_a_form_gives_a_400_page()
    {
        var client = _factory.CreateBrowser();
        var response = await client.PostAsync("/s/community-trust", new StringContent("{\"state\":1}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private async Task<Respondent> ReachPageWithAsync(string key)
    {
        var respondent = await OnFirstQuestionPageAsync("en");
        for (var guard = 0; guard < 10 && !respondent.ItemKeys.Contains(key); guard++)
        {
            var answers = respondent.ItemKeys.Where(StandardAnswers.ForeignBornVictim.ContainsKey)
                .SelectMany(k => StandardAnswers.ForeignBornVictim[k].Select(v => (k, v))).ToArray();
            await respondent.NextAsync(answers);
        }
        Assert.Contains(key, respondent.ItemKeys);
        return respondent;
    }
}
