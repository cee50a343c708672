using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Accounts;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>An account made directly in the database for a test, with its authenticator key when 2FA is on.</summary>
public sealed record TestAccount(string Id, string Email, string Password, string? AuthenticatorKey)
{
    public string CodeAt(DateTimeOffset time) => new Totp(Base32Encoding.ToBytes(AuthenticatorKey!)).ComputeTotp(time.UtcDateTime);
}

/// <summary>
/// Authenticator codes as a phone shows them, one per 30-second step: the server accepts each code once, so when a test
/// signs in again within the same step the server's clock is moved on to the next one, as a person would wait for it.
/// </summary>
public static class AuthenticatorCodes
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> LastStep = new();

    public static string Next(ManualClock clock, string key)
    {
        lock (LastStep)
        {
            var now = clock.GetUtcNow();
            var step = now.ToUnixTimeSeconds() / 30;
            if (LastStep.TryGetValue(key, out var last) && step <= last)
            {
                clock.Advance(TimeSpan.FromSeconds((last - step + 1) * 30));
                now = clock.GetUtcNow();
                step = now.ToUnixTimeSeconds() / 30;
            }
            LastStep[key] = step;
            return new Totp(Base32Encoding.ToBytes(key)).ComputeTotp(now.UtcDateTime);
        }
    }
}

/// <summary>Makes organizations and accounts for console tests.</summary>
public static class ConsoleData
{
    public const string Password = "river lamp orchard velvet";

    public static async Task<Guid> OrganizationAsync(this PlatformFactory factory, string name, OrganizationKind kind)
    {
        await using var db = await factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var organization = new Organization { Name = name, Kind = kind };
        db.Organizations.Add(organization);
        await db.SaveChangesAsync();
        return organization.Id;
    }

    public static async Task<TestAccount> AccountAsync(this PlatformFactory factory, string email, bool administrator = false,
        bool twoFactor = false, params (Guid Organization, OrganizationRole Role)[] memberships)
    {
        using var scope = factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        AppUser user;
        if (administrator)
        {
            var result = await AccountRules.CreateAdministratorAsync(users, roles, email, Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
            user = (await users.FindByEmailAsync(email))!;
        }
        else
        {
            user = new AppUser { UserName = email, Email = email, EmailConfirmed = true };
            var result = await users.CreateAsync(user, Password);
            Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Description)));
        }
        string? key = null;
        if (twoFactor)
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
            await users.SetTwoFactorEnabledAsync(user, true);
        }
        var db = scope.ServiceProvider.GetRequiredService<SurveyDbContext>();
        foreach (var (organization, role) in memberships)
            db.Memberships.Add(new Membership { UserId = user.Id, OrganizationId = organization, Role = role });
        await db.SaveChangesAsync();
        return new TestAccount(user.Id, email, Password, key);
    }
}

/// <summary>A browser tab on the console: keeps cookies, fills server-rendered forms with their anti-forgery token.</summary>
public sealed partial class ConsoleBrowser(HttpClient client, ManualClock clock)
{
    public HttpClient Client { get; } = client;
    public HttpResponseMessage? Last { get; private set; }
    public string LastBody { get; private set; } = "";

    public static ConsoleBrowser Open(PlatformFactory factory) => new(factory.CreateBrowser(), factory.Clock);

    /// <summary>The account's authenticator code now, never one the server has already accepted.</summary>
    public string NextCode(TestAccount account) => AuthenticatorCodes.Next(clock, account.AuthenticatorKey!);

    /// <summary>GET as a browser would (Accept: text/html).</summary>
    public async Task<HttpResponseMessage> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html");
        Last = await Client.SendAsync(request);
        LastBody = await Last.Content.ReadAsStringAsync();
        return Last;
    }

    /// <summary>
    /// Opens <paramref name="path"/> and fills its form, returning the post to send later: two tabs can then press the
    /// button at the same moment.
    /// </summary>
    public async Task<Func<Task<HttpResponseMessage>>> PrepareAsync(string path, string formName, params (string Name, string Value)[] fields)
    {
        var page = await GetAsync(path);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)page.StatusCode} {page.Headers.Location}");
        var token = AntiforgeryToken().Match(LastBody);
        Assert.True(token.Success, $"no anti-forgery token on {path}");
        var values = new List<KeyValuePair<string, string>>
        {
            new("_handler", formName),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)),
        };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        return async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) };
            request.Headers.Accept.ParseAdd("text/html");
            return await Client.SendAsync(request);
        };
    }

    /// <summary>Opens <paramref name="path"/>, then submits its form <paramref name="formName"/> with the given fields.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string path, string formName, params (string Name, string Value)[] fields)
    {
        var page = await GetAsync(path);
        Assert.True(page.StatusCode == HttpStatusCode.OK, $"GET {path}: {(int)page.StatusCode} {page.Headers.Location}");
        var token = AntiforgeryToken().Match(LastBody);
        Assert.True(token.Success, $"no anti-forgery token on {path}");
        var values = new List<KeyValuePair<string, string>>
        {
            new("_handler", formName),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)),
        };
        values.AddRange(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(values) };
        request.Headers.Accept.ParseAdd("text/html");
        Last = await Client.SendAsync(request);
        LastBody = await Last.Content.ReadAsStringAsync();
        return Last;
    }

    /// <summary>Signs in with password (and authenticator code when the account has one); asserts it worked.</summary>
    public async Task SignInAsync(TestAccount account)
    {
        var response = await SubmitAsync("/account/login", "login", ("Input.Email", account.Email), ("Input.Password", account.Password));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"sign-in: {(int)response.StatusCode}\n{LastBody}");
        if (LocationOf(response).StartsWith("/account/login/2fa", StringComparison.Ordinal))
        {
            response = await SubmitAsync(LocationOf(response), "login-2fa", ("Input.Code", NextCode(account)));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"2FA: {(int)response.StatusCode}\n{LastBody}");
        }
        SessionCookie = SessionCookies.SetBy(response);
    }

    /// <summary>The session cookie the last sign-in set.</summary>
    public string? SessionCookie { get; private set; }

    /// <summary>Confirms the password again (re-authentication before exports, purges and sharing changes).</summary>
    public async Task ConfirmPasswordAsync(TestAccount account)
    {
        var fields = new List<(string, string)> { ("Input.Password", account.Password) };
        if (account.AuthenticatorKey is not null)
            fields.Add(("Input.Code", NextCode(account)));
        var response = await SubmitAsync("/account/confirm", "confirm", fields.ToArray());
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>Where a redirect points, as a path and query on this site.</summary>
    public static string LocationOf(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString
            : "";

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
