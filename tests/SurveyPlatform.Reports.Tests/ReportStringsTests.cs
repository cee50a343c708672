using System.Text.RegularExpressions;
using SurveyPlatform.Reports.Localization;

namespace SurveyPlatform.Reports.Tests;

public partial class ReportStringsTests
{
    [Fact]
    public void Every_report_string_exists_in_every_shipped_language()
    {
        var missing = ReportStrings.AllKeys.SelectMany(k => ReportStrings.Languages
            .Where(l => ReportStrings.Get(k, l) == ReportStrings.Get(k, "en") && l != "en" && !SameInEveryLanguage.Contains(k))
            .Select(l => $"{k}/{l}")).ToList();
        Assert.Empty(missing);
    }

    /// <summary>Strings that are legitimately the same as English in some language (a total is "Total" in Spanish too).</summary>
    private static readonly HashSet<string> SameInEveryLanguage =
        ["total", "lbl_software", "no", "date_format", "kind_brief", "quote", "list_separator", "lbl_base", "first_to_last", "col_site_change", "col_comparison_change"];

    [Fact]
    public void Placeholders_match_English_in_every_language()
    {
        var mismatches = ReportStrings.AllKeys.SelectMany(k => ReportStrings.Languages
            .Where(l => !Placeholders(ReportStrings.Get(k, l)).SetEquals(Placeholders(ReportStrings.Get(k, "en"))))
            .Select(l => $"{k}/{l}")).ToList();
        Assert.Empty(mismatches);
    }

    private static HashSet<string> Placeholders(string text) => PlaceholderPattern().Matches(text).Select(m => m.Value).ToHashSet();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex PlaceholderPattern();

    [Theory]
    [InlineData("es-MX", "es")]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("AR", "ar")]
    [InlineData("zh-Hant", null)]
    [InlineData("fr", null)]
    public void Requested_tags_resolve_to_a_report_language(string tag, string? expected) => Assert.Equal(expected, ReportStrings.Resolve(tag));
}
