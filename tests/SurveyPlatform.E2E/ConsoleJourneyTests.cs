using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.E2E;

/// <summary>
/// An organizer's whole season in the browser: a run of the standard survey, a fixed translation, one-time codes, a respondent
/// (and the refused second use of their code), the count, sharing with the police, the police reviewer's brief and the
/// public page; axe on every console page and the public page, screenshots of the console.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ConsoleJourneyTests(BrowserFixture fixture)
{
    private const string Password = "harbor quilt meadow lantern";
    private const string FixedSpanish = "¿En qué barrio de la ciudad vive?";

    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    [Fact]
    public async Task Organizer_runs_a_survey_with_codes_and_shares_it_with_the_police()
    {
        IPage? last = null;
        try { await Journey(p => last = p); }
        catch { if (last is not null) { await last.ScreenshotAsync(new() { Path = "/tmp/c2shots/DEBUG-failure.png", FullPage = true }); await File.WriteAllTextAsync("/tmp/c2shots/DEBUG-url.txt", last.Url); } throw; }
    }

    private async Task Journey(Action<IPage> current)
    {
        var (organizerKey, _) = await AccountsAsync();
        var violations = new List<string>();
        var organizer = await fixture.NewDesktopPageAsync();
        current(organizer);
        async Task Axe(IPage page, string name)
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var result = await page.RunAxe(Wcag22AA);
            violations.AddRange(result.Violations.Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        }

        // Sign in with password and authenticator code.
        await SignInAsync(organizer, "organizer@example.org", organizerKey);
        await Axe(organizer, "console home");

        // A run of the standard survey, answered with one-time codes.
        await organizer.GotoAsync($"{fixture.BaseUrl}/admin/runs/new");
        await InteractiveAsync(organizer);
        await organizer.GetByLabel("Name").FillAsync("Eastside spring");
        await organizer.GetByLabel("Address: /s/…").FillAsync("eastside-spring");
        await organizer.GetByLabel("Address: /s/…").BlurAsync();
        await organizer.GetByRole(AriaRole.Combobox, new() { Name = "Who may answer" }).ClickAsync();
        await organizer.GetByText("Only with a one-time code").ClickAsync();
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Create and open" }).ClickAsync();
        await organizer.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/admin/runs/[0-9a-f-]{36}$"), new() { WaitUntil = WaitUntilState.Commit });
        await organizer.GotoAsync(organizer.Url);
        await Assertions.Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Eastside spring", Level = 1 })).ToBeVisibleAsync();
        var runUrl = organizer.Url;
        await Axe(organizer, "run page");

        // Fix a Spanish translation; the run has no responses yet, so it moves to the new version.
        await organizer.GetByRole(AriaRole.Link, new() { Name = "Wording, translations and preview" }).ClickAsync();
        await Assertions.Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Wording and translations", Level = 1 })).ToBeVisibleAsync();
        await InteractiveAsync(organizer);
        await organizer.GetByLabel("Find (key or text)").FillAsync("area · text");
        var field = organizer.GetByRole(AriaRole.Textbox, new() { Name = "area · text" });
        await field.FillAsync(FixedSpanish);
        await field.BlurAsync();
        await organizer.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Save as a new version") }).ClickAsync();
        await Assertions.Expect(organizer.GetByText("The run now uses the new version")).ToBeVisibleAsync();
        await organizer.GetByLabel("Find (key or text)").FillAsync("");
        await Axe(organizer, "wording page");
        await Screenshot(organizer, "console-wording.png");

        // Codes.
        await organizer.GotoAsync(runUrl);
        await InteractiveAsync(organizer);
        await organizer.GetByLabel("How many codes").FillAsync("2");
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Make codes" }).ClickAsync();
        var csvLink = organizer.Locator("#codes-csv");
        await Assertions.Expect(csvLink).ToBeVisibleAsync();
        var csv = await (await organizer.Context.APIRequest.GetAsync(fixture.BaseUrl + await csvLink.GetAttributeAsync("href"))).TextAsync();
        var code = csv.Split('\n')[1].Split(',')[0];

        // A respondent answers in Spanish with the code and sees the fixed wording; the code then works no more.
        var (respondent, _) = await fixture.NewPhonePageAsync();
        await respondent.GotoAsync($"{fixture.BaseUrl}/s/eastside-spring?lang=es&code={Uri.EscapeDataString(code)}");
        var sawFix = false;
        await RespondentJourneyTests.CompleteAsync(respondent, async (p, n) => sawFix |= (await p.ContentAsync()).Contains(FixedSpanish, StringComparison.Ordinal));
        Assert.True(sawFix, "the fixed translation was not on the respondent's pages");
        Assert.Contains("/thanks", respondent.Url);
        await respondent.GotoAsync($"{fixture.BaseUrl}/s/eastside-spring?lang=es&code={Uri.EscapeDataString(code)}");
        await respondent.Locator("button.primary").ClickAsync();
        await Assertions.Expect(respondent.Locator("#code-error")).ToBeVisibleAsync();
        await respondent.Context.CloseAsync();

        // The organizer sees the response counted.
        await organizer.GotoAsync(runUrl);
        await InteractiveAsync(organizer);
        await Assertions.Expect(organizer.GetByText("responses in all")).ToContainTextAsync("1 responses in all");

        // Share with the police department and publish (both ask for the password again).
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Sharing and publishing" }).ClickAsync();
        await organizer.GetByLabel("Share with Metro Police").CheckAsync(new() { Force = true });
        await ConfirmAsync(organizer, organizerKey);
        await organizer.GetByLabel("Publish the aggregated results for anyone at /r/…").CheckAsync(new() { Force = true });
        await Assertions.Expect(organizer.GetByText("Published for anyone at /r/eastside-spring")).ToBeVisibleAsync();

        await organizer.GotoAsync(runUrl + "/results");
        await Assertions.Expect(organizer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Results");
        await Axe(organizer, "results page");
        await Screenshot(organizer, "console-results.png");

        // The police reviewer downloads the brief (aggregates only).
        var police = await fixture.NewDesktopPageAsync();
        current(police);
        await SignInAsync(police, "reviewer@example.org", null);
        await police.GotoAsync(runUrl.Replace("/admin/runs/", "/review/runs/", StringComparison.Ordinal));
        await Axe(police, "review page");
        var download = await police.RunAndWaitForDownloadAsync(() => police.Locator("[data-testid=report-brief]").ClickAsync());
        var file = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(file!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.EndsWith("-brief-en.pdf", download.SuggestedFilename);

        // The public page: one response, so every group is shown as suppressed, never as a figure.
        var (reader, _) = await fixture.NewPhonePageAsync();
        await reader.GotoAsync($"{fixture.BaseUrl}/r/eastside-spring?by=born_here&lang=en");
        await Assertions.Expect(reader.GetByText("Not shown: fewer than 10 people in this group").First).ToBeVisibleAsync();
        await Axe(reader, "public page");

        Assert.True(violations.Count == 0, string.Join('\n', violations));
        await organizer.Context.CloseAsync();
        await police.Context.CloseAsync();
        await reader.Context.CloseAsync();
    }

    /// <summary>Waits until the console's circuit has taken over the prerendered page, so that typing reaches the component.</summary>
    private static async Task InteractiveAsync(IPage page)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.WaitForTimeoutAsync(1000);
    }

    private async Task SignInAsync(IPage page, string email, string? authenticatorKey)
    {
        await page.GotoAsync($"{fixture.BaseUrl}/account/login");
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#password").FillAsync(Password);
        await page.Locator("#password").PressAsync("Enter");
        if (authenticatorKey is not null)
        {
            await page.WaitForURLAsync("**/account/login/2fa**");
            await page.Locator("#code").FillAsync(Totp(authenticatorKey));
            await page.Locator("#code").PressAsync("Enter");
        }
        await page.WaitForURLAsync(url => url.Contains("/admin", StringComparison.Ordinal) || url.Contains("/review", StringComparison.Ordinal));
    }

    private static async Task ConfirmAsync(IPage page, string authenticatorKey)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Password").FillAsync(Password);
        await dialog.GetByLabel("Authenticator code").FillAsync(Totp(authenticatorKey));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    private static string Totp(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    /// <summary>Into docs/ of the repository (found from the test's folder), for people to look at.</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
    }

    /// <summary>A community group with an organizer (with an authenticator), and a police department with a reviewer.</summary>
    private async Task<(string OrganizerKey, Guid Community)> AccountsAsync()
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var community = new Organization { Name = "Eastside Neighbors", Kind = OrganizationKind.Community };
        var police = new Organization { Name = "Metro Police", Kind = OrganizationKind.PoliceDepartment };
        db.Organizations.AddRange(community, police);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        async Task<AppUser> Create(string email)
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user, Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            return user;
        }
        var organizer = await Create("organizer@example.org");
        await users.ResetAuthenticatorKeyAsync(organizer);
        await users.SetTwoFactorEnabledAsync(organizer, true);
        var key = (await users.GetAuthenticatorKeyAsync(organizer))!;
        var reviewer = await Create("reviewer@example.org");
        db.Memberships.AddRange(
            new Membership { UserId = organizer.Id, OrganizationId = community.Id, Role = OrganizationRole.Organizer },
            new Membership { UserId = reviewer.Id, OrganizationId = police.Id, Role = OrganizationRole.PoliceReviewer });
        await db.SaveChangesAsync();
        Assert.Equal(2, await db.Memberships.CountAsync());
        return (key, community.Id);
    }
}
