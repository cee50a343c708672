using Microsoft.Playwright;
using OtpNet;

namespace SurveyPlatform.E2E;

/// <summary>How a person uses the console: waits for each page to be ready, types into the forms, reads a phone's codes.</summary>
public static class ConsolePages
{
    private static readonly Dictionary<string, long> LastStep = [];

    /// <summary>
    /// Waits until the page has loaded and its live connection (Blazor circuit) has taken over the server-rendered page:
    /// the console marks its main element <c>data-interactive="true"</c> then. Typing or clicking earlier would be lost.
    /// </summary>
    public static async Task InteractiveAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.Load);
        await Assertions.Expect(page.Locator("main[data-interactive=true]")).ToBeAttachedAsync(new() { Timeout = 90_000 });
        // A page that computes its content again once interactive (results) shows a progress bar meanwhile: wait it out,
        // and for the page's title, which the live connection writes again.
        await Assertions.Expect(page.Locator("main .mud-progress-linear")).ToHaveCountAsync(0, new() { Timeout = 90_000 });
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("\\S"), new() { Timeout = 30_000 });
    }

    /// <summary>The authenticator app's code, waiting for the next one when this one was used already (each is accepted once).</summary>
    public static async Task<string> NextCodeAsync(string key)
    {
        while (true)
        {
            var step = DateTimeOffset.UtcNow.ToUnixTimeSeconds() / 30;
            lock (LastStep)
            {
                if (!LastStep.TryGetValue(key, out var last) || step > last)
                {
                    LastStep[key] = step;
                    return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);
                }
            }
            await Task.Delay(1000);
        }
    }

    /// <summary>Signs in by typing into the sign-in page (and the authenticator page), once each page has loaded.</summary>
    public static async Task SignInAsync(IPage page, string baseUrl, string email, string password, string? authenticatorKey)
    {
        // Account pages are server-rendered forms: once loaded (scripts included) they are ready to type into.
        await page.GotoAsync($"{baseUrl}/account/login", new() { WaitUntil = WaitUntilState.Load });
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        if (authenticatorKey is not null)
        {
            await page.WaitForURLAsync("**/account/login/2fa**", new() { WaitUntil = WaitUntilState.Load });
            await page.GetByLabel("Code").FillAsync(await NextCodeAsync(authenticatorKey));
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/admin", StringComparison.Ordinal) || new Uri(url).AbsolutePath.StartsWith("/review", StringComparison.Ordinal));
        await InteractiveAsync(page);
    }

    /// <summary>Into the test output folder (or SCREENSHOT_DIR), for people to look at.</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
    }
}
