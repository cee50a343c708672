using System.Net;
using System.Text.RegularExpressions;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Features.Account;

/// <summary>First run: while no administrator exists, the server prints a one-time setup link to its console.</summary>
public sealed partial class SetupLinkTests : IAsyncLifetime
{
    private readonly PlatformFactory _factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task The_printed_link_creates_one_administrator_and_then_stops_working()
    {
        var browser = ConsoleBrowser.Open(_factory);
        await browser.GetAsync("/healthz"); // starts the server, which prints the link
        var link = SetupLink().Match(_factory.Logs.All);
        Assert.True(link.Success, _factory.Logs.All);
        var path = link.Groups[1].Value;

        await browser.GetAsync("/account/setup?token=wrong");
        Assert.Contains("not valid", browser.LastBody);

        // A weak password is refused without using the link up.
        await browser.SubmitAsync(path, "setup", ("Input.Email", "admin@example.org"), ("Input.Password", "password1234"), ("Input.ConfirmPassword", "password1234"));
        Assert.Contains("too easy to guess", browser.LastBody);

        await browser.SubmitAsync(path, "setup", ("Input.Email", "admin@example.org"),
            ("Input.Password", ConsoleData.Password), ("Input.ConfirmPassword", ConsoleData.Password));
        Assert.Equal(HttpStatusCode.Redirect, browser.Last!.StatusCode);
        Assert.Equal("/account/two-factor?required=1", ConsoleBrowser.LocationOf(browser.Last));

        var other = ConsoleBrowser.Open(_factory);
        await other.GetAsync(path);
        Assert.Contains("not valid", other.LastBody);
    }

    [GeneratedRegex(@"http://[^ ]+(/account/setup\?token=[A-Za-z0-9_-]{43})")]
    private static partial Regex SetupLink();
}
