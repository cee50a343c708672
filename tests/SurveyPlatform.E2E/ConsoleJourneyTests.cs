using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
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
        var (organizerKey, _) = await AccountsAsync();
        var violations = new List<string>();
        var organizer = await fixture.NewDesktopPageAsync();
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
        await ChooseAsync(organizer, "Who may answer", "Only with a one-time code");
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Create and open" }).ClickAsync();
        await organizer.WaitForURLAsync(url => System.Text.RegularExpressions.Regex.IsMatch(url, "/admin/runs/[0-9a-f-]{36}$"), new() { WaitUntil = WaitUntilState.Commit });
        await organizer.GotoAsync(organizer.Url);
        await Assertions.Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Eastside spring", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(organizer.GetByText("One-time codes", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = 30_000 }); // the mode was taken
        var runUrl = organizer.Url;
        await Axe(organizer, "run page");

        // Fix a Spanish translation; the run has no responses yet, so it moves to the new version.
        await organizer.GetByRole(AriaRole.Link, new() { Name = "Wording, translations and preview" }).ClickAsync();
        await Assertions.Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Wording and translations", Level = 1 })).ToBeVisibleAsync();
        await InteractiveAsync(organizer);
        await organizer.GetByLabel("Find (key or text)").FillAsync("area · text");
        var field = organizer.GetByRole(AriaRole.Textbox, new() { Name = "area · text" });
        var save = organizer.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Save as a new version") });
        for (var attempt = 0; attempt < 5 && !await save.IsEnabledAsync(); attempt++)
        {
            // Typing reaches the component once the circuit is up; on a busy machine that can take a moment.
            await field.FillAsync(FixedSpanish);
            await field.PressAsync("Tab");
            await organizer.WaitForTimeoutAsync(500);
        }
        await save.ClickAsync();
        await Assertions.Expect(organizer.GetByText("The run now uses the new version")).ToBeVisibleAsync();
        await organizer.GetByLabel("Find (key or text)").FillAsync("area");
        // axe would measure the message while it fades in or out.
        await Assertions.Expect(organizer.Locator(".mud-snackbar")).ToBeHiddenAsync(new() { Timeout = 20_000 });
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
        await organizer.GetByText("Sharing and publishing").ClickAsync();
        await organizer.GetByRole(AriaRole.Switch, new() { Name = "Share with Metro Police" }).ClickAsync();
        await ConfirmAsync(organizer, organizerKey);
        await organizer.GetByText("Publish the aggregated results for anyone at /r/…").ClickAsync();
        await Assertions.Expect(organizer.GetByText("Published for anyone at /r/eastside-spring")).ToBeVisibleAsync();

        await organizer.GotoAsync(runUrl + "/results");
        await InteractiveAsync(organizer);
        await Assertions.Expect(organizer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Results");
        await Axe(organizer, "results page");
        await Screenshot(organizer, "console-results.png");

        // The police reviewer: with only the one response (k = 10) there is nothing to show, not even the count, and no brief.
        var police = await fixture.NewDesktopPageAsync();
        await SignInAsync(police, "reviewer@example.org", null);
        var reviewUrl = runUrl.Replace("/admin/runs/", "/review/runs/", StringComparison.Ordinal);
        await police.GotoAsync(reviewUrl);
        await Assertions.Expect(police.GetByText("too few responses to show results yet")).ToBeVisibleAsync();
        await Assertions.Expect(police.Locator("[data-testid=report-brief]")).ToHaveCountAsync(0);

        // The public page: with only the one response nothing is shown; with eleven more imported responses of people born
        // abroad, the group of people born here (the one respondent) is shown as suppressed, never as a figure.
        var (reader, _) = await fixture.NewPhonePageAsync();
        await reader.GotoAsync($"{fixture.BaseUrl}/r/eastside-spring?lang=en");
        await Assertions.Expect(reader.GetByText("Not enough people have answered yet")).ToBeVisibleAsync();
        await ImportBornAbroadAsync("eastside-spring", 11);
        await reader.GotoAsync($"{fixture.BaseUrl}/r/eastside-spring?by=born_here&lang=en");
        await Assertions.Expect(reader.GetByText("Not shown: fewer than 10 people in this group").First).ToBeVisibleAsync();

        // With twelve responses the run has a release: the reviewer downloads its brief (aggregates only).
        await police.GotoAsync(reviewUrl);
        await Axe(police, "review page");
        var download = await police.RunAndWaitForDownloadAsync(() => police.Locator("[data-testid=report-brief]").ClickAsync());
        var file = await download.PathAsync();
        var bytes = await File.ReadAllBytesAsync(file!);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        Assert.EndsWith("-brief-en.pdf", download.SuggestedFilename);
        await Axe(reader, "public page");

        Assert.True(violations.Count == 0, string.Join('\n', violations));
        await organizer.Context.CloseAsync();
        await police.Context.CloseAsync();
        await reader.Context.CloseAsync();
    }

    /// <summary>
    /// Picks an option of a select and waits until the select shows it; on a busy machine a pick made while the
    /// circuit was still busy could be lost (the run was then created in the default mode), so it is made again.
    /// </summary>
    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        var select = page.GetByRole(AriaRole.Combobox, new() { Name = label });
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await select.ClickAsync();
            await page.GetByText(option).ClickAsync();
            for (var wait = 0; wait < 10; wait++)
            {
                var shown = await select.EvaluateAsync<string>(
                    "e => [e.value, e.textContent, ...Array.from((e.closest('.mud-select') || e).querySelectorAll('input')).map(i => i.value)].join(' ')");
                if (shown.Contains(option, StringComparison.Ordinal))
                    return;
                await page.WaitForTimeoutAsync(500);
            }
        }
        Assert.Fail($"the select '{label}' never showed '{option}'");
    }

    private static Task InteractiveAsync(IPage page) => ConsolePages.InteractiveAsync(page);

    private Task SignInAsync(IPage page, string email, string? authenticatorKey) =>
        ConsolePages.SignInAsync(page, fixture.BaseUrl, email, Password, authenticatorKey);

    private static async Task ConfirmAsync(IPage page, string authenticatorKey)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Password").FillAsync(Password);
        await dialog.GetByLabel("Authenticator code").FillAsync(await ConsolePages.NextCodeAsync(authenticatorKey));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    /// <summary>Into the test output folder (or SCREENSHOT_DIR), for people to look at.</summary>
    private static async Task Screenshot(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name), FullPage = true });
    }

    private async Task ImportBornAbroadAsync(string slug, int count)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var run = await db.Runs.SingleAsync(r => r.Slug == slug);
        for (var i = 0; i < count; i++)
        {
            db.Responses.Add(new Response
            {
                Id = Guid.NewGuid(),
                RunId = run.Id,
                Day = DateOnly.FromDateTime(DateTime.UtcNow),
                Lang = "en",
                Mode = ResponseMode.Imported,
                AnswersJson = """{"born_here":"no","chill_victim":"agree_strong"}""",
            });
        }
        await db.SaveChangesAsync();
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
        Assert.Equal(2, await db.Memberships.CountAsync(m => m.UserId == organizer.Id || m.UserId == reviewer.Id));
        return (key, community.Id);
    }
}
