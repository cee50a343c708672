using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

/// <summary>Administrators and organizers must enrol an authenticator app (the default setting); then sign-in asks for its code.</summary>
public sealed partial class TwoFactorTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new();
    private Guid _community, _police;

    public async ValueTask InitializeAsync()
    {
        _community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _police = await _factory.OrganizationAsync("Metro Police", OrganizationKind.PoliceDepartment);
    }

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Organizer_must_enrol_then_signs_in_with_a_TOTP_code_and_a_recovery_code_works_once()
    {
        var organizer = await _factory.AccountAsync("organizer@example.org", memberships: (_community, OrganizationRole.Organizer));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(organizer);

        // Before enrolling, every console page and download leads to enrolment.
        var blocked = await browser.GetAsync("/admin/runs");
        Assert.Equal(HttpStatusCode.Redirect, blocked.StatusCode);
        Assert.Equal("/account/two-factor?required=1", ConsoleBrowser.LocationOf(blocked));

        await browser.GetAsync("/account/two-factor?required=1");
        Assert.Contains("<svg", browser.LastBody);
        var key = KeyOnPage().Match(browser.LastBody).Groups[1].Value.Replace(" ", "").ToUpperInvariant();
        Assert.NotEmpty(key);

        var wrong = await browser.SubmitAsync("/account/two-factor", "two-factor", ("Input.Action", "verify"), ("Input.Code", "000000"));
        Assert.Contains("not right", browser.LastBody);
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);

        var code = AuthenticatorCodes.Next(_factory.Clock, key);
        await browser.SubmitAsync("/account/two-factor", "two-factor", ("Input.Action", "verify"), ("Input.Code", code));
        var recoveryCodes = RecoveryCode().Matches(browser.LastBody).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, recoveryCodes.Count);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin/runs")).StatusCode);

        // A new session needs the authenticator code after the password.
        var second = ConsoleBrowser.Open(_factory);
        await second.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
        Assert.StartsWith("/account/login/2fa", ConsoleBrowser.LocationOf(second.Last!));
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/admin")).StatusCode);
        await second.SubmitAsync("/account/login/2fa", "login-2fa", ("Input.Code", "123456"));
        Assert.Contains("not right", second.LastBody);
        await second.SubmitAsync("/account/login/2fa", "login-2fa", ("Input.Code", AuthenticatorCodes.Next(_factory.Clock, key)));
        Assert.Equal(HttpStatusCode.Redirect, second.Last!.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/admin")).StatusCode);

        // A recovery code works instead of the authenticator, once.
        var third = ConsoleBrowser.Open(_factory);
        await third.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
        await third.SubmitAsync("/account/login/recovery", "login-recovery", ("Input.Code", recoveryCodes[0]));
        Assert.Equal(HttpStatusCode.Redirect, third.Last!.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await third.GetAsync("/admin")).StatusCode);

        var fourth = ConsoleBrowser.Open(_factory);
        await fourth.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
        await fourth.SubmitAsync("/account/login/recovery", "login-recovery", ("Input.Code", recoveryCodes[0]));
        Assert.Contains("already used", fourth.LastBody);
    }

    [Fact]
    public async Task The_survey_preview_needs_the_authenticator_like_the_rest_of_the_console()
    {
        var organizer = await _factory.AccountAsync("previewer@example.org", memberships: (_community, OrganizationRole.Organizer));
        var runId = await _factory.RunAsync("eastside-preview", _community);
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(organizer);
        var page = await browser.GetAsync($"/preview/runs/{runId}");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/account/two-factor?required=1", ConsoleBrowser.LocationOf(page));
        // Not even a request that skips the page's redirect (no Accept: text/html) gets the preview.
        var download = await browser.Client.GetAsync($"/preview/runs/{runId}");
        Assert.False(download.IsSuccessStatusCode);
    }

    [Fact]
    public async Task Police_reviewers_are_not_forced_to_enrol()
    {
        var reviewer = await _factory.AccountAsync("reviewer@example.org", memberships: (_police, OrganizationRole.PoliceReviewer));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(reviewer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/review")).StatusCode);
    }

    [Fact]
    public async Task The_authenticator_key_is_stored_only_in_the_identity_tables()
    {
        var organizer = await _factory.AccountAsync("keyholder@example.org", twoFactor: true, memberships: (_community, OrganizationRole.Organizer));
        using var scope = _factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByEmailAsync(organizer.Email);
        Assert.True(await users.GetTwoFactorEnabledAsync(user!));
        Assert.DoesNotContain(organizer.AuthenticatorKey!, _factory.Logs.All);
    }

    [GeneratedRegex("<code class=\"key\">([a-z0-9 ]+)</code>")]
    private static partial Regex KeyOnPage();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
