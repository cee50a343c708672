using Microsoft.Net.Http.Headers;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Web.Features.Respond;

/// <summary>Picks the respondent's language: an explicit choice, else Accept-Language, else the survey default.</summary>
public static class LanguageChoice
{
    /// <summary>Languages of the platform's own pages when no survey is known (an unknown address, sign-in).</summary>
    private static readonly string[] PlatformLanguages = ["en", "es", "zh-Hans", "vi", "ar", "ht"];

    private static readonly HashSet<string> RightToLeft = new(StringComparer.OrdinalIgnoreCase) { "ar", "fa", "he", "ur", "ps" };

    public static string NativeName(string lang) => Core.Localization.LanguageNames.Native(lang);

    public static bool IsRightToLeft(string lang) => RightToLeft.Contains(lang.Split('-')[0]);

    public static string Choose(SurveyDefinition? definition, string? requested, HttpRequest request)
    {
        IReadOnlyList<string> languages = definition?.Languages ?? PlatformLanguages;
        var fallback = definition?.DefaultLanguage ?? "en";
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

    /// <summary>Exact match, then by primary language (<c>es-MX</c> → <c>es</c>, <c>zh-CN</c> → <c>zh-Hans</c>).</summary>
    public static string? Match(IReadOnlyList<string> languages, string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested) || requested.Length > 35)
            return null;
        var exact = languages.FirstOrDefault(l => string.Equals(l, requested, StringComparison.OrdinalIgnoreCase));
        if (exact is not null)
            return exact;
        var primary = requested.Split('-')[0];
        return languages.FirstOrDefault(l => string.Equals(l.Split('-')[0], primary, StringComparison.OrdinalIgnoreCase));
    }
}
