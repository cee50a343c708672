using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

/// <summary>Second factors cannot be replayed or guessed: a TOTP code works once, wrong recovery codes lock the account.</summary>
public sealed class AuthenticatorCodeTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("RateLimiting:Enabled", "false");
    private Guid _community;

    public async ValueTask InitializeAsync() => _community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task An_authenticator_code_is_accepted_once_within_its_window()
    {
        var organizer = await _factory.AccountAsync("totp@example.org", twoFactor: true, memberships: (_community, OrganizationRole.Organizer));
        var code = organizer.CodeAt(_factory.Clock.GetUtcNow());

        var first = ConsoleBrowser.Open(_factory);
        await first.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
        await first.SubmitAsync("/account/login/2fa", "login-2fa", ("Input.Code", code));
        Assert.Equal(HttpStatusCode.Redirect, first.Last!.StatusCode);

        // Someone who saw the code over the shoulder, a few seconds later.
        _factory.Clock.Advance(TimeSpan.FromSeconds(5));
        var second = ConsoleBrowser.Open(_factory);
        await second.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
        await second.SubmitAsync("/account/login/2fa", "login-2fa", ("Input.Code", code));
        Assert.Equal(HttpStatusCode.OK, second.Last!.StatusCode);
        Assert.Contains("not right", second.LastBody);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/admin")).StatusCode);

        // The same code cannot confirm the password either; the next one can.
        await first.SubmitAsync("/account/confirm", "confirm", ("Input.Password", organizer.Password), ("Input.Code", code));
        Assert.Contains("not right", first.LastBody);
        _factory.Clock.Advance(TimeSpan.FromSeconds(30));
        await first.ConfirmPasswordAsync(organizer);
    }

    [Fact]
    public async Task Wrong_recovery_codes_lock_the_account()
    {
        var organizer = await _factory.AccountAsync("guesser@example.org", twoFactor: true, memberships: (_community, OrganizationRole.Organizer));
        string code;
        using (var scope = _factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            code = (await users.GenerateNewTwoFactorRecoveryCodesAsync((await users.FindByIdAsync(organizer.Id))!, 10))!.First();
        }
        var browser = ConsoleBrowser.Open(_factory);
        await browser.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
        for (var i = 0; i < 5; i++)
            await browser.SubmitAsync("/account/login/recovery", "login-recovery", ("Input.Code", $"AAAA{i}-BBBBB"));
        Assert.Contains("locked", browser.LastBody);

        // Locked: even the right recovery code no longer signs in, and neither does the password in a new session.
        await browser.SubmitAsync("/account/login/recovery", "login-recovery", ("Input.Code", code));
        Assert.Equal(HttpStatusCode.OK, browser.Last!.StatusCode);
        Assert.Contains("locked", browser.LastBody);
        var other = ConsoleBrowser.Open(_factory);
        await other.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
        Assert.Equal(HttpStatusCode.OK, other.Last!.StatusCode);

        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Contains(await db.AuditEvents.ToListAsync(), e => e.Action == "lockout" && e.UserId == organizer.Id);
    }
}
