using System.Globalization;

namespace SurveyPlatform.Core.Localization;

/// <summary>A language's own name (English, Español, 中文（简体）…), shown instead of its code wherever people choose or read a language.</summary>
public static class LanguageNames
{
    private static readonly Dictionary<string, string> Shipped = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "English",
        ["es"] = "Español",
        ["zh-Hans"] = "中文（简体）",
        ["vi"] = "Tiếng Việt",
        ["ar"] = "العربية",
        ["ht"] = "Kreyòl ayisyen",
    };

    /// <summary>The shipped languages' names as written above; another language's name from .NET's culture data; the code when unknown.</summary>
    public static string Native(string code)
    {
        if (Shipped.TryGetValue(code, out var name))
            return name;
        try
        {
            var culture = CultureInfo.GetCultureInfo(code);
            // An unknown but well-formed tag gives a culture named by its bare language subtag ("qq", "qq (Unknown Script)").
            var language = code.Split('-')[0];
            var unknown = culture.EnglishName.Equals(language, StringComparison.OrdinalIgnoreCase)
                || culture.EnglishName.StartsWith(language + " (", StringComparison.OrdinalIgnoreCase);
            return unknown || string.IsNullOrWhiteSpace(culture.NativeName) ? code : culture.NativeName;
        }
        catch (CultureNotFoundException)
        {
            return code;
        }
    }
}
