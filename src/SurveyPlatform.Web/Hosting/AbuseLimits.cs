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
/// Abuse limits without identity (anonymity.md rule 6): ASP.NET Core's rate limiter on respondent posts and on
/// sign-in, partitioned by <see cref="ClientAddressKey"/>. Nothing about the client is stored or logged; a
/// rejected respondent sees the localized "please wait" page.
/// </summary>
public static class AbuseLimits
{
    private const string RespondentPrefix = "r:";
    private const string LoginPrefix = "l:";

    public static void AddAbuseLimits(this IServiceCollection services, RateLimitOptions options)
    {
        services.AddSingleton<ClientAddressKey>();
        if (!options.Enabled)
            return;
        var loginPaths = options.LoginPaths.Select(p => new PathString(p)).ToArray();
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(http =>
            {
                if (!HttpMethods.IsPost(http.Request.Method))
                    return RateLimitPartition.GetNoLimiter("");
                var path = http.Request.Path;
                var (prefix, limit) = path.StartsWithSegments("/s") ? (RespondentPrefix, options.RespondentPosts)
                    : loginPaths.Any(p => path.Equals(p, StringComparison.OrdinalIgnoreCase)) ? (LoginPrefix, options.Login)
                    : (null, null);
                if (prefix is null || limit is null)
                    return RateLimitPartition.GetNoLimiter("");
                var key = prefix + http.RequestServices.GetRequiredService<ClientAddressKey>().For(ClientAddress(http, options));
                return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limit.PermitLimit,
                    Window = TimeSpan.FromSeconds(limit.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            o.OnRejected = (context, _) => RejectAsync(context, options);
        });
    }

    public static void UseAbuseLimits(this WebApplication app, RateLimitOptions options)
    {
        if (options.Enabled)
            app.UseRateLimiter();
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
