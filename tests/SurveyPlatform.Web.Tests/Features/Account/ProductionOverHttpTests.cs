using System.Net;
using Microsoft.Extensions.Logging;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

/// <summary>A deployer trying the platform before setting up TLS gets a clear page and one clear log line, not a 500.</summary>
public sealed class ProductionOverHttpTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new PlatformFactory().With("SecureCookies", "true");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_sign_in_page_over_plain_http_says_the_console_needs_https()
    {
        _factory.Logs.MinimumLevel = LogLevel.Warning;
        var browser = ConsoleBrowser.Open(_factory);
        for (var i = 0; i < 3; i++)
        {
            var response = await browser.GetAsync("/account/login");
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("The console needs HTTPS", browser.LastBody);
            Assert.Contains("--SecureCookies=false", browser.LastBody);
        }
        var lines = _factory.Logs.Lines.Where(l => l.Contains("HTTPS", StringComparison.Ordinal)).ToList();
        Assert.Single(lines);
        Assert.DoesNotContain(_factory.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", _factory.Logs.All);
    }

    [Fact]
    public async Task Behind_a_proxy_that_ends_tls_the_sign_in_page_works()
    {
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Sign in</h1>", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Respondent_pages_are_not_concerned()
    {
        var browser = ConsoleBrowser.Open(_factory);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/s/community-trust")).StatusCode);
    }

    [Fact]
    public async Task Over_https_the_session_cookie_is_secure_and_host_only()
    {
        var community = await _factory.OrganizationAsync("Eastside", SurveyPlatform.Data.Entities.OrganizationKind.Community);
        var reviewer = await _factory.AccountAsync("secure@example.org", memberships: (community, SurveyPlatform.Data.Entities.OrganizationRole.Advocate));
        using var client = _factory.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var page = await client.GetStringAsync("/account/login");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["Input.Email"] = reviewer.Email,
            ["Input.Password"] = reviewer.Password,
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("__Host-sp_console=", StringComparison.Ordinal));
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("domain=", cookie, StringComparison.OrdinalIgnoreCase);
    }
}
