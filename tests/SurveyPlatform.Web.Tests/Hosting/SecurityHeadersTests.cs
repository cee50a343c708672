using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Net.Http.Headers;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Entities;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Tests.Infrastructure;

namespace SurveyPlatform.Web.Tests.Hosting;

/// <summary>
/// anonymity.md rules 3 and 4 on every page the platform serves: a Content-Security-Policy that allows only
/// the platform's own origin and no framing, no referrer, no sniffing, HSTS outside development; cookies that
/// are session cookies, HttpOnly, SameSite=Strict and Secure outside development.
/// </summary>
public sealed partial class SecurityHeadersTests : IAsyncLifetime
{
    private const string Host = "https://survey.example.org";
    private readonly PlatformFactory _factory = new PlatformFactory()
        .With("RateLimiting:RespondentPosts:PermitLimit", "40")
        .With("RateLimiting:RespondentPosts:WindowSeconds", "3600");

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public ValueTask DisposeAsync() => _factory.DisposeAsync();

    [Fact]
    public async Task Every_respondent_page_carries_the_headers_and_only_safe_cookies()
    {
        var pages = await VisitEveryRespondentPageAsync(_factory, "Production");

        Assert.True(pages.Count >= 15, $"{pages.Count} pages");
        foreach (var (name, response, html) in pages)
        {
            AssertSecurityHeaders(name, response, expectHsts: true);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            AssertOnlyOwnResources(name, html);
        }
        var cookies = pages.SelectMany(p => SetCookies(p.Response)).ToList();
        Assert.Contains(cookies, c => c.Name == "__Host-sp_form");
        Assert.All(cookies, c => AssertSessionCookie(c, expectSecure: true));
    }

    [Fact]
    public async Task In_development_cookies_may_travel_over_plain_HTTP_and_there_is_no_HSTS()
    {
        var pages = await VisitEveryRespondentPageAsync(_factory, "Development", baseAddress: "http://localhost");

        foreach (var (name, response, _) in pages)
            AssertSecurityHeaders(name, response, expectHsts: false);
        var cookies = pages.SelectMany(p => SetCookies(p.Response)).ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, c => AssertSessionCookie(c, expectSecure: false));
    }

    [Fact]
    public async Task Every_mapped_page_and_endpoint_carries_the_headers()
    {
        // Every GET endpoint of the application, console pages included, with route values filled in.
        var factory = Environment(_factory, "Production");
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(Host) });
        var paths = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods is not { } methods || methods.Contains("GET"))
            .Select(e => Fill(e.RoutePattern)).OfType<string>().Distinct().ToList();
        paths.AddRange(["/css/respond.css", "/js/respond.js", "/no/such/page"]);

        Assert.Contains("/s/community-trust", paths);
        foreach (var path in paths)
        {
            using var response = await client.GetAsync(path);
            Assert.True((int)response.StatusCode < 500, $"{path}: {(int)response.StatusCode}");
            AssertSecurityHeaders(path, response, expectHsts: true);
            Assert.All(SetCookies(response), c => AssertSessionCookie(c, expectSecure: true));
        }
    }

    [Fact]
    public async Task A_server_error_page_carries_the_headers_and_no_details()
    {
        var clock = new BrokenClock();
        var factory = Environment(_factory, "Production").WithWebHostBuilder(b =>
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock)));
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri(Host) });
        clock.Broken = true; // after start-up, which reads the clock too (the first-run setup link's expiry)

        using var response = await client.GetAsync("/s/community-trust?lang=ar");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders("500", response, expectHsts: true);
        Assert.True(response.Headers.CacheControl?.NoStore);
        Assert.DoesNotContain("BrokenClock", html);
        Assert.DoesNotContain(" at ", html);
    }

    private static void AssertSecurityHeaders(string page, HttpResponseMessage response, bool expectHsts)
    {
        string? Header(string name) =>
            response.Headers.TryGetValues(name, out var v) ? string.Join(",", v)
            : response.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : null;

        var csp = Header("Content-Security-Policy") ?? throw new Xunit.Sdk.XunitException($"{page}: no Content-Security-Policy");
        var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d.Split(' ').Skip(1).ToArray());
        Assert.Equal(["'self'"], directives["default-src"]);
        // Only the survey preview may be framed, and only by the platform's own console.
        var preview = response.RequestMessage?.RequestUri is { } requested && requested.AbsolutePath.StartsWith("/preview/", StringComparison.Ordinal);
        Assert.Equal([preview ? "'self'" : "'none'"], directives["frame-ancestors"]);
        Assert.Equal(["'self'"], directives["form-action"]);
        // No directive names another origin, a scheme wildcard or inline code.
        // The interactive console (MudBlazor) sets style attributes from its own script and draws images into blobs:
        // still nothing from another origin.
        var console = response.RequestMessage?.RequestUri is { } uri && Web.Hosting.SecurityHeaders.IsConsolePath(new Microsoft.AspNetCore.Http.PathString(uri.AbsolutePath));
        foreach (var (name, sources) in directives)
        {
            Assert.All(sources, s => Assert.True(s is "'self'" or "'none'" or "data:"
                || (console && ((name == "style-src" && s == "'unsafe-inline'") || (name == "img-src" && s == "blob:"))), $"{page}: {name} allows {s}"));
        }

        Assert.Equal("no-referrer", Header("Referrer-Policy"));
        Assert.Equal("nosniff", Header("X-Content-Type-Options"));
        Assert.Equal(preview ? "SAMEORIGIN" : "DENY", Header("X-Frame-Options"));
        var hsts = Header("Strict-Transport-Security");
        if (expectHsts)
        {
            Assert.True(hsts is not null && MaxAgeRegex().Match(hsts) is { Success: true } m && long.Parse(m.Groups[1].Value) >= 365 * 86400,
                $"{page}: Strict-Transport-Security '{hsts}'");
        }
        else
        {
            Assert.Null(hsts);
        }
    }

    private static void AssertSessionCookie(SetCookieHeaderValue cookie, bool expectSecure)
    {
        Assert.Null(cookie.Expires);
        Assert.Null(cookie.MaxAge);
        Assert.True(cookie.HttpOnly, $"{cookie.Name} is not HttpOnly");
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal(expectSecure, cookie.Secure);
        // The respondent form's cookie: over HTTPS, a __Host- cookie that no other site can plant.
        if (cookie.Name.Value!.EndsWith("sp_form", StringComparison.Ordinal))
        {
            Assert.Equal(expectSecure ? "__Host-sp_form" : "sp_form", cookie.Name.Value);
            Assert.Equal("/", cookie.Path.Value);
            Assert.Null(cookie.Domain.Value);
        }
    }

    private static void AssertOnlyOwnResources(string page, string html)
    {
        foreach (Match m in ResourceRegex().Matches(html))
        {
            var url = m.Groups["url"].Value;
            Assert.True(url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
                $"{page}: loads {url}");
        }
    }

    private static IEnumerable<SetCookieHeaderValue> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? SetCookieHeaderValue.ParseList(values.ToList()) : [];

    /// <summary>
    /// Consent, every question page, a page with errors, a language switch, Back, thank-you, not found,
    /// closed, bad request, too many requests and the error page, as one browser sees them.
    /// </summary>
    private static async Task<List<(string Name, HttpResponseMessage Response, string Html)>> VisitEveryRespondentPageAsync(
        PlatformFactory platform, string environment, string baseAddress = Host)
    {
        var factory = Environment(platform, environment);
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri(baseAddress) });
        var pages = new List<(string, HttpResponseMessage, string)>();
        var respondent = new Respondent(client, "community-trust");
        void Keep(string name) => pages.Add((name, respondent.Last!, respondent.Html));

        await respondent.OpenAsync(lang: "ar");
        Keep("consent");
        await respondent.PostAsync("lang:vi");
        Keep("language switch");
        await respondent.NextAsync();
        Keep("first question page");
        await respondent.NextAsync(("age_group", "17_or_under"));
        Keep("page with errors");
        await respondent.PostAsync("back");
        Keep("back to consent");
        var response = await respondent.NextAsync();
        var answers = StandardAnswers.ForeignBornVictim;
        for (var guard = 0; guard < 20 && response.StatusCode == HttpStatusCode.OK; guard++)
        {
            Keep($"question page {guard + 1}");
            response = await respondent.NextAsync(respondent.ItemKeys.Where(answers.ContainsKey).SelectMany(k => answers[k].Select(v => (k, v))).ToArray());
        }
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Keep("thank-you redirect");
        await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, response.Headers.Location));
        Keep("thank-you");
        await new Respondent(client, "no-such-survey").OpenAsync();
        await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/s/no-such-survey"));
        Keep("not found");
        await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/s/community-trust") { Content = new FormUrlEncodedContent([new("nav", "next")]) });
        Keep("bad request");
        for (var i = 0; i < 50 && respondent.Last!.StatusCode != HttpStatusCode.TooManyRequests; i++)
            await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/s/community-trust") { Content = new FormUrlEncodedContent([new("nav", "next")]) });
        Assert.Equal(HttpStatusCode.TooManyRequests, respondent.Last!.StatusCode);
        Keep("too many requests");

        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync())
            await db.Runs.ExecuteUpdateAsync(r => r.SetProperty(x => x.Status, RunStatus.Closed));
        await factory.Services.GetRequiredService<SurveyCatalog>().ReloadAsync();
        await respondent.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/s/community-trust"));
        Assert.Equal(HttpStatusCode.Gone, respondent.Last!.StatusCode);
        Keep("closed");
        return pages;
    }

    private static WebApplicationFactory<Program> Environment(PlatformFactory factory, string environment) =>
        factory.WithWebHostBuilder(b => b.UseEnvironment(environment));

    /// <summary>A concrete path for a route pattern, or null when it cannot be requested by GET with made-up values.</summary>
    private static string? Fill(RoutePattern pattern)
    {
        var segments = new List<string>();
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            foreach (var part in segment.Parts)
            {
                switch (part)
                {
                    case RoutePatternLiteralPart literal: text += literal.Content; break;
                    case RoutePatternSeparatorPart separator: text += separator.Content; break;
                    case RoutePatternParameterPart { IsCatchAll: true }: return null;
                    case RoutePatternParameterPart parameter:
                        text += parameter.Name == "slug" ? "community-trust"
                            : parameter.ParameterPolicies.Any(p => p.Content == "guid") ? Guid.NewGuid().ToString()
                            : parameter.ParameterPolicies.Any(p => p.Content is "int" or "long") ? "1"
                            : "x";
                        break;
                }
            }
            segments.Add(text);
        }
        return "/" + string.Join('/', segments);
    }

    private sealed class BrokenClock : TimeProvider
    {
        public bool Broken { get; set; }
        public override DateTimeOffset GetUtcNow() => Broken ? throw new InvalidOperationException("BrokenClock") : System.GetUtcNow();
    }

    [GeneratedRegex("max-age=(\\d+)")]
    private static partial Regex MaxAgeRegex();

    [GeneratedRegex("<(?:link|script|img|iframe|source|audio|video|object|embed)\\b[^>]*\\b(?:href|src)=\"(?<url>[^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceRegex();
}
