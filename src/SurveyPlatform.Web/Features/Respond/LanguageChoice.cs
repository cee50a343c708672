using Microsoft.Net.Http.Headers;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Localization;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>
/// Picks a visitor's language: an explicit choice, else Accept-Language, else the survey default. The rules of
/// matching, direction and names are Core's (<see cref="Languages"/>); this only reads the request.
/// </summary>
public static class LanguageChoice
{
    public static string Choose(SurveyDefinition? definition, string? requested, HttpRequest request)
    {
        var languages = definition?.Languages ?? Languages.Shipped;
        var fallback = definition?.DefaultLanguage ?? Languages.Fallback;
        if (Match(languages, requested) is { } explicitChoice)
            return explicitChoice;

        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var accepted))
            return fallback;
        foreach (var candidate in accepted.Where(a => a.Quality is not 0).OrderByDescending(a => a.Quality ?? 1))
        {
            if (Match(languages, candidate.Value.Value) is { } match)
                return match;
        }
        return fallback;
    }

    /// <summary>The language of <paramref name="languages"/> that serves <paramref name="requested"/> (<see cref="Languages.Match"/>).</summary>
    public static string? Match(IReadOnlyList<string> languages, string? requested) => Languages.Match(languages, requested);
}
