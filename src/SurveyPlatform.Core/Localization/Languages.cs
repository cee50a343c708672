using System.Globalization;

namespace SurveyPlatform.Core.Localization;

/// <summary>
/// The language rules every part of the platform shares (respondent pages, console, reports): which language a
/// requested tag gets, the order in which a missing text falls back, which languages are written right to left,
/// and each language's name in its own script.
/// </summary>
public static class Languages
{
    /// <summary>The language every text exists in; the last step of every fallback.</summary>
    public const string Fallback = "en";

    /// <summary>The languages the platform's own words (pages, reports) are shipped in, in display order.</summary>
    public static IReadOnlyList<string> Shipped { get; } = ["en", "es", "zh-Hans", "vi", "ar", "ht"];

    // Scripts written right to left, by the tag's language part: Arabic, Persian, Hebrew, Urdu, Pashto, Yiddish,
    // Sindhi, Kurdish (Sorani), Dhivehi, Uyghur.
    private static readonly HashSet<string> RightToLeft = new(StringComparer.OrdinalIgnoreCase)
    {
        "ar", "fa", "he", "ur", "ps", "yi", "sd", "ckb", "dv", "ug",
    };

    private static readonly Dictionary<string, string> NativeNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["en"] = "English",
        ["es"] = "Español",
        ["zh-Hans"] = "中文（简体）",
        ["vi"] = "Tiếng Việt",
        ["ar"] = "العربية",
        ["ht"] = "Kreyòl ayisyen",
    };

    /// <summary>Whether text in <paramref name="language"/> runs right to left (a script tag such as <c>-Latn</c> is not considered).</summary>
    public static bool IsRightToLeft(string? language) => !string.IsNullOrEmpty(language) && RightToLeft.Contains(Primary(language));

    /// <summary>The HTML <c>dir</c> value for <paramref name="language"/>.</summary>
    public static string Direction(string? language) => IsRightToLeft(language) ? "rtl" : "ltr";

    /// <summary>A language's name in its own script (English, Español, 中文（简体）…), readable whatever the page's language.</summary>
    public static string NativeName(string language)
    {
        if (NativeNames.TryGetValue(language, out var name))
            return name;
        try
        {
            var culture = CultureInfo.GetCultureInfo(language);
            // An unknown but well-formed tag gives a culture named by its bare language subtag ("qq", "qq (Unknown Script)").
            var primary = Primary(language);
            var unknown = culture.EnglishName.Equals(primary, StringComparison.OrdinalIgnoreCase)
                || culture.EnglishName.StartsWith(primary + " (", StringComparison.OrdinalIgnoreCase);
            return unknown || string.IsNullOrWhiteSpace(culture.NativeName) ? language : culture.NativeName;
        }
        catch (CultureNotFoundException)
        {
            return language;
        }
    }

    /// <summary>
    /// Which of <paramref name="available"/> serves a request for <paramref name="requested"/>: the same tag
    /// (ignoring case), else the same language part (<c>es-MX</c> → <c>es</c>). Chinese goes by script: <c>zh</c>,
    /// <c>zh-CN</c> and <c>zh-SG</c> get <c>zh-Hans</c>; traditional script (<c>zh-Hant</c>, <c>zh-TW</c>, <c>zh-HK</c>,
    /// <c>zh-MO</c>) never gets simplified text. Null when nothing serves it.
    /// </summary>
    public static string? Match(IReadOnlyList<string> available, string? requested)
    {
        if (string.IsNullOrWhiteSpace(requested) || requested.Length > 35)
            return null;
        requested = requested.Replace('_', '-');
        foreach (var language in available)
        {
            if (string.Equals(language, requested, StringComparison.OrdinalIgnoreCase))
                return language;
        }
        var primary = Primary(requested);
        var traditional = string.Equals(primary, "zh", StringComparison.OrdinalIgnoreCase) && IsTraditionalChinese(requested);
        foreach (var language in available)
        {
            if (string.Equals(Primary(language), primary, StringComparison.OrdinalIgnoreCase)
                && (!string.Equals(primary, "zh", StringComparison.OrdinalIgnoreCase) || IsTraditionalChinese(language) == traditional))
            {
                return language;
            }
        }
        return null;
    }

    /// <summary>
    /// The text of <paramref name="texts"/> for <paramref name="language"/>, or where it is missing (or blank): in the
    /// language without its region (<c>es-MX</c> → <c>es</c>), then in <see cref="Fallback"/>. Null when none has it.
    /// </summary>
    public static string? Pick(IReadOnlyDictionary<string, string> texts, string language)
    {
        if (texts.TryGetValue(language, out var text) && !string.IsNullOrWhiteSpace(text))
            return text;
        var dash = language.IndexOf('-');
        if (dash > 0 && texts.TryGetValue(language[..dash], out text) && !string.IsNullOrWhiteSpace(text))
            return text;
        return texts.TryGetValue(Fallback, out text) && !string.IsNullOrWhiteSpace(text) ? text : null;
    }

    private static string Primary(string tag)
    {
        var dash = tag.IndexOfAny(['-', '_']);
        return dash > 0 ? tag[..dash] : tag;
    }

    private static bool IsTraditionalChinese(string tag) =>
        tag.Contains("Hant", StringComparison.OrdinalIgnoreCase)
        || tag.EndsWith("-TW", StringComparison.OrdinalIgnoreCase) || tag.EndsWith("-HK", StringComparison.OrdinalIgnoreCase)
        || tag.EndsWith("-MO", StringComparison.OrdinalIgnoreCase);
}
