using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using SurveyPlatform.Core.Localization;
using SurveyPlatform.Web.Features.Health;
using SurveyPlatform.Web.Features.Respond;

namespace SurveyPlatform.Web.Hosting;

/// <summary>
/// Every failed request, on every route, gets a page with text in the reader's language (the language of the form,
/// else Accept-Language): "Something went wrong. Your answers on this page were not saved…", never an empty 500. The
/// page is written by the exception handler itself, without the database, the run catalog or components, so that it
/// cannot fail in turn (re-executing a page of the app through the pipeline gave an empty response). A failure of the
/// database answers 503 with <c>Retry-After</c> and turns readiness off for a few seconds (<see cref="DatabaseFaults"/>).
/// </summary>
public static class ErrorPages
{
    public static void AddErrorPages(this IServiceCollection services)
    {
        services.AddSingleton<DatabaseFaultRecorder>();
        services.AddSingleton<IExceptionHandler>(sp => sp.GetRequiredService<DatabaseFaultRecorder>());
    }

    public static void UseErrorPages(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = HandleAsync,
        });
    }

    /// <summary>
    /// A respondent's request gets the survey's own error page (its language, title, quick exit and a way to start again)
    /// and its failure is logged without messages (<see cref="RespondEndpoints.WriteErrorPageAsync"/>); should that page
    /// fail too, or for any other request, the plain page.
    /// </summary>
    private static async Task HandleAsync(HttpContext http)
    {
        var failure = http.Features.Get<IExceptionHandlerPathFeature>();
        var database = failure?.Error is { } e && IsDatabaseFault(e);
        if (failure is not null && RespondentLogging.IsRespondentPath(failure.Path))
        {
            try
            {
                http.Response.Clear();
                SecurityHeaders.ApplyToErrorPage(http);
                if (database)
                    http.Response.Headers.RetryAfter = "5";
                await RespondEndpoints.WriteErrorPageAsync(http, failure.Path, failure.Error,
                    database ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError);
                return;
            }
            catch (Exception) when (!http.Response.HasStarted)
            {
                // fall through to the plain page
            }
        }
        await WritePlainPageAsync(http, database);
    }

    /// <summary>Whether <paramref name="e"/> comes from the database (unreachable, refused, full, timed out), not from the platform's code.</summary>
    public static bool IsDatabaseFault(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            if (x is DbException or DbUpdateException or RetryLimitExceededException or TimeoutException)
                return true;
        }
        return false;
    }

    /// <summary>Writes a page without the database, the run catalog or components: plain HTML in the reader's language.</summary>
    public static async Task WritePlainPageAsync(HttpContext http, bool database)
    {
        var lang = LanguageChoice.Choose(null, http.Request.Query["lang"], http.Request);
        http.Response.Clear();
        SecurityHeaders.ApplyToErrorPage(http);
        http.Response.StatusCode = database ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;
        if (database)
            http.Response.Headers.RetryAfter = "5";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        var dir = Languages.IsRightToLeft(lang) ? "rtl" : "ltr";
        await http.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"{lang}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{WebUtility.HtmlEncode(UiStrings.Get("error_server_title", lang))}</title></head><body><main>" +
            $"<h1>{WebUtility.HtmlEncode(UiStrings.Get("error_server_title", lang))}</h1><p>{WebUtility.HtmlEncode(UiStrings.Get("error_server_body", lang))}</p>" +
            "</main></body></html>");
    }
}

/// <summary>
/// Notes a database failure for readiness and metrics: of every request that fails (then lets the error page render as
/// usual), and of a failure the respondent flow handles itself (it shows the page again, with its answers).
/// </summary>
public sealed class DatabaseFaultRecorder(DatabaseFaults faults, PlatformMetrics metrics) : IExceptionHandler
{
    public ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        Note(exception);
        return ValueTask.FromResult(false);
    }

    public void Note(Exception exception)
    {
        if (ErrorPages.IsDatabaseFault(exception))
        {
            faults.Record();
            metrics.DatabaseErrors.Add(1);
        }
    }
}
