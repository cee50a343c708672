using SurveyPlatform.Core.Responses;
using SurveyPlatform.Web.Features.Surveys;
using SurveyPlatform.Web.Hosting;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>What a consent or question page shows.</summary>
public sealed record SurveyFormModel(
    ActiveRun Run,
    string Lang,
    int Page,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<AnswerError> Errors,
    string StateToken,
    string QuickExitUrl,
    string? Code = null,
    string? CodeErrorKey = null,
    string? FormAction = null);

public static class RespondPage
{
    public static IResult Render(HttpContext http, ActiveRun run, RespondentState state, RespondentStateProtector protector,
        RespondentOptions options, IReadOnlyList<AnswerError> errors, string? codeErrorKey = null, string? formAction = null)
    {
        var model = new SurveyFormModel(run, state.Lang, state.Page, state.Answers, errors, protector.Protect(state),
            QuickExitUrl(run, options), state.Code, codeErrorKey, formAction);
        var status = errors.Count > 0 || codeErrorKey is not null ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        return RespondentHtml.Page(status, h => RespondentHtml.Form(h, model));
    }

    public static string QuickExitUrl(ActiveRun? run, RespondentOptions options) =>
        run?.Run.QuickExitUrl is { Length: > 0 } url ? url : options.QuickExitUrl;
}

public enum NoticeKind { Thanks, NotFound, Closed, BadRequest, ServerError, TooManyRequests, CodeUsed, TooManySignIns }

/// <summary>What the thank-you page and the error pages show.</summary>
public sealed record NoticeModel(ActiveRun? Run, string Lang, NoticeKind Kind, string QuickExitUrl, string Path);

public static class Notice
{
    public static IResult Show(HttpContext http, ActiveRun? run, string? lang, NoticeKind kind)
    {
        var options = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<RespondentOptions>>().Value;
        var language = lang ?? LanguageChoice.Choose(run?.Definition, null, http.Request);
        var model = new NoticeModel(run, language, kind, RespondPage.QuickExitUrl(run, options), http.Request.Path);
        return RespondentHtml.Page(StatusCode(kind), h => RespondentHtml.Notice(h, model));
    }

    private static int StatusCode(NoticeKind kind) => kind switch
    {
        NoticeKind.Thanks => StatusCodes.Status200OK,
        NoticeKind.NotFound => StatusCodes.Status404NotFound,
        NoticeKind.Closed => StatusCodes.Status410Gone,
        NoticeKind.BadRequest or NoticeKind.CodeUsed => StatusCodes.Status400BadRequest,
        NoticeKind.TooManyRequests or NoticeKind.TooManySignIns => StatusCodes.Status429TooManyRequests,
        _ => StatusCodes.Status500InternalServerError,
    };
}
