using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.E2E;

/// <summary>
/// One-time codes and the browser's history, as respondents meet them on a phone: a card's QR link, two people with
/// one code, a forgotten code, Back in the middle of the survey, Back after "Leave this page".
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class RespondentSafetyTests(BrowserFixture fixture)
{
    private const string Neutral = "https://www.google.com/search?q=weather";

    [Fact]
    public async Task A_code_from_a_cards_QR_link_fills_the_field_and_leaves_the_address()
    {
        var (slug, codes) = await CodeRunAsync(1);
        var (page, requests) = await fixture.NewPhonePageAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/s/{slug}?lang=en#code={RunCodeGenerator.Display(codes[0])}");

        await Assertions.Expect(page.Locator("#code")).ToHaveValueAsync(RunCodeGenerator.Display(codes[0]));
        Assert.DoesNotContain("#", page.Url);
        Assert.DoesNotContain(requests, r => r.Contains(codes[0], StringComparison.OrdinalIgnoreCase)
            || r.Contains(RunCodeGenerator.Display(codes[0]), StringComparison.OrdinalIgnoreCase));
        var pages = await RespondentJourneyTests.CompleteAsync(page);
        Assert.InRange(pages, 4, 10);
        Assert.Contains($"/s/{slug}/thanks", page.Url);
        await page.Context.CloseAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Of_two_people_with_one_code_the_second_is_stopped_at_the_start(bool javaScript)
    {
        var (slug, codes) = await CodeRunAsync(1);
        var (first, _) = await fixture.NewPhonePageAsync(javaScript);
        var (second, _) = await fixture.NewPhonePageAsync(javaScript);
        await first.GotoAsync($"{fixture.BaseUrl}/s/{slug}?lang=en");
        await second.GotoAsync($"{fixture.BaseUrl}/s/{slug}?lang=en");

        await first.Locator("#code").FillAsync(RunCodeGenerator.Display(codes[0]));
        await RespondentJourneyTests.SubmitAsync(first);
        await second.Locator("#code").FillAsync(codes[0].ToLowerInvariant());
        await RespondentJourneyTests.SubmitAsync(second);

        Assert.True(await first.Locator("fieldset").CountAsync() > 0, "the first person is on the first question page");
        var summary = second.Locator(".error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("This code has already been used");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(second.Locator("#code-error")).ToBeVisibleAsync();
        await first.Context.CloseAsync();
        await second.Context.CloseAsync();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_forgotten_code_is_named_in_a_summary_at_the_top_that_takes_the_focus(bool javaScript)
    {
        var (slug, _) = await CodeRunAsync(1);
        var (page, _) = await fixture.NewPhonePageAsync(javaScript);
        await page.GotoAsync($"{fixture.BaseUrl}/s/{slug}?lang=es");

        await RespondentJourneyTests.SubmitAsync(page);

        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Escriba el código impreso en su tarjeta");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToBeInViewportAsync();
        await summary.Locator("a").ClickAsync();
        await Assertions.Expect(page.Locator("#code")).ToBeFocusedAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_phones_Back_in_the_middle_of_the_survey_shows_the_previous_page_not_a_resubmission()
    {
        var (page, _) = await fixture.NewPhonePageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/s/community-trust?lang=en");
        await RespondentJourneyTests.SubmitAsync(page); // consent
        var headings = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            headings.Add(await page.Locator("h1").InnerTextAsync());
            await AnswerAndGoOnAsync(page);
        }

        await page.GoBackAsync();

        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(headings[^1]);
        await Assertions.Expect(page.Locator("form#survey fieldset").First).ToBeVisibleAsync();
        Assert.DoesNotContain("ERR_CACHE_MISS", await page.ContentAsync());
        Assert.Contains("/s/community-trust", page.Url);
        // The answers given on the page gone back to are still there.
        Assert.True(await page.Locator("form#survey input:checked").CountAsync() > 0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Back_after_leaving_the_page_does_not_show_the_survey_again()
    {
        var (page, _) = await fixture.NewPhonePageAsync();
        await page.RouteAsync("https://www.google.com/**", route => route.FulfillAsync(new() { Body = "<title>Weather</title><p>Sunny</p>", ContentType = "text/html" }));
        await page.GotoAsync($"{fixture.BaseUrl}/s/community-trust?lang=ar");
        await RespondentJourneyTests.SubmitAsync(page); // consent
        await AnswerAndGoOnAsync(page);
        await AnswerAndGoOnAsync(page);

        await page.Locator("#quick-exit").ClickAsync();
        await page.WaitForURLAsync(Neutral);
        await page.GoBackAsync();

        await page.WaitForLoadStateAsync(LoadState.Load);
        Assert.DoesNotContain("/s/", page.Url);
        Assert.Equal(0, await page.Locator("form#survey").CountAsync());
        await page.Context.CloseAsync();
    }

    private static async Task AnswerAndGoOnAsync(IPage page)
    {
        foreach (var fieldset in await page.Locator("fieldset").AllAsync())
            await fieldset.Locator("input").First.CheckAsync();
        await RespondentJourneyTests.SubmitAsync(page);
    }

    /// <summary>A new open run of the standard survey that asks for one-time codes, and its codes.</summary>
    private async Task<(string Slug, IReadOnlyList<string> Codes)> CodeRunAsync(int count)
    {
        var slug = "codes-" + Guid.NewGuid().ToString("N")[..8];
        Guid runId;
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            var version = await db.SurveyVersions.FirstAsync(v => v.SurveyId == SurveySeeder.StandardSurveyId);
            var run = new SurveyRun { Slug = slug, Name = slug, SurveyVersionId = version.Id, Status = RunStatus.Open, Mode = RunMode.OneTimeCodes };
            db.Runs.Add(run);
            await db.SaveChangesAsync();
            runId = run.Id;
        }
        await fixture.Services.GetRequiredService<SurveyCatalog>().ReloadAsync();
        return (slug, await fixture.Services.GetRequiredService<RunCodeGenerator>().GenerateAsync(runId, count));
    }
}
