using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace SurveyPlatform.Core.Localization;

/// <summary>
/// The platform's own words on respondent pages (buttons, hints, error messages) in every shipped
/// language, from the embedded ui-strings.json. A missing translation falls back to the language
/// without its region (es-MX → es), then to English, so a page is never blank.
/// </summary>
public static partial class UiStrings
{
    private const string Fallback = Languages.Fallback;

    private static readonly Dictionary<string, Dictionary<string, string>> Strings = Load();

    public static IReadOnlyCollection<string> AllKeys => Strings.Keys;

    /// <summary>The text of <paramref name="key"/> in <paramref name="language"/>; the key itself when unknown, so a typo shows instead of crashing.</summary>
    public static string Get(string key, string language) =>
        Strings.TryGetValue(key, out var texts) ? Languages.Pick(texts, language) ?? key : key;

    /// <summary>
    /// <see cref="Get"/> with <c>{0}</c>-style placeholders filled, numbers written the way the language
    /// writes them. A translation with broken placeholders falls back to English rather than failing the page.
    /// </summary>
    public static string Format(string key, string language, params object[] args)
    {
        var culture = Culture(language);
        try
        {
            return string.Format(culture, Get(key, language), args);
        }
        catch (FormatException)
        {
            return string.Format(culture, Get(key, Fallback), args);
        }
    }

    /// <summary>Keys lacking a (non-blank) translation in one of <paramref name="languages"/>, as "key/lang".</summary>
    public static IReadOnlyList<string> MissingTranslations(IEnumerable<string> languages) =>
        languages.SelectMany(l => Strings
                .Where(s => string.IsNullOrWhiteSpace(s.Value.GetValueOrDefault(l)))
                .Select(s => $"{s.Key}/{l}"))
            .ToList();

    /// <summary>Translations whose placeholders differ from the English text's, as "key/lang".</summary>
    public static IReadOnlyList<string> PlaceholderMismatches() =>
        Strings.SelectMany(s => s.Value
                .Where(t => !Placeholders(t.Value).SetEquals(Placeholders(s.Value.GetValueOrDefault(Fallback, ""))))
                .Select(t => $"{s.Key}/{t.Key}"))
            .ToList();

    private static HashSet<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+(,-?\d+)?(:[^}]*)?\}")]
    private static partial Regex PlaceholderPattern();

    private static CultureInfo Culture(string language)
    {
        try
        {
            return CultureInfo.GetCultureInfo(language);
        }
        catch (CultureNotFoundException)
        {
            return CultureInfo.InvariantCulture;
        }
    }

    private static Dictionary<string, Dictionary<string, string>> Load()
    {
        using var stream = typeof(UiStrings).Assembly.GetManifestResourceStream("SurveyPlatform.Core.Localization.ui-strings.json")
            ?? throw new InvalidOperationException("ui-strings.json is not embedded in SurveyPlatform.Core");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream) ?? [];
    }
}
