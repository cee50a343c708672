using System.Globalization;
using System.Text.Json;

namespace SurveyPlatform.Core.Localization;

/// <summary>
/// The platform's own words on respondent pages (buttons, hints, error messages) in every shipped
/// language, from the embedded ui-strings.json. Falls back to English.
/// </summary>
public static class UiStrings
{
    private static readonly Dictionary<string, Dictionary<string, string>> Strings = Load();

    public static IReadOnlyCollection<string> AllKeys => Strings.Keys;

    public static string Get(string key, string language)
    {
        if (!Strings.TryGetValue(key, out var texts))
            return key;
        return texts.TryGetValue(language, out var text) ? text : texts.GetValueOrDefault("en", key);
    }

    public static string Format(string key, string language, params object[] args) =>
        string.Format(Culture(language), Get(key, language), args);

    /// <summary>Keys lacking a translation in one of <paramref name="languages"/>, as "key/lang".</summary>
    public static IReadOnlyList<string> MissingTranslations(IEnumerable<string> languages) =>
        languages.SelectMany(l => Strings.Where(s => !s.Value.ContainsKey(l) || string.IsNullOrWhiteSpace(s.Value[l])).Select(s => $"{s.Key}/{l}")).ToList();

    private static CultureInfo Culture(string language)
    {
        try { return CultureInfo.GetCultureInfo(language); }
        catch (CultureNotFoundException) { return CultureInfo.InvariantCulture; }
    }

    private static Dictionary<string, Dictionary<string, string>> Load()
    {
        using var stream = typeof(UiStrings).Assembly.GetManifestResourceStream("SurveyPlatform.Core.Localization.ui-strings.json")
            ?? throw new InvalidOperationException("ui-strings.json is not embedded");
        return JsonSerializer.Deserialize<Dictionary<string, Dictionary<string, string>>>(stream) ?? [];
    }
}
