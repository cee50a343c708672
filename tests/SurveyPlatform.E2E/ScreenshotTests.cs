namespace SurveyPlatform.E2E;

/// <summary>
/// Phone-width screenshots of every respondent page, written to the test output folder (and to
/// SCREENSHOT_DIR when set) so that people can look at what respondents see.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("en")]
    [InlineData("ar")]
    [InlineData("zh-Hans")]
    public async Task Phone_screenshots_of_every_page(string lang)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var (page, _) = await fixture.NewPhonePageAsync();
        await page.GotoAsync($"{fixture.BaseUrl}/s/community-trust?lang={lang}");
        var files = new List<string> { Path.Combine(folder, $"{lang}-0-consent.png") };
        await page.ScreenshotAsync(new() { Path = files[0], FullPage = true });

        await RespondentJourneyTests.CompleteAsync(page, async (p, n) =>
        {
            var file = Path.Combine(folder, $"{lang}-{n}-page.png");
            files.Add(file);
            await p.ScreenshotAsync(new() { Path = file, FullPage = true });
        });
        files.Add(Path.Combine(folder, $"{lang}-9-thanks.png"));
        await page.ScreenshotAsync(new() { Path = files[^1], FullPage = true });

        Assert.All(files, f => Assert.True(new FileInfo(f).Length > 5_000, $"{f} looks empty"));
        await page.Context.CloseAsync();
    }
}
