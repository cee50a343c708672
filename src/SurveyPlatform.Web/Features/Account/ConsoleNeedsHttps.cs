using System.Net;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>Whether the console's cookies are marked Secure (sent over HTTPS only): the <c>SecureCookies</c> setting.</summary>
public sealed record ConsoleCookiePolicy(bool Secure);

/// <summary>
/// With secure cookies (the default outside Development) the sign-in, its anti-forgery token and the session cookie
/// only work over HTTPS; over plain HTTP the framework would fail with a stack trace and a bare error 500. Instead, a
/// console request over plain HTTP gets a page that says what to do, and the log says it once (docs/security.md,
/// ASVS 3.4.1 and 9.1.1). Respondent pages are not concerned: they set no cookie of the console.
/// </summary>
public static class ConsoleNeedsHttps
{
    private static int s_logged;

    public static IApplicationBuilder UseConsoleNeedsHttps(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            var path = http.Request.Path;
            var console = path.StartsWithSegments("/account") || path.StartsWithSegments("/admin") || path.StartsWithSegments("/review")
                || path.StartsWithSegments(Respond.PreviewEndpoints.Prefix) || path.StartsWithSegments("/_blazor");
            if (!console || http.Request.IsHttps || !http.RequestServices.GetRequiredService<ConsoleCookiePolicy>().Secure)
            {
                await next(http);
                return;
            }
            if (Interlocked.Exchange(ref s_logged, 1) == 0)
            {
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("SurveyPlatform.Console").LogWarning(
                    "The console was opened over plain HTTP ({Host}) but its cookies need HTTPS (SecureCookies is on outside " +
                    "Development). Serve it over HTTPS, or behind a reverse proxy that ends TLS and sends X-Forwarded-Proto; to try " +
                    "the platform on a private network only, start it with --SecureCookies=false.", http.Request.Host.Value);
            }

            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            http.Response.ContentType = "text/html; charset=utf-8";
            http.Response.Headers.CacheControl = "no-store";
            var https = $"https://{WebUtility.HtmlEncode(http.Request.Host.Host)}{WebUtility.HtmlEncode(http.Request.PathBase + http.Request.Path)}";
            await http.Response.WriteAsync($$"""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
                <title>The console needs HTTPS · SurveyPlatform</title><link rel="stylesheet" href="/css/console.css"></head>
                <body><div class="account-page"><main class="account-main" id="main">
                <h1>The console needs HTTPS</h1>
                <p>This server signs people in with cookies that browsers send over HTTPS only, so the console cannot be used at this
                plain <code>http://</code> address. Try <a href="{{https}}">{{https}}</a>.</p>
                <p>If you run this server: put HTTPS in front of it (a reverse proxy that ends TLS and sends <code>X-Forwarded-Proto</code>),
                or, only to try the platform on a private network, start it with <code>--SecureCookies=false</code>.
                The server's log says the same.</p>
                </main></div></body></html>
                """);
        });
}
