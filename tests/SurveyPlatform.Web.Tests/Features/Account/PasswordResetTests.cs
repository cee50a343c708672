using System.Net;
using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

/// <summary>A lost password or authenticator is recovered with a one-time reset link made by an administrator (audited), optionally emailed.</summary>
public sealed class PasswordResetTests : IAsyncLifetime
{
    private const string NewPassword = "saffron bicycle under moonlight";
    private readonly FakeSmtpServer _smtp = new();
    private readonly PlatformFactory _factory;
    private Guid _community;
    private TestAccount _admin = default!;

    public PasswordResetTests()
    {
        _factory = new PlatformFactory().With("RateLimiting:Enabled", "false")
            .With("Email:Host", "127.0.0.1").With("Email:Port", _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .With("Email:Security", "None").With("Email:From", "surveys@example.org");
    }

    public async ValueTask InitializeAsync()
    {
        _community = await _factory.OrganizationAsync("Eastside Neighbors", OrganizationKind.Community);
        _admin = await _factory.AccountAsync("admin@example.org", administrator: true, twoFactor: true);
    }

    public async ValueTask DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private async Task<string> ResetLinkAsync(TestAccount account, bool authenticator)
    {
        using var scope = _factory.Services.CreateScope();
        var user = await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(account.Id);
        var admin = new ClaimsPrincipal(new ClaimsIdentity([new(ClaimTypes.NameIdentifier, _admin.Id), new(ClaimTypes.Name, _admin.Email)], "test"));
        return await scope.ServiceProvider.GetRequiredService<PasswordResets>().CreateAsync(admin, user!, authenticator);
    }

    [Fact]
    public async Task A_reset_link_sets_a_new_password_forgets_the_authenticator_ends_sessions_and_works_once()
    {
        var organizer = await _factory.AccountAsync("lost@example.org", twoFactor: true, memberships: (_community, OrganizationRole.Organizer));
        var oldSession = ConsoleBrowser.Open(_factory);
        await oldSession.SignInAsync(organizer);
        var link = await ResetLinkAsync(organizer, authenticator: true);

        var browser = ConsoleBrowser.Open(_factory);
        await browser.SubmitAsync(link, "reset", ("Input.Password", "password1234"), ("Input.ConfirmPassword", "password1234"));
        Assert.True(browser.LastBody.Contains("too easy to guess", StringComparison.Ordinal), browser.LastBody); // the rules apply, and the link still works
        await browser.SubmitAsync(link, "reset", ("Input.Password", NewPassword), ("Input.ConfirmPassword", NewPassword));
        Assert.Contains("Your password was changed", browser.LastBody);

        // The old session is over, the old password no longer works, the new one does and asks for a new authenticator.
        Assert.Equal(HttpStatusCode.Redirect, (await oldSession.GetAsync("/admin")).StatusCode);
        var signIn = await browser.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", organizer.Password));
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        signIn = await browser.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", NewPassword));
        Assert.Equal("/admin", ConsoleBrowser.LocationOf(signIn));
        Assert.Equal("/account/two-factor?required=1", ConsoleBrowser.LocationOf(await browser.GetAsync("/admin")));

        // Used up.
        var again = ConsoleBrowser.Open(_factory);
        await again.GetAsync(link);
        Assert.Contains("not valid", again.LastBody);

        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var audit = await db.AuditEvents.ToListAsync();
        Assert.Contains(audit, e => e.Action == AuditActions.ResetLinkMade && e.UserId == _admin.Id && e.Target == organizer.Email);
        Assert.Contains(audit, e => e.Action == AuditActions.PasswordReset && e.UserId == organizer.Id);
    }

    [Fact]
    public async Task A_reset_link_posted_from_two_sessions_at_once_changes_the_password_once()
    {
        var organizer = await _factory.AccountAsync("race@example.org", memberships: (_community, OrganizationRole.Advocate));
        var link = await ResetLinkAsync(organizer, authenticator: false);
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        foreach (var password in new[] { NewPassword, "another long passphrase here" })
            posts.Add(await ConsoleBrowser.Open(_factory).PrepareAsync(link, "reset", ("Input.Password", password), ("Input.ConfirmPassword", password)));
        var responses = await Task.WhenAll(posts.Select(p => Task.Run(p)));
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Equal(1, bodies.Count(b => b.Contains("Your password was changed", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_tampered_link_that_adds_the_authenticator_reset_is_refused()
    {
        var organizer = await _factory.AccountAsync("tamper@example.org", twoFactor: true, memberships: (_community, OrganizationRole.Organizer));
        var link = await ResetLinkAsync(organizer, authenticator: false);
        var browser = ConsoleBrowser.Open(_factory);
        await browser.GetAsync(link.Replace("&a=0", "&a=1", StringComparison.Ordinal));
        Assert.Contains("not valid", browser.LastBody);
    }

    [Fact]
    public async Task With_smtp_configured_invitations_and_reset_links_are_sent_by_email()
    {
        var mail = _factory.Service<AccountMail>();
        Assert.True(mail.IsConfigured);
        Assert.True(await mail.SendResetAsync("lost@example.org", "http://surveys.example.org/account/reset?user=u&token=t&a=1", authenticator: true, hours: 24));
        Assert.True(await mail.SendInvitationAsync("new@example.org", "Eastside Neighbors", "organizer", "http://surveys.example.org/account/invite?token=abc", 7));
        var messages = _smtp.Messages.Select(m => MimeMessage.Load(new MemoryStream(Encoding.UTF8.GetBytes(m)))).ToList();
        Assert.Equal(2, messages.Count);
        Assert.Equal("lost@example.org", messages[0].To.Mailboxes.Single().Address);
        Assert.Contains("http://surveys.example.org/account/reset?user=u&token=t&a=1", messages[0].TextBody);
        Assert.Contains("http://surveys.example.org/account/invite?token=abc", messages[1].TextBody);
        Assert.Equal("surveys@example.org", messages[1].From.Mailboxes.Single().Address);
        // Links are credentials: never in the log.
        Assert.DoesNotContain("token=abc", _factory.Logs.All);
    }
}
