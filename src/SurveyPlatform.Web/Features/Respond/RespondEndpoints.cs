using SurveyPlatform.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// The respondent routes at <c>/s/{slug}</c>: static server-rendered pages that work without JavaScript
/// (<see cref="RespondentFlow"/>, <see cref="RespondentPages"/>). Nothing about the request (address, user agent,
/// time) is read into the response, and nothing is logged (<see cref="RespondentLogging"/>).
/// </summary>
public static class RespondEndpoints
{
    public const string ErrorPath = "/error";

    public static void MapRespond(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/s/{slug}").AddEndpointFilter(NoStore).DisableAntiforgery().RequireRateLimiting(AbuseLimits.RespondentPosts);
        group.MapGet("", Start);
        group.MapPost("", Answer).WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(RespondentFlow.MaxAnswerBytes));
        group.MapGet("thanks", Thanks);
        // Only the exception handler shows the error page; asked for directly, there is no such page. No endpoint filter:
        // a filtered endpoint is not run at all when the status is already an error, as it is when the handler re-executes.
        app.Map(ErrorPath, Error);
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
    /// The page of an unexpected failure, in the respondent's language (the <c>lang</c> of the address every survey form
    /// posts to), with the survey's title and a way to start again. What failed is logged without messages or values.
    /// </summary>
    private static IResult Error(HttpContext http, SurveyCatalog catalog, RespondentErrors errors)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (http.Features.Get<IExceptionHandlerPathFeature>() is not { } failure)
            return RespondentPages.Notice(http, null, null, NoticeKind.NotFound);
        ActiveRun? run = null;
        if (RespondentLogging.IsRespondentPath(failure.Path))
        {
            errors.Log(failure.Error);
            var segments = failure.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            run = segments.Length >= 2 && segments[0] == "s" ? catalog.Find(segments[1]) : null;
        }
        var language = LanguageChoice.Choose(run?.Definition, http.Request.Query["lang"], http.Request);
        return RespondentPages.Notice(http, run, language, NoticeKind.ServerError);
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
