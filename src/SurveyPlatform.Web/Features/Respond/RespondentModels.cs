using SurveyPlatform.Core.Responses;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>The code field of the consent page in a one-time-code run: what was typed, its problem, or that it was accepted.</summary>
public sealed record CodeField(string? Value, string? ErrorKey, bool Accepted);

/// <summary>What a consent or question page shows.</summary>
/// <param name="Page">0 = consent, 1..N = the definition's pages.</param>
/// <param name="FormAction">Where the form posts (the survey, or the organizers' preview).</param>
/// <param name="Code">The code field, in one-time-code runs.</param>
/// <param name="AlertKey">A message above the page (the answers of the last post were not saved).</param>
public sealed record SurveyFormModel(
    ActiveRun Run,
    string Lang,
    int Page,
    IReadOnlyDictionary<string, string> Answers,
    IReadOnlyList<AnswerError> Errors,
    string StateToken,
    string QuickExitUrl,
    string FormAction,
    CodeField? Code = null,
    string? AlertKey = null);

public enum NoticeKind { Thanks, NotFound, Closed, BadRequest, ServerError, TooManyRequests, TooManySignIns }

/// <summary>What the thank-you page and the error pages show.</summary>
/// <param name="Path">The address the language links of the page lead to.</param>
public sealed record NoticeModel(ActiveRun? Run, string Lang, NoticeKind Kind, string QuickExitUrl, string Path);

/// <summary>Names and ids of a page's fields, shared by the pages and the code that reads their posts.</summary>
public static class RespondentFields
{
    public const string State = "state", Navigation = "nav", Code = "code";

    public static string FieldName(string key) => "q." + key;

    public static string InputId(string key) => "q-" + key;
}
