using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OtpNet;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.E2E;

/// <summary>An account made for a test, with its authenticator key when it has one.</summary>
public sealed record ConsoleAccount(string Email, string? AuthenticatorKey);

/// <summary>
/// A person at the console, at a person's pace: accounts made the way an administrator would, sign-in (in one place, so
/// that the way of signing in can change), and pages opened and waited for until their live connection (the Blazor
/// circuit) has taken over the page, before anything is typed or clicked.
/// </summary>
public static class ConsoleSession
{
    public const string Password = "harbor quilt meadow lantern";

    /// <summary>An organization and its people; organizers get an authenticator (the console requires it of them).</summary>
    public static async Task<(Guid Organization, Dictionary<OrganizationRole, ConsoleAccount> People)> OrganizationAsync(
        BrowserFixture fixture, string name, OrganizationKind kind, params (string Email, OrganizationRole Role)[] people)
    {
        using var scope = fixture.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        var organization = new Organization { Name = name, Kind = kind };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var accounts = new Dictionary<OrganizationRole, ConsoleAccount>();
        foreach (var (email, role) in people)
        {
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user, Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            string? key = null;
            if (role == OrganizationRole.Organizer)
            {
                await users.ResetAuthenticatorKeyAsync(user);
                await users.SetTwoFactorEnabledAsync(user, true);
                key = await users.GetAuthenticatorKeyAsync(user);
            }
            db.Memberships.Add(new Membership { UserId = user.Id, OrganizationId = organization.Id, Role = role });
            accounts[role] = new ConsoleAccount(email, key);
        }
        await db.SaveChangesAsync();
        return (organization.Id, accounts);
    }

    /// <summary>
    /// Signs in through the sign-in forms' own posts (with their anti-forgery tokens) in the page's cookie jar, then opens the
    /// console. The only place the tests of this project sign in: when signing in by typing works with scripts on, this is
    /// where it changes.
    /// </summary>
    public static async Task SignInAsync(BrowserFixture fixture, IPage page, ConsoleAccount account)
    {
        var location = await SubmitAsync(fixture, page, "/account/login", "login", ("Input.Email", account.Email), ("Input.Password", Password));
        if (location.StartsWith("/account/login/2fa", StringComparison.Ordinal))
            location = await SubmitAsync(fixture, page, location, "login-2fa", ("Input.Code", Totp(account.AuthenticatorKey!)));
        Assert.False(location.StartsWith("/account/login", StringComparison.Ordinal), $"sign-in of {account.Email} ended at {location}");
        await OpenAsync(page, fixture.BaseUrl + "/admin");
    }

    private static async Task<string> SubmitAsync(BrowserFixture fixture, IPage page, string path, string formName, params (string Name, string Value)[] fields)
    {
        var html = await (await page.Context.APIRequest.GetAsync(fixture.BaseUrl + path)).TextAsync();
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(token.Success, $"no anti-forgery token on {path}");
        var form = page.Context.APIRequest.CreateFormData();
        form.Set("_handler", formName);
        form.Set("__RequestVerificationToken", System.Net.WebUtility.HtmlDecode(token.Groups[1].Value));
        foreach (var (name, value) in fields)
            form.Set(name, value);
        var response = await page.Context.APIRequest.PostAsync(fixture.BaseUrl + path, new() { Form = form, MaxRedirects = 0 });
        Assert.True(response.Status == 302, $"POST {path}: {response.Status}");
        return new Uri(new Uri(fixture.BaseUrl), response.Headers["location"]).PathAndQuery;
    }

    /// <summary>
    /// Opens a console page and waits until it has loaded and its circuit is up: the server has sent the page's first
    /// render over the circuit's WebSocket (the moment the prerendered page becomes interactive), and the network is idle.
    /// </summary>
    public static async Task OpenAsync(IPage page, string url)
    {
        var rendered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void Watch(object? sender, IWebSocket socket)
        {
            if (!socket.Url.Contains("/_blazor", StringComparison.Ordinal))
                return;
            socket.FrameReceived += (_, frame) =>
            {
                var text = frame.Text ?? (frame.Binary is { } bytes ? Encoding.UTF8.GetString(bytes) : "");
                if (text.Contains("JS.RenderBatch", StringComparison.Ordinal))
                    rendered.TrySetResult();
            };
        }
        page.WebSocket += Watch;
        try
        {
            await page.GotoAsync(url);
            await page.WaitForLoadStateAsync(LoadState.Load);
            await rendered.Task.WaitAsync(TimeSpan.FromSeconds(90));
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            // A page that computes its content again once interactive (results) shows a progress bar meanwhile: wait it out.
            await Assertions.Expect(page.Locator("main .mud-progress-linear")).ToHaveCountAsync(0, new() { Timeout = 90_000 });
        }
        finally
        {
            page.WebSocket -= Watch;
        }
    }

    /// <summary>
    /// Picks an option of a MudBlazor select and waits until the select shows it (a pick made while the circuit was busy
    /// could be lost on a busy machine; it is then made again).
    /// </summary>
    public static async Task ChooseAsync(IPage page, string label, string option)
    {
        var select = page.GetByRole(AriaRole.Combobox, new() { Name = label });
        for (var attempt = 0; attempt < 6; attempt++)
        {
            await select.ClickAsync();
            try
            {
                // A click that reached the select before the page had hooked it up opens nothing: click again, as a person would.
                await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync(new() { Timeout = 10_000 });
            }
            catch (TimeoutException)
            {
                continue;
            }
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

    /// <summary>Fills a field and leaves it, as a person does, so that the console's component has the value.</summary>
    public static async Task TypeAsync(ILocator field, string text)
    {
        await field.FillAsync(text);
        await field.PressAsync("Tab");
    }

    /// <summary>Confirms the password (and authenticator code) in the console's re-authentication dialog.</summary>
    public static async Task ConfirmAsync(IPage page, ConsoleAccount account)
    {
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog).ToBeVisibleAsync();
        await dialog.GetByLabel("Password").FillAsync(Password);
        if (account.AuthenticatorKey is { } key)
            await dialog.GetByLabel("Authenticator code").FillAsync(Totp(key));
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Confirm" }).ClickAsync();
        await Assertions.Expect(dialog).ToBeHiddenAsync();
    }

    public static string Totp(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(DateTime.UtcNow);

    /// <summary>Into the test output folder (or SCREENSHOT_DIR), for people to look at: the whole page, or what the window shows.</summary>
    public static async Task<string> ScreenshotAsync(IPage page, string name, bool fullPage = true)
    {
        var folder = Environment.GetEnvironmentVariable("SCREENSHOT_DIR") ?? Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        // From the top, so that the console's fixed bar is where it belongs in a full-page picture.
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(new() { Path = path, FullPage = fullPage });
        return path;
    }
}
