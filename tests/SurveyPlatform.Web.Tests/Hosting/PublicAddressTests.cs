using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Account;
using SurveyPlatform.Web.Features.Runs;
using SurveyPlatform.Web.Hosting;
using SurveyPlatform.Web.Tests.Features.Runs;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

/// <summary>Every printed link starts from one public address: Account:PublicUrl, never a listen-on-everything 0.0.0.0.</summary>
public sealed class PublicAddressTests
{
    private static PublicAddress For(string publicUrl, params string[] listening)
    {
        var features = new FeatureCollection();
        var addresses = new ServerAddressesFeature();
        foreach (var address in listening)
            addresses.Addresses.Add(address);
        features.Set<IServerAddressesFeature>(addresses);
        return new PublicAddress(Options.Create(new AccountOptions { PublicUrl = publicUrl }), new FakeServer(features));
    }

    [Theory]
    [InlineData("http://0.0.0.0:5000")]
    [InlineData("http://[::]:5000")]
    [InlineData("http://*:5000")]
    [InlineData("http://+:5000")]
    public void Listening_on_every_interface_prints_the_machine_name_and_says_so(string listening)
    {
        var (address, guess) = For("", listening).AtStartup();
        Assert.Equal($"http://{Dns.GetHostName().ToLowerInvariant()}:5000", address);
        Assert.Contains("this machine's name", guess);
        Assert.DoesNotContain("0.0.0.0", address);
    }

    [Fact]
    public void The_configured_public_url_wins_everywhere()
    {
        var publicAddress = For("https://surveys.example.org/", "http://0.0.0.0:5000");
        Assert.Equal(("https://surveys.example.org", (string?)null), publicAddress.AtStartup());
        Assert.Equal("https://surveys.example.org", publicAddress.For("http://10.0.0.5:5000/"));
        var http = new DefaultHttpContext();
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("localhost", 5000);
        Assert.Equal("https://surveys.example.org", publicAddress.For(http));
    }

    [Fact]
    public void Without_a_public_url_a_request_uses_the_address_the_browser_used()
    {
        var http = new DefaultHttpContext();
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("192.168.1.20", 5000);
        Assert.Equal("http://192.168.1.20:5000", For("", "http://0.0.0.0:5000").For(http));
        Assert.Equal(("http://localhost:5000", "the address the server listens on"), For("", "http://localhost:5000").AtStartup());
    }

    [Fact]
    public async Task Start_up_links_and_code_cards_use_the_public_url_and_the_admin_fallback_is_runnable()
    {
        await using var factory = new PlatformFactory().With("Account:PublicUrl", "https://surveys.example.org")
            .With("Account:RequireTwoFactorForOrganizers", "false");
        var browser = ConsoleBrowser.Open(factory);
        await browser.GetAsync("/healthz");
        Assert.Contains("https://surveys.example.org/account/setup?token=", factory.Logs.All);
        Assert.Contains("https://surveys.example.org/s/community-trust", factory.Logs.All);
        Assert.Contains("dotnet run --project src/SurveyPlatform.Cli -- admin create --email", factory.Logs.All);

        var community = await factory.OrganizationAsync("Eastside", OrganizationKind.Community);
        var organizer = await factory.AccountAsync("cards@example.org", memberships: (community, OrganizationRole.Organizer));
        var runId = await factory.RunAsync("eastside-cards", community, RunMode.OneTimeCodes);
        await browser.SignInAsync(organizer);
        var codes = await factory.Service<RunCodeGenerator>().GenerateAsync(runId, 2);
        var ticket = await factory.Service<CodeSheets>().KeepAsync(runId, organizer.Id, codes);
        var csv = await browser.Client.GetStringAsync($"/admin/runs/{runId}/codes/{ticket}.csv");
        Assert.Contains("https://surveys.example.org/s/eastside-cards#code=", csv);
    }

    private sealed class FakeServer(IFeatureCollection features) : IServer
    {
        public IFeatureCollection Features { get; } = features;
        public void Dispose() { }
        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull => Task.CompletedTask;
        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed class ServerAddressesFeature : IServerAddressesFeature
    {
        public ICollection<string> Addresses { get; } = [];
        public bool PreferHostingUrls { get; set; }
    }
}
