using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Surveys;

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

    [Theory]
    [InlineData("en")]
    [InlineData("es")]
    [InlineData("zh-Hans")]
    [InlineData("vi")]
    [InlineData("ar")]
    [InlineData("ht")]
    public async Task The_code_page_its_errors_and_the_closed_notice_pass_axe(string lang)
    {
        var (page, _) = await fixture.NewPhonePageAsync();
        var violations = new List<string>();
        async Task Check(string name)
        {
            var result = await page.RunAxe(Wcag22AA);
            violations.AddRange(result.Violations.Select(v =>
                $"{lang} {name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        }
        var (codes, closed) = await RunsAsync();

        await page.GotoAsync($"{fixture.BaseUrl}/s/{codes}?lang={lang}");
        await Check("code page");
        await RespondentJourneyTests.SubmitAsync(page);
        await Check("code page with a missing code");
        await page.Locator("#code").FillAsync("ZZZZZ-ZZZZZ");
        await RespondentJourneyTests.SubmitAsync(page);
        await Check("code page with a wrong code");
        await page.GotoAsync($"{fixture.BaseUrl}/s/{closed}?lang={lang}");
        await Check("closed");

        Assert.True(violations.Count == 0, string.Join('\n', violations));
        await page.Context.CloseAsync();
    }

    /// <summary>A run that asks for one-time codes and a closed run, made once for all languages.</summary>
    private async Task<(string Codes, string Closed)> RunsAsync()
    {
        const string codes = "axe-codes", closed = "axe-closed";
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        await Gate.WaitAsync();
        try
        {
            if (!await db.Runs.AnyAsync(r => r.Slug == codes))
            {
                var version = await db.SurveyVersions.FirstAsync(v => v.SurveyId == SurveySeeder.StandardSurveyId);
                db.Runs.Add(new SurveyRun { Slug = codes, Name = codes, SurveyVersionId = version.Id, Status = RunStatus.Open, Mode = RunMode.OneTimeCodes });
                db.Runs.Add(new SurveyRun { Slug = closed, Name = closed, SurveyVersionId = version.Id, Status = RunStatus.Closed });
                await db.SaveChangesAsync();
                await fixture.Services.GetRequiredService<SurveyCatalog>().ReloadAsync();
            }
        }
        finally
        {
            Gate.Release();
        }
        return (codes, closed);
    }

    private static readonly SemaphoreSlim Gate = new(1, 1);
}
