using System.Net;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

/// <summary>Opening and using the account pages leaves no error and no stack trace in the server's log.</summary>
public sealed class AccountPageLogTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("RateLimiting:Enabled", "false");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Account_pages_log_no_stack_trace()
    {
        var community = await _factory.OrganizationAsync("Eastside", OrganizationKind.Community);
        var organizer = await _factory.AccountAsync("logs@example.org", twoFactor: true, memberships: (community, OrganizationRole.Organizer));
        var browser = ConsoleBrowser.Open(_factory);
        await browser.GetAsync("/healthz"); // start-up writes its own warnings (the setup link, the key ring)
        var before = _factory.Logs.Lines.Count;
        foreach (var path in new[] { "/account/login", "/account/login/2fa", "/account/login/recovery", "/account/setup?token=nope",
                     "/account/invite?token=nope", "/account/invite", "/account/reset?user=x&token=y", "/account/denied", "/account/two-factor" })
        {
            Assert.True((int)(await browser.GetAsync(path)).StatusCode < 500, path);
        }

        await browser.SubmitAsync("/account/login", "login", ("Input.Email", organizer.Email), ("Input.Password", "wrong password here"));
        await browser.SignInAsync(organizer);
        foreach (var path in new[] { "/account/two-factor", "/account/confirm", "/account/password", "/admin" })
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(path)).StatusCode);

        var traces = _factory.Logs.Lines.Skip(before).Where(l => l.Contains("\n   at ", StringComparison.Ordinal) || l.StartsWith("Error", StringComparison.Ordinal)
            || l.StartsWith("Critical", StringComparison.Ordinal) || l.StartsWith("Warning", StringComparison.Ordinal)).ToList();
        Assert.True(traces.Count == 0, string.Join("\n\n", traces));
    }
}
