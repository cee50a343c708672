using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SurveyPlatform.E2E;

/// <summary>axe finds no WCAG 2.2 A/AA violation on any respondent page, in any shipped language.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("zh-Hans")]
    [InlineData("vi")]
    [InlineData("ar")]
    [InlineData("ht")]
    public async Task Every_respondent_page_passes_axe(string lang)
    {
        var (page, _) = await fixture.NewPhonePageAsync();
        var violations = new List<string>();
        async Task Check(string name)
        {
            var result = await page.RunAxe(Wcag22AA);
            violations.AddRange(result.Violations.Select(v =>
                $"{lang} {name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        }

        await page.GotoAsync($"{fixture.BaseUrl}/s/community-trust?lang={lang}");
        await Check("consent");
        await RespondentJourneyTests.CompleteAsync(page, async (p, n) =>
        {
            await Check($"page {n}");
            if (n == 1)
            {
                // The same page with errors showing.
                await p.EvaluateAsync("() => { const i = document.querySelector('input[type=radio]'); i.value = 'x'; i.checked = true; }");
                await RespondentJourneyTests.SubmitAsync(p);
                await Check("page 1 with errors");
            }
        });
        await Check("thank-you");
        await page.GotoAsync($"{fixture.BaseUrl}/s/no-such-survey?lang={lang}");
        await Check("not found");

        Assert.True(violations.Count == 0, string.Join('\n', violations));
        await page.Context.CloseAsync();
    }
}
