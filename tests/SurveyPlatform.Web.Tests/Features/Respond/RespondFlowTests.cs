using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Respond;

public sealed class RespondFlowTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private Respondent NewRespondent() => new(_factory.CreateBrowser(), "community-trust");

    private async Task<List<(string Lang, Dictionary<string, string> Answers)>> StoredAsync()
    {
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var rows = await db.Responses.AsNoTracking().ToListAsync();
        return rows.Select(r => (r.Lang, JsonSerializer.Deserialize<Dictionary<string, string>>(r.AnswersJson)!)).ToList();
    }

    [Fact]
    public async Task Completing_the_survey_in_English_stores_exactly_one_row_with_the_answers()
    {
        var respondent = await NewRespondent().OpenAsync(lang: "en");
        Assert.Equal(HttpStatusCode.OK, respondent.Status);
        Assert.Contains("<html lang=\"en\" dir=\"ltr\">", respondent.Html);

        var asked = await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim);

        Assert.Equal(HttpStatusCode.SeeOther, respondent.Status);
        Assert.Equal("/s/community-trust/thanks?lang=en", respondent.Last!.Headers.Location!.OriginalString);
        Assert.Contains("status_group", asked); // shown because born_here = no
        Assert.Contains("why_not", asked);      // shown because reported = no
        var row = Assert.Single(await StoredAsync());
        Assert.Equal("en", row.Lang);
        Assert.Equal("agree_strong", row.Answers["chill_victim"]);
        Assert.Equal("immigration_fear language_barrier", row.Answers["why_not"]);
        Assert.Equal("4", row.Answers["trust_respect"]);
        Assert.Equal(StandardAnswers.ForeignBornVictim.Count, row.Answers.Count);
    }

    [Fact]
    public async Task Completing_the_survey_in_Spanish_chosen_from_Accept_Language_stores_the_language()
    {
        var respondent = await NewRespondent().OpenAsync(acceptLanguage: "es-MX,es;q=0.9,en;q=0.5");
        Assert.Contains("<html lang=\"es\" dir=\"ltr\">", respondent.Html);

        await StandardAnswers.CompleteAsync(respondent, StandardAnswers.ForeignBornVictim);

        var thanks = await _factory.CreateBrowser().GetAsync(respondent.Last!.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, thanks.StatusCode);
        Assert.Contains("lang=\"es\"", await thanks.Content.ReadAsStringAsync());
        Assert.Equal("es", Assert.Single(await StoredAsync()).Lang);
    }

    [Fact]
    public async Task Skip_logic_hides_follow_up_questions_and_drops_their_answers()
    {
        var answers = new Dictionary<string, string[]>(StandardAnswers.ForeignBornVictim)
        {
            ["born_here"] = ["yes"],
            ["victim_12m"] = ["no"],
        };
        var respondent = await NewRespondent().OpenAsync(lang: "en");

        var asked = await StandardAnswers.CompleteAsync(respondent, answers);

        Assert.DoesNotContain("status_group", asked);
        Assert.DoesNotContain("reported", asked);
        Assert.DoesNotContain("why_not", asked);
        var row = Assert.Single(await StoredAsync());
        Assert.False(row.Answers.ContainsKey("status_group"));
        Assert.False(row.Answers.ContainsKey("reported"));
    }

    [Fact]
    public async Task Switching_language_keeps_the_answers_given_on_the_page()
    {
        var respondent = await NewRespondent().OpenAsync(lang: "en");
        await respondent.NextAsync();
        var first = respondent.ItemKeys[0];

        await respondent.PostAsync("lang:ar", [(first, StandardAnswers.ForeignBornVictim[first][0])]);

        Assert.Equal(HttpStatusCode.OK, respondent.Status);
        Assert.Contains("<html lang=\"ar\" dir=\"rtl\">", respondent.Html);
        Assert.Contains($"value=\"{StandardAnswers.ForeignBornVictim[first][0]}\" checked", respondent.Html);
    }

    [Fact]
    public async Task Submitting_twice_stores_one_response()
    {
        var respondent = await NewRespondent().OpenAsync(lang: "en");
        await respondent.NextAsync();
        string? lastState = null;
        (string, string)[] lastAnswers = [];
        var response = respondent.Last!;
        while (response.StatusCode == HttpStatusCode.OK)
        {
            lastState = respondent.State;
            lastAnswers = respondent.ItemKeys.Where(StandardAnswers.ForeignBornVictim.ContainsKey)
                .SelectMany(k => StandardAnswers.ForeignBornVictim[k].Select(v => (k, v))).ToArray();
            response = await respondent.NextAsync(lastAnswers);
        }
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);

        // Back, then Submit again: the browser re-sends the last page's form.
        var again = await respondent.PostAsync("next", lastAnswers, lastState);

        Assert.Equal(HttpStatusCode.SeeOther, again.StatusCode);
        Assert.Single(await StoredAsync());
    }

    [Fact]
    public async Task Respondent_pages_are_not_cached_and_offer_a_quick_exit()
    {
        var respondent = await NewRespondent().OpenAsync(lang: "en");

        Assert.Equal("no-store", respondent.Last!.Headers.CacheControl!.ToString());
        Assert.Contains("id=\"quick-exit\"", respondent.Html);
        Assert.Contains("href=\"https://www.google.com/search?q=weather\"", respondent.Html);
        var cookie = Assert.Single(respondent.Last.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("max-age", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Health_endpoint_answers_ok()
    {
        var response = await _factory.CreateClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }
}
