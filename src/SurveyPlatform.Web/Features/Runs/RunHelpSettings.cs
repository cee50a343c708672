using System.Text.RegularExpressions;
using SurveyPlatform.Web.Features.Surveys;

namespace SurveyPlatform.Web.Features.Runs;

/// <summary>
/// Where a run's <em>Leave this page</em> link goes and the help lines of its thank-you page, checked with a message per
/// field (keys <c>QuickExitUrl</c>, <c>Line{n}.Name</c>, <c>Line{n}.Phone</c>, <c>Line{n}.Url</c>, n counted from 1).
/// </summary>
public static partial class RunHelpSettings
{
    public const int MaxName = 200, MaxDescription = 500, MaxUrl = 500;

    public static Dictionary<string, string> Validate(string? quickExitUrl, IReadOnlyList<HelpLines.Line> lines, string defaultLanguage)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!string.IsNullOrWhiteSpace(quickExitUrl) && !IsWebAddress(quickExitUrl))
            errors["QuickExitUrl"] = $"Enter a full web address starting with https:// (at most {MaxUrl} characters), e.g. https://www.weather.gov, or leave it empty for the platform's.";
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var n = i + 1;
            if (string.IsNullOrWhiteSpace(line.Name.GetValueOrDefault(defaultLanguage)))
                errors[$"Line{n}.Name"] = $"Help line {n}: give its name at least in the survey's main language.";
            else if (line.Name.Values.Any(v => v.Length > MaxName) || line.Description.Values.Any(v => v.Length > MaxDescription))
                errors[$"Line{n}.Name"] = $"Help line {n}: names may have at most {MaxName} characters and descriptions {MaxDescription}.";
            if (!string.IsNullOrWhiteSpace(line.Phone) && !PhonePattern().IsMatch(line.Phone.Trim()))
                errors[$"Line{n}.Phone"] = $"Help line {n}: a phone number has digits and may have spaces, +, -, ( ) and dots, e.g. +1 555 010 0199.";
            if (!string.IsNullOrWhiteSpace(line.Url) && !IsWebAddress(line.Url))
                errors[$"Line{n}.Url"] = $"Help line {n}: enter a full web address starting with https:// (at most {MaxUrl} characters).";
        }
        return errors;
    }

    /// <summary>An absolute http(s) address (nothing that could run script or open another app).</summary>
    public static bool IsWebAddress(string text) =>
        text.Trim().Length <= MaxUrl
        && Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
        && uri.Scheme is "https" or "http"
        && uri.Host.Length > 0;

    [GeneratedRegex(@"^\+?[0-9][0-9 ().\-]{1,28}[0-9]$")]
    private static partial Regex PhonePattern();
}
