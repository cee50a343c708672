using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SurveyPlatform.Web.Features.Respond;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Hosting;

/// <summary>One limit: at most <see cref="PermitLimit"/> requests per client address in each window.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }
    public double WindowSeconds { get; set; } = 60;
}

/// <summary>The <c>RateLimiting</c> configuration section.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "RateLimiting";
    public bool Enabled { get; set; } = true;
    /// <summary>
    /// Answer posts (every page of the survey is one) per address. One submission is about ten posts; many
    /// respondents may share one address (a family's Wi-Fi, a mobile carrier's NAT), so the default is generous.
    /// </summary>
    public WindowLimit RespondentPosts { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };
    /// <summary>Sign-in attempts (posts to <see cref="LoginPaths"/>) per address.</summary>
    public WindowLimit Login { get; set; } = new() { PermitLimit = 10, WindowSeconds = 300 };
    public string[] LoginPaths { get; set; } = ["/account/login", "/account/login/2fa", "/account/login/recovery", "/account/confirm", "/account/setup", "/account/invite", "/account/reset", "/account/password"];
    /// <summary>
    /// Empty: limit by the connection's address. Behind a reverse proxy every connection comes from the proxy,
    /// so name the header in which the proxy appends the client's address (<c>X-Forwarded-For</c>); its last
    /// entry is used. The address is only ever hashed in memory.
    /// </summary>
    public string ClientAddressHeader { get; set; } = "";
}

/// <summary>
/// Abuse limits without identity (anonymity.md rule 6): ASP.NET Core's rate limiter with two named policies,
/// <see cref="RespondentPosts"/> on the respondent endpoints (<c>/s/{slug}</c>) and <see cref="SignIn"/> on the sign-in
/// pages (<see cref="RateLimitOptions.LoginPaths"/>), each counting posts per client address as partitioned by
/// <see cref="ClientAddressKey"/>. Nothing about the client is stored or logged; a rejected respondent sees the
/// localized "please wait" page. The counts live in each instance's memory: behind a load balancer over N instances a
/// client may post up to N times the limit (README, Deploying), which still stops floods and password guessing.
/// </summary>
public static class AbuseLimits
{
    public const string RespondentPosts = "respondent-posts";
    public const string SignIn = "sign-in";
    private const string RespondentPrefix = "r:";
    private const string LoginPrefix = "l:";

    public static void AddAbuseLimits(this IServiceCollection services, RateLimitOptions options)
    {
        services.AddSingleton<ClientAddressKey>();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(RespondentPosts, http => PostsPerAddress(http, options, RespondentPrefix, options.RespondentPosts));
            o.AddPolicy(SignIn, http => PostsPerAddress(http, options, LoginPrefix, options.Login));
            o.OnRejected = (context, _) => RejectAsync(context, options);
        });
    }

    private static RateLimitPartition<string> PostsPerAddress(HttpContext http, RateLimitOptions options, string prefix, WindowLimit limit)
    {
        if (!options.Enabled || !HttpMethods.IsPost(http.Request.Method))
            return RateLimitPartition.GetNoLimiter("");
        var key = prefix + http.RequestServices.GetRequiredService<ClientAddressKey>().For(ClientAddress(http, options));
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
        });
    }

    public static void UseAbuseLimits(this WebApplication app, RateLimitOptions options) => app.UseRateLimiter();

    /// <summary>The sign-in policy on the pages named in <see cref="RateLimitOptions.LoginPaths"/> (Razor component pages of the console).</summary>
    public static TBuilder WithSignInLimits<TBuilder>(this TBuilder builder, RateLimitOptions options) where TBuilder : IEndpointConventionBuilder
    {
        var paths = options.LoginPaths.Select(p => "/" + p.Trim('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);
        builder.Add(endpoint =>
        {
            if (endpoint is RouteEndpointBuilder route && route.RoutePattern.RawText is { } pattern && paths.Contains("/" + pattern.Trim('/')))
                endpoint.Metadata.Add(new EnableRateLimitingAttribute(SignIn));
        });
        return builder;
    }

    private static IPAddress? ClientAddress(HttpContext http, RateLimitOptions options)
    {
        if (options.ClientAddressHeader.Length > 0
            && http.Request.Headers[options.ClientAddressHeader].ToString() is { Length: > 0 } forwarded)
        {
            var last = forwarded[(forwarded.LastIndexOf(',') + 1)..].Trim();
            if (IPAddress.TryParse(last, out var address))
                return address;
        }
        return http.Connection.RemoteIpAddress;
    }

    private static async ValueTask RejectAsync(OnRejectedContext context, RateLimitOptions options)
    {
        var http = context.HttpContext;
        var isRespondent = http.Request.Path.StartsWithSegments("/s", out var rest);
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait)
            ? wait
            : TimeSpan.FromSeconds(isRespondent ? options.RespondentPosts.WindowSeconds : options.Login.WindowSeconds);
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        http.Response.Headers.CacheControl = "no-store";

        var slug = rest.Value?.TrimStart('/').Split('/')[0];
        var run = isRespondent && !string.IsNullOrEmpty(slug) ? http.RequestServices.GetRequiredService<SurveyCatalog>().Find(slug) : null;
        var language = LanguageChoice.Choose(run?.Definition, http.Request.Query["lang"], http.Request);
        var page = RespondentPages.Notice(http, run, language, isRespondent ? NoticeKind.TooManyRequests : NoticeKind.TooManySignIns);
        await page.ExecuteAsync(http);
    }
}
