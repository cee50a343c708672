using System.Net;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;
using SurveyPlatform.Web.Hosting;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

/// <summary>Rate limits on respondent posts and sign-in, per hashed client address (anonymity.md rule 6).</summary>
public sealed class AbuseLimitsTests : IAsyncLifetime
{
    private const string Flooder = "198.51.100.23";
    private readonly PlatformFactory _factory = new PlatformFactory()
        .With("RateLimiting:RespondentPosts:PermitLimit", "3")
        .With("RateLimiting:RespondentPosts:WindowSeconds", "3600")
        .With("RateLimiting:Login:PermitLimit", "2")
        .With("RateLimiting:Login:WindowSeconds", "3600");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    private HttpClient BrowserAt(string address)
    {
        var client = _factory.CreateBrowser();
        client.DefaultRequestHeaders.Add(ClientAddresses.Header, address);
        return client;
    }

    [Fact]
    public async Task Posts_over_the_limit_get_a_localized_429_page_and_store_nothing()
    {
        var respondent = new Respondent(BrowserAt(Flooder), "community-trust");
        await respondent.OpenAsync(acceptLanguage: "es-MX,es;q=0.9");
        Assert.Equal("/s/community-trust?lang=es", respondent.FormAction);
        for (var i = 0; i < 3; i++)
        {
            await respondent.PostAsync("lang:es");
            Assert.Equal(HttpStatusCode.OK, respondent.Status);
        }

        var refused = await respondent.PostAsync("next");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Espere un momento", respondent.Html);
        Assert.Contains("lang=\"es\"", respondent.Html);
        Assert.True(int.Parse(refused.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ToString()) > 0);
        Assert.Equal("no-store", refused.Headers.CacheControl!.ToString());
        Assert.Contains("Content-Security-Policy", refused.Headers.Select(h => h.Key));
        // Pages to read are never limited, only posts.
        Assert.Equal(HttpStatusCode.OK, (await respondent.OpenAsync()).Status);
        await using var db = await _factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        Assert.Equal(0, await db.Responses.CountAsync());
    }

    [Fact]
    public async Task One_address_over_its_limit_does_not_block_another()
    {
        var flooder = new Respondent(BrowserAt(Flooder), "community-trust");
        await flooder.OpenAsync(lang: "en");
        for (var i = 0; i < 4; i++)
            await flooder.PostAsync("lang:en");
        Assert.Equal(HttpStatusCode.TooManyRequests, flooder.Status);
        Assert.Contains("Please wait a moment", flooder.Html);

        var neighbour = new Respondent(BrowserAt("198.51.100.24"), "community-trust");
        await neighbour.OpenAsync(lang: "en");
        await neighbour.PostAsync("lang:en");
        Assert.Equal(HttpStatusCode.OK, neighbour.Status);
    }

    [Fact]
    public async Task Behind_a_proxy_the_last_forwarded_address_is_limited_not_the_proxy()
    {
        _factory.With("RateLimiting:ClientAddressHeader", "X-Forwarded-For");
        var proxy = "10.0.0.2";

        async Task<HttpStatusCode> PostFrom(string forwardedFor)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/s/community-trust") { Content = new FormUrlEncodedContent([new("nav", "next")]) };
            request.Headers.Add(ClientAddresses.Header, proxy);
            request.Headers.Add("X-Forwarded-For", forwardedFor);
            return (await _factory.CreateBrowser().SendAsync(request)).StatusCode;
        }

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.BadRequest, await PostFrom($"192.0.2.{i}, {Flooder}")); // a spoofed first entry changes nothing
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostFrom($"192.0.2.99, {Flooder}"));
        Assert.Equal(HttpStatusCode.BadRequest, await PostFrom("198.51.100.24"));
    }

    [Fact]
    public async Task Sign_in_attempts_over_the_limit_get_a_429_page()
    {
        var client = BrowserAt(Flooder);
        client.DefaultRequestHeaders.Add("Accept-Language", "vi");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            var response = await client.PostAsync("/account/login", new FormUrlEncodedContent([new("Input.Email", "a@example.org"), new("Input.Password", "x")]));
            statuses.Add(response.StatusCode);
            if (i == 2)
                Assert.Contains("Có quá nhiều lần đăng nhập", WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
        }

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, statuses.Take(2));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[2]);
        // Respondents at the same address are not affected by the sign-in limit.
        var respondent = new Respondent(client, "community-trust");
        await respondent.OpenAsync(lang: "en");
        await respondent.PostAsync("lang:en");
        Assert.Equal(HttpStatusCode.OK, respondent.Status);
    }

    [Fact]
    public async Task The_address_and_its_key_appear_in_no_log_and_no_file()
    {
        var flooder = new Respondent(BrowserAt(Flooder), "community-trust");
        await flooder.OpenAsync(lang: "en");
        for (var i = 0; i < 4; i++)
            await flooder.PostAsync("lang:en");
        Assert.Equal(HttpStatusCode.TooManyRequests, flooder.Status);

        var key = _factory.Service<ClientAddressKey>().For(IPAddress.Parse(Flooder));
        var written = _factory.Logs.All + string.Concat(Directory.GetFiles(_factory.DataDirectory, "*", SearchOption.AllDirectories)
            .Select(f => System.Text.Encoding.Latin1.GetString(Files.ReadShared(f))));
        Assert.DoesNotContain(Flooder, written);
        Assert.DoesNotContain(key, written);
        Assert.DoesNotContain(key, flooder.Html);
    }

    [Fact]
    public async Task Limits_can_be_switched_off()
    {
        _factory.With("RateLimiting:Enabled", "false");
        var respondent = new Respondent(BrowserAt(Flooder), "community-trust");
        await respondent.OpenAsync(lang: "en");
        for (var i = 0; i < 6; i++)
        {
            await respondent.PostAsync("lang:en");
            Assert.Equal(HttpStatusCode.OK, respondent.Status);
        }
    }
}
