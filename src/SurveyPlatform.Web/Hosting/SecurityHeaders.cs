namespace SurveyPlatform.Web.Hosting;

/// <summary>
/// Headers on every response: only the platform's own origin may serve scripts, styles, images and form
/// targets (anonymity.md rule 3), no referrer leaves the site, and no page may be framed (except the survey preview, by the console).
/// </summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    private const string Csp =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'";

    // The console (MudBlazor) sets style attributes from script, which CSP only allows with 'unsafe-inline' for
    // styles; scripts stay 'self' only, and the circuit's WebSocket goes to the same origin.
    private const string ConsoleCsp =
        "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "connect-src 'self'; font-src 'self'; form-action 'self'; frame-src 'self'; frame-ancestors 'none'; base-uri 'self'; object-src 'none'";

    // The organizers' preview of a survey is the respondent page itself, shown in a phone-sized frame of the console:
    // the respondent policy, except that the platform's own pages (and nothing else) may frame it.
    private const string PreviewCsp =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; " +
        "form-action 'self'; frame-ancestors 'self'; base-uri 'none'; object-src 'none'";

    public static bool IsConsolePath(PathString path) =>
        path.StartsWithSegments("/admin") || path.StartsWithSegments("/account") || path.StartsWithSegments("/review")
        || path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content");

    public Task InvokeAsync(HttpContext context)
    {
        Apply(context);
        return next(context);
    }

    /// <summary>
    /// The headers again on an error page: the exception handler clears the response's headers before it writes the
    /// page, Strict-Transport-Security included (outside Development, on HTTPS, as <c>UseHsts</c> would send it).
    /// </summary>
    public static void ApplyToErrorPage(HttpContext context)
    {
        Apply(context);
        if (context.Request.IsHttps && !context.RequestServices.GetRequiredService<IWebHostEnvironment>().IsDevelopment())
        {
            var hsts = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<Microsoft.AspNetCore.HttpsPolicy.HstsOptions>>().Value;
            context.Response.Headers.StrictTransportSecurity = $"max-age={(long)hsts.MaxAge.TotalSeconds}"
                + (hsts.IncludeSubDomains ? "; includeSubDomains" : "") + (hsts.Preload ? "; preload" : "");
        }
    }

    private static void Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var console = IsConsolePath(context.Request.Path);
        var preview = context.Request.Path.StartsWithSegments(Features.Respond.PreviewEndpoints.Prefix);
        headers.ContentSecurityPolicy = preview ? PreviewCsp : console ? ConsoleCsp : Csp;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        // No page may be framed, by another site or by the platform itself; the preview only by the platform.
        headers.XFrameOptions = preview ? "SAMEORIGIN" : "DENY";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), interest-cohort=()";
    }
}
