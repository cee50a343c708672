using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

public sealed class SignInTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("Account:RequireTwoFactorForOrganizers", "false");
    private Guid _community;

    public async ValueTask InitializeAsync() => _community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Console_pages_send_anonymous_visitors_to_sign_in()
    {
        var browser = ConsoleBrowser.Open(_factory);
        var response = await browser.GetAsync("/admin/runs");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("http://localhost/account/login?ReturnUrl=%2Fadmin%2Fruns", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task There_is_no_open_registration()
    {
        var browser = ConsoleBrowser.Open(_factory);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/account/register")).StatusCode);
        await browser.GetAsync("/account/login");
        Assert.DoesNotContain("register", browser.LastBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Signing_in_is_audited_and_opens_the_console()
    {
        var organizer = await _factory.AccountAsync("organizer@example.org", memberships: (_community, OrganizationRole.Organizer));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(organizer);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Contains(await db.AuditEvents.ToListAsync(), e => e.Action == "login" && e.UserId == organizer.Id);
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_for_the_right_one()
    {
        var organizer = await _factory.AccountAsync("locked@example.org", memberships: (_community, OrganizationRole.Organizer));
        var browser = ConsoleBrowser.Open(_factory);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", "not the password at all"));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        Assert.Contains("locked", browser.LastBody);

        await browser.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
        Assert.Equal(HttpStatusCode.OK, browser.Last!.StatusCode);
        Assert.Contains("locked", browser.LastBody);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin")).StatusCode);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Contains(await db.AuditEvents.ToListAsync(), e => e.Action == "lockout" && e.UserId == organizer.Id);
    }

    [Fact]
    public async Task Idle_for_more_than_30_minutes_signs_out()
    {
        var organizer = await _factory.AccountAsync("idle@example.org", memberships: (_community, OrganizationRole.Organizer));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(organizer);
        _factory.Clock.Advance(TimeSpan.FromMinutes(20));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromMinutes(20)); // 20 minutes since the last request: still signed in
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
        _factory.Clock.Advance(TimeSpan.FromMinutes(31));
        var response = await browser.GetAsync("/admin");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/account/login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Twelve_hours_after_signing_in_the_session_ends_however_active()
    {
        var organizer = await _factory.AccountAsync("busy@example.org", memberships: (_community, OrganizationRole.Organizer));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(organizer);
        for (var hour = 0; hour < 11 * 3; hour++)
        {
            _factory.Clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.NoContent, (await browser.Client.GetAsync("/account/ping")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);
        for (var i = 0; i < 4; i++)
        {
            _factory.Clock.Advance(TimeSpan.FromMinutes(20));
            await browser.Client.GetAsync("/account/ping");
        }
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_needs_the_antiforgery_token_and_ends_the_session()
    {
        var organizer = await _factory.AccountAsync("leaving@example.org", memberships: (_community, OrganizationRole.Organizer));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SignInAsync(organizer);
        var forged = await browser.Client.PostAsync("/account/logout", new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/admin")).StatusCode);

        var token = System.Text.RegularExpressions.Regex.Match(browser.LastBody, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"");
        Assert.True(token.Success);
        var logout = await browser.Client.PostAsync("/account/logout", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value))]));
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/admin")).StatusCode);
    }

    [Theory]
    [InlineData("//evil.example/admin")]
    [InlineData("/\\evil.example/admin")]
    [InlineData("https://evil.example/admin")]
    public async Task Signing_in_never_leads_to_another_site(string returnUrl)
    {
        var reviewer = await _factory.AccountAsync($"redirect{returnUrl.Length}@example.org", memberships: (_community, OrganizationRole.Advocate));
        var browser = ConsoleBrowser.Open(_factory);
        var response = await browser.SubmitAsync($"/account/login?returnUrl={Uri.EscapeDataString(returnUrl)}", "login",
            ("Input.Email", reviewer.Email), ("Input.Password", reviewer.Password));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/admin", ConsoleBrowser.LocationOf(response));
    }
}
