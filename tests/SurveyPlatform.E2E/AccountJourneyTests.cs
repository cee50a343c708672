using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;

namespace SurveyPlatform.E2E;

/// <summary>
/// A new deployer and a volunteer organizer in an ordinary browser with JavaScript on, at a person's pace: the first-run
/// setup link, the administrator's authenticator, an organization and its invitation, the organizer joining and
/// enrolling, signing out and in again, then two minutes on a console page that must still be there and working.
/// Axe checks every account page; screenshots of each are written for people to look at.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccountJourneyTests(BrowserFixture fixture)
{
    private const string AdminPassword = "copper kettle winter orchard";
    private const string OrganizerPassword = "violet harbor seven lanterns";

    private static readonly AxeRunOptions Wcag22AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    [Fact]
    public async Task A_deployer_sets_up_the_platform_and_an_organizer_joins_and_stays_signed_in()
    {
        var violations = new List<string>();
        async Task Axe(IPage page, string name)
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var result = await page.RunAxe(Wcag22AA);
            violations.AddRange(result.Violations.Select(v => $"{name}: {v.Id} ({v.Impact}) {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}"));
        }
        var token = fixture.Services.GetRequiredService<SetupLinkHolder>().Token;
        Assert.NotNull(token);

        // The administrator opens the printed setup link and creates the account.
        var admin = await fixture.NewDesktopPageAsync();
        await admin.GotoAsync($"{fixture.BaseUrl}{FirstRunSetup.Path}?token={token}");
        await admin.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Axe(admin, "setup");
        await ConsolePages.ScreenshotAsync(admin, "account-setup.png");
        await admin.GetByLabel("Email").FillAsync("admin@example.org");
        await admin.GetByLabel("Password", new() { Exact = true }).FillAsync(AdminPassword);
        await admin.GetByLabel("Password again").FillAsync(AdminPassword);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create administrator" }).ClickAsync();
        await admin.WaitForURLAsync("**/account/two-factor?required=1");

        // The authenticator app, then the recovery codes (downloaded), then the console, without reloading anything.
        await EnrolAsync(admin, "admin", Axe);
        var adminSignedIn = DateTime.UtcNow;
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Console", Level = 1 })).ToBeVisibleAsync();

        // An organization, created in the live console: the emptied form shows no error afterwards.
        await admin.GetByRole(AriaRole.Link, new() { Name = "Organizations" }).First.ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Organizations", Level = 1 })).ToBeVisibleAsync();
        await ConsolePages.InteractiveAsync(admin);
        await admin.GetByLabel("Name").FillAsync("Northside Tenants Union");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("Created Northside Tenants Union.")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Link, new() { Name = "Northside Tenants Union" })).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByText("Required", new() { Exact = true })).ToHaveCountAsync(0);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Northside Tenants Union" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Northside Tenants Union", Level = 1 })).ToBeVisibleAsync();
        await ConsolePages.InteractiveAsync(admin);

        // An invitation link for an organizer, copied with the button; it is listed until used.
        await admin.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"]);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create invitation link" }).ClickAsync();
        var linkField = admin.Locator("#invite-link");
        await Assertions.Expect(linkField).ToBeVisibleAsync();
        var link = await linkField.InputValueAsync();
        Assert.StartsWith(fixture.BaseUrl + "/account/invite?token=", link);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Assertions.Expect(admin.GetByText("Link copied.")).ToBeVisibleAsync();
        Assert.Equal(link, await admin.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Assertions.Expect(admin.GetByRole(AriaRole.Button, new() { NameRegex = new("^Revoke the organizer invitation") })).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator(".mud-snackbar")).ToHaveCountAsync(0, new() { Timeout = 20_000 }); // axe would measure them fading
        await Axe(admin, "organization page");
        await ConsolePages.ScreenshotAsync(admin, "console-organization.png");

        // The organizer opens the link in their own browser, creates an account and must enrol an authenticator.
        var organizer = await fixture.NewDesktopPageAsync();
        await organizer.GotoAsync(link);
        await organizer.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Axe(organizer, "invitation");
        await ConsolePages.ScreenshotAsync(organizer, "account-invitation.png");
        await organizer.GetByLabel("Email").FillAsync("organizer@eastside.example.org");
        await organizer.GetByLabel("Password", new() { Exact = true }).FillAsync(OrganizerPassword);
        await organizer.GetByLabel("Password again").FillAsync(OrganizerPassword);
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Create account and join" }).ClickAsync();
        await organizer.WaitForURLAsync("**/account/two-factor?required=1");
        var organizerKey = await EnrolAsync(organizer, "organizer", null);
        await Assertions.Expect(organizer.GetByText("Northside Tenants Union: organizer")).ToBeVisibleAsync();

        // The invitation is used up: the organization page lists nothing waiting any more. The page is reloaded more than a
        // minute after the administrator signed in, when the session cookie has been refreshed from the database: the live
        // connection it opens must keep its session through the checks of the next minutes (it used to sign out after 60 s).
        var sinceSignIn = DateTime.UtcNow - adminSignedIn;
        if (sinceSignIn < TimeSpan.FromSeconds(70))
            await admin.WaitForTimeoutAsync((float)(TimeSpan.FromSeconds(70) - sinceSignIn).TotalMilliseconds);
        await admin.ReloadAsync();
        await ConsolePages.InteractiveAsync(admin);
        await Assertions.Expect(admin.GetByText("No invitation is waiting to be used.")).ToBeVisibleAsync();

        // Signing out and in again, typing into the pages once they have loaded.
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await organizer.WaitForURLAsync("**/account/login");
        await organizer.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Axe(organizer, "sign-in");
        await ConsolePages.ScreenshotAsync(organizer, "account-sign-in.png");
        await organizer.GetByLabel("Email").FillAsync("organizer@eastside.example.org");
        await organizer.GetByLabel("Password").FillAsync(OrganizerPassword);
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await organizer.WaitForURLAsync("**/account/login/2fa**");
        await organizer.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await Axe(organizer, "authenticator code");
        await ConsolePages.ScreenshotAsync(organizer, "account-2fa.png");
        await organizer.GetByLabel("Code").FillAsync(await ConsolePages.NextCodeAsync(organizerKey));
        await organizer.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await organizer.WaitForURLAsync("**/admin");
        await ConsolePages.InteractiveAsync(organizer);

        // The security page is a server-rendered account page: reached from the live console by a full load.
        await organizer.GetByRole(AriaRole.Link, new() { Name = "Security" }).ClickAsync();
        await Assertions.Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Authenticator app", Level = 1 })).ToBeVisibleAsync();
        await organizer.GetByRole(AriaRole.Link, new() { Name = "Back to the console" }).ClickAsync();
        await ConsolePages.InteractiveAsync(organizer);

        // Two minutes on a console page (the live connection re-checks the session every minute): still there, still working.
        await organizer.GetByRole(AriaRole.Link, new() { Name = "Runs" }).First.ClickAsync();
        await Assertions.Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Survey runs", Level = 1 })).ToBeVisibleAsync();
        await ConsolePages.InteractiveAsync(organizer);
        await organizer.WaitForTimeoutAsync(125_000);
        Assert.EndsWith("/admin/runs", new Uri(organizer.Url).AbsolutePath);
        await Assertions.Expect(organizer.Locator("main[data-interactive=true]")).ToBeAttachedAsync();
        await organizer.GetByRole(AriaRole.Link, new() { Name = "Organizations" }).First.ClickAsync();
        await Assertions.Expect(organizer.GetByRole(AriaRole.Heading, new() { Name = "Organizations", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith("/admin/organizations", new Uri(organizer.Url).AbsolutePath);
        // The administrator's page, open just as long, is still signed in too.
        Assert.Contains("/admin/organizations/", admin.Url);
        await admin.GetByRole(AriaRole.Link, new() { Name = "Audit log" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Audit log", Level = 1 })).ToBeVisibleAsync();
        await ConsolePages.InteractiveAsync(admin);
        await Assertions.Expect(admin.GetByRole(AriaRole.Cell, new() { Name = "organization-created" })).ToBeVisibleAsync(new() { Timeout = 30_000 });

        Assert.True(violations.Count == 0, string.Join('\n', violations));
        await admin.Context.CloseAsync();
        await organizer.Context.CloseAsync();
    }

    [Fact]
    public async Task Signing_in_works_with_javascript_off()
    {
        var email = "no-script@example.org";
        using (var scope = fixture.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
            var advocacy = new Organization { Name = "Rights Without Script", Kind = OrganizationKind.Advocacy };
            db.Organizations.Add(advocacy);
            await db.SaveChangesAsync();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            Assert.True((await users.CreateAsync(user, OrganizerPassword)).Succeeded);
            db.Memberships.Add(new Membership { UserId = user.Id, OrganizationId = advocacy.Id, Role = OrganizationRole.Advocate });
            await db.SaveChangesAsync();
        }
        var (page, _) = await fixture.NewPhonePageAsync(javaScript: false);
        await page.GotoAsync($"{fixture.BaseUrl}/account/login");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync("not the password at all");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".form-error")).ToContainTextAsync("not right");
        await page.GetByLabel("Password").FillAsync(OrganizerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await Assertions.Expect(page.GetByText("Rights Without Script: advocate")).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    /// <summary>Turns on the authenticator on the enrolment page, saves the recovery codes, continues to the console; returns the key.</summary>
    private static async Task<string> EnrolAsync(IPage page, string who, Func<IPage, string, Task>? axe)
    {
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        if (axe is not null)
            await axe(page, "authenticator set-up");
        await ConsolePages.ScreenshotAsync(page, $"account-two-factor-{who}.png");
        var key = (await page.Locator("code.key").InnerTextAsync()).Replace(" ", "").ToUpperInvariant();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Code" }).FillAsync(await ConsolePages.NextCodeAsync(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Save your recovery codes" })).ToBeVisibleAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Link, new() { Name = "Download the codes (.txt)" }).ClickAsync());
        var text = await File.ReadAllTextAsync((await download.PathAsync())!);
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Matches(text, "[A-Z0-9]{5}-[A-Z0-9]{5}").Count);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Copy the codes" })).ToBeVisibleAsync();
        if (axe is not null)
            await axe(page, "recovery codes");
        await ConsolePages.ScreenshotAsync(page, $"account-recovery-codes-{who}.png");
        await page.GetByRole(AriaRole.Link, new() { Name = "Continue to the console" }).ClickAsync();
        await page.WaitForURLAsync("**/admin");
        await ConsolePages.InteractiveAsync(page);
        return key;
    }
}
