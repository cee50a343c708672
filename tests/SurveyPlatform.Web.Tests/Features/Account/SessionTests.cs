using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

/// <summary>Sessions live on the server: signing out ends them, an open console keeps them, a password confirmation belongs to one.</summary>
public sealed partial class SessionTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("RateLimiting:Login:PermitLimit", "100");
    private Guid _community;
    private Guid _runId;

    public async ValueTask InitializeAsync()
    {
        _community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _runId = await _factory.RunAsync("eastside-sessions", _community);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task A_copied_session_cookie_is_refused_after_signing_out()
    {
        var organizer = await _factory.AccountAsync("leaving@example.org", twoFactor: true, memberships: (_community, OrganizationRole.Organizer));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(organizer);
        var copy = browser.SessionCookie!;
        Assert.Equal(HttpStatusCode.OK, (await SessionCookies.GetWithAsync(_factory, "/admin", copy)).StatusCode);

        await browser.GetAsync("/admin");
        var token = Regex.Match(browser.LastBody, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        var logout = await browser.Client.PostAsync("/account/logout", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);

        var replayed = await SessionCookies.GetWithAsync(_factory, "/admin", copy);
        Assert.Equal(HttpStatusCode.Redirect, replayed.StatusCode);
        Assert.StartsWith("/account/login", ConsoleBrowser.LocationOf(replayed));
        // And an open console using that session signs itself out at its next check.
        var check = _factory.Services.CreateScope().ServiceProvider.GetRequiredService<ConsoleSessionCheck>();
        Assert.False(await check.IsValidAsync(SessionCookies.Principal(_factory, copy), _factory.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task A_console_opened_minutes_after_signing_in_keeps_its_session()
    {
        // Each console page's live connection re-checks the session every minute with the principal of the cookie it was
        // opened with. After the first minute the cookie is refreshed from the database: it must keep its session claims.
        var reviewer = await _factory.AccountAsync("reader@example.org", memberships: (_community, OrganizationRole.Advocate));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(reviewer);
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        var page = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var refreshed = SessionCookies.SetBy(page);
        Assert.NotNull(refreshed); // the cookie was renewed with a principal made afresh

        var check = _factory.Services.CreateScope().ServiceProvider.GetRequiredService<ConsoleSessionCheck>();
        var principal = SessionCookies.Principal(_factory, refreshed);
        Assert.True(await check.IsValidAsync(principal, _factory.Clock.GetUtcNow()));
        // Two minutes on, with activity in between, the open console is still signed in.
        _factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.True(await check.IsValidAsync(principal, _factory.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task An_open_console_signs_out_after_the_idle_and_absolute_timeouts()
    {
        var reviewer = await _factory.AccountAsync("idle-console@example.org", memberships: (_community, OrganizationRole.Advocate));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(reviewer);
        var principal = SessionCookies.Principal(_factory, browser.SessionCookie!);
        var check = _factory.Services.CreateScope().ServiceProvider.GetRequiredService<ConsoleSessionCheck>();
        var opened = _factory.Clock.GetUtcNow();

        _factory.Clock.Advance(TimeSpan.FromMinutes(29));
        Assert.True(await check.IsValidAsync(principal, lastActivity: opened));
        _factory.Clock.Advance(TimeSpan.FromMinutes(2)); // 31 minutes without a click or key in the console
        Assert.False(await check.IsValidAsync(principal, lastActivity: opened));

        // Active all along, but 12 hours after signing in.
        Assert.True(await check.IsValidAsync(principal, lastActivity: _factory.Clock.GetUtcNow()));
        _factory.Clock.Advance(TimeSpan.FromHours(12));
        Assert.False(await check.IsValidAsync(principal, lastActivity: _factory.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Confirming_the_password_in_one_session_does_not_unlock_exports_in_another()
    {
        var organizer = await _factory.AccountAsync("two-tabs@example.org", twoFactor: true, memberships: (_community, OrganizationRole.Organizer));
        var laptop = ConsoleBrowser.Open(_factory);
        await laptop.SignInAsync(organizer);
        var phone = ConsoleBrowser.Open(_factory);
        await phone.SignInAsync(organizer);

        await laptop.ConfirmPasswordAsync(organizer);
        Assert.Equal(HttpStatusCode.OK, (await laptop.Client.GetAsync($"/admin/runs/{_runId}/responses.csv")).StatusCode);
        var other = await phone.Client.GetAsync($"/admin/runs/{_runId}/responses.csv");
        Assert.NotEqual(HttpStatusCode.OK, other.StatusCode);
        Assert.False(await _factory.Service<Reauthentication>().IsFreshAsync(SessionCookies.Principal(_factory, phone.SessionCookie!)));
        Assert.True(await _factory.Service<Reauthentication>().IsFreshAsync(SessionCookies.Principal(_factory, laptop.SessionCookie!)));
    }

    [Fact]
    public async Task Changing_the_password_signs_out_the_other_sessions_and_keeps_this_one()
    {
        var organizer = await _factory.AccountAsync("changer@example.org", twoFactor: true, memberships: (_community, OrganizationRole.Organizer));
        var here = ConsoleBrowser.Open(_factory);
        await here.SignInAsync(organizer);
        var elsewhere = ConsoleBrowser.Open(_factory);
        await elsewhere.SignInAsync(organizer);
        Assert.NotEqual(here.SessionCookie, elsewhere.SessionCookie);

        await here.SubmitAsync("/account/password", "change-password", ("Input.Current", "not my password"),
            ("Input.Password", "quiet meadow lantern river"), ("Input.ConfirmPassword", "quiet meadow lantern river"));
        Assert.Contains("The current password is not right.", here.LastBody);
        await here.SubmitAsync("/account/password", "change-password", ("Input.Current", organizer.Password),
            ("Input.Password", "quiet meadow lantern river"), ("Input.ConfirmPassword", "quiet meadow lantern river"));
        Assert.Contains("Your password was changed", here.LastBody);

        _factory.Clock.Advance(TimeSpan.FromMinutes(2)); // past the security stamp's check interval
        Assert.Equal(HttpStatusCode.OK, (await here.GetAsync("/admin")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await elsewhere.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Each_sign_in_gets_a_new_session_in_an_http_only_same_site_cookie()
    {
        var reviewer = await _factory.AccountAsync("cookie@example.org", memberships: (_community, OrganizationRole.Advocate));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SubmitAsync("/account/login", "login", ("Input.Email", reviewer.Email), ("Input.Password", reviewer.Password));
        var header = browser.Last!.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(SessionCookies.Name + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", header, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", header, StringComparison.OrdinalIgnoreCase); // ends with the browser
        var first = ConsoleSessions.IdOf(SessionCookies.Principal(_factory, SessionCookies.SetBy(browser.Last)!));
        await browser.SubmitAsync("/account/login", "login", ("Input.Email", reviewer.Email), ("Input.Password", reviewer.Password));
        var second = ConsoleSessions.IdOf(SessionCookies.Principal(_factory, SessionCookies.SetBy(browser.Last!)!));
        Assert.NotNull(first);
        Assert.NotEqual(first, second);
    }
}
