using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// The respondent routes at <c>/s/{slug}</c>: static server-rendered pages that work without JavaScript
/// (<see cref="RespondentFlow"/>, <see cref="RespondentPages"/>). Nothing about the request (address, user agent,
/// time) is read into the response, and nothing is logged (<see cref="RespondentLogging"/>).
/// </summary>
public static class RespondEndpoints
{
    public static void MapRespond(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/s/{slug}").AddEndpointFilter(NoStore).DisableAntiforgery().RequireRateLimiting(AbuseLimits.RespondentPosts);
        group.MapGet("", Start);
        group.MapPost("", Answer).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(RespondentFlow.MaxAnswerBytes));
        group.MapGet("thanks", Thanks);
    }

    private static IResult Start(string slug, string? lang, string? code, HttpContext http, SurveyCatalog catalog, RespondentFlow flow) =>
        catalog.Find(slug) is { } run
            ? flow.Start(http, run, RespondentSurface.Survey(run), lang, code)
            : RespondentPages.Notice(http, null, LanguageChoice.Choose(null, lang, http.Request), NoticeKind.NotFound);

    private static Task<IResult> Answer(string slug, HttpContext http, SurveyCatalog catalog, RespondentFlow flow, CancellationToken ct) =>
        catalog.Find(slug) is { } run
            ? flow.AnswerAsync(http, run, RespondentSurface.Survey(run), ct)
            : Task.FromResult(RespondentPages.Notice(http, null, LanguageChoice.Choose(null, http.Request.Query["lang"], http.Request), NoticeKind.NotFound));

    private static IResult Thanks(string slug, string? lang, HttpContext http, SurveyCatalog catalog)
    {
        var run = catalog.Find(slug);
        var language = LanguageChoice.Choose(run?.Definition, lang, http.Request);
        return RespondentPages.Notice(http, run, language, run is null ? NoticeKind.NotFound : NoticeKind.Thanks);
    }

    /// <summary>
    /// The page of an unexpected failure of a respondent request (called by the exception handler, <see cref="ErrorPages"/>),
    /// in the respondent's language (the <c>lang</c> of the address every survey form posts to), with the survey's title,
    /// the quick exit and a way to start again. What failed is logged without messages or values. Needs neither the
    /// database nor anything but the in-memory run catalog.
    /// </summary>
    public static Task WriteErrorPageAsync(HttpContext http, string failedPath, Exception error, int statusCode)
    {
        http.RequestServices.GetRequiredService<RespondentErrors>().Log(error);
        var segments = failedPath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var run = segments.Length >= 2 && segments[0] == "s" ? http.RequestServices.GetRequiredService<SurveyCatalog>().Find(segments[1]) : null;
        var language = LanguageChoice.Choose(run?.Definition, http.Request.Query["lang"], http.Request);
        http.Response.Headers.CacheControl = "no-store";
        return RespondentPages.Notice(http, run, language, NoticeKind.ServerError, statusCode).ExecuteAsync(http);
    }

    /// <summary>Respondent pages are never kept by a browser or a proxy (the survey's and the preview's).</summary>
    public static async ValueTask<object?> NoStore(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // Answers must not stay in the cache of a shared or seized phone. Set after the endpoint ran, so that
        // it replaces the anti-forgery system's own no-cache header.
        var result = await next(context);
        context.HttpContext.Response.Headers.CacheControl = "no-store";
        context.HttpContext.Response.Headers.Pragma = "no-cache";
        return result;
    }
}
