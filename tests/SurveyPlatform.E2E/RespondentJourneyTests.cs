using Microsoft.Playwright;

namespace SurveyPlatform.E2E;

[Collection(BrowserCollection.Name)]
public sealed class RespondentJourneyTests(BrowserFixture fixture)
{
    /// <summary>Answers every visible question on each page with its first offered answer, then moves on.</summary>
    internal static async Task<int> CompleteAsync(IPage page, Func<IPage, int, Task>? onPage = null)
    {
        await SubmitAsync(page); // consent
        var pages = 0;
        while (page.Url.Contains("/thanks") is false && pages < 15)
        {
            pages++;
            if (onPage is not null)
                await onPage(page, pages);
            foreach (var fieldset in await page.Locator("fieldset").AllAsync())
            {
                var first = fieldset.Locator("input").First;
                await first.CheckAsync();
            }
            await SubmitAsync(page);
        }
        return pages;
    }

    /// <summary>
    /// Presses the page's main button and waits until the next page is there: the form's protected state is a new
    /// one (every page carries its own) and the page is complete down to its button, or the thank-you page is shown;
    /// then its stylesheet is applied. Waiting first on the page itself never acts on the page that is being left.
    /// </summary>
    internal static async Task SubmitAsync(IPage page)
    {
        var state = await page.Locator("input[name=state]").GetAttributeAsync("value");
        await page.Locator("button.primary").ClickAsync();
        await Assertions.Expect(page.Locator($"input[name=state][value=\"{state}\"]")).ToHaveCountAsync(0, new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("form#survey button.primary, body > main").First).ToBeAttachedAsync(new() { Timeout = 60_000 });
        // The next document is now the page's own, so its load event (stylesheet applied) is the one waited for.
        await page.WaitForLoadStateAsync(LoadState.Load, new() { Timeout = 60_000 });
    }

    [Theory]
    [InlineData("en", true)]
    [InlineData("ar", true)]
    [InlineData("en", false)]
    [InlineData("ar", false)]
    public async Task A_respondent_completes_the_survey(string lang, bool javaScript)
    {
        var (page, requests) = await fixture.NewPhonePageAsync(javaScript);

        await page.GotoAsync($"{fixture.BaseUrl}/s/community-trust?lang={lang}");
        Assert.Equal(lang, await page.GetAttributeAsync("html", "lang"));
        Assert.Equal(lang == "ar" ? "rtl" : "ltr", await page.GetAttributeAsync("html", "dir"));
        var pages = await CompleteAsync(page);

        Assert.Contains("/s/community-trust/thanks", page.Url);
        Assert.InRange(pages, 4, 10);
        Assert.All(requests, url => Assert.StartsWith(fixture.BaseUrl, url));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Errors_are_summarised_at_the_top_and_linked_to_the_question()
    {
        var (page, _) = await fixture.NewPhonePageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/s/community-trust?lang=en");
        await SubmitAsync(page); // consent; then wait for the first page, as a person would
        // Forge an invalid answer the way a broken client would; the server must refuse it in words.
        await page.EvaluateAsync("() => { const i = document.querySelector('input[type=radio]'); i.value = 'not_a_code'; i.checked = true; }");
        await SubmitAsync(page);

        var summary = page.Locator(".error-summary");
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await summary.Locator("a").First.ClickAsync();
        Assert.EndsWith("#" + await page.Locator(".has-error input").First.GetAttributeAsync("id"), page.Url);
        await page.Context.CloseAsync();
    }
}

/// <summary>Usable at 320 CSS pixels (a small phone, or a 640-pixel screen at 200% zoom): nothing scrolls sideways.</summary>
[Collection(BrowserCollection.Name)]
public sealed class NarrowScreenTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("vi")]
    public async Task No_page_needs_horizontal_scrolling_at_320_pixels(string lang)
    {
        var (page, _) = await fixture.NewPhonePageAsync();
        await page.SetViewportSizeAsync(320, 640);
        var wide = new List<string>();
        async Task Check(string name)
        {
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            if (width > 320)
                wide.Add($"{lang} {name}: {width}px");
        }

        await page.GotoAsync($"{fixture.BaseUrl}/s/community-trust?lang={lang}");
        await Check("consent");
        await RespondentJourneyTests.CompleteAsync(page, (_, n) => Check($"page {n}"));
        await Check("thank-you");

        Assert.True(wide.Count == 0, string.Join('\n', wide));
        await page.Context.CloseAsync();
    }
}
