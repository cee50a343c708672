using System.Globalization;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Localization;

namespace SurveyPlatform.Web.Features.Dashboards;

/// <summary>How estimates read, in the reader's language: percentages and scores rounded to whole numbers, and why a result is not shown.</summary>
public static class ResultText
{
    public static string Value(IndicatorKind kind, double? value, string lang = "en") => value is not { } v ? "—" : kind switch
    {
        IndicatorKind.Mean => v.ToString("0", CultureInfo.InvariantCulture),
        IndicatorKind.Difference => UiStrings.Format("results_points", lang, $"{(v >= 0 ? "+" : "−")}{Math.Abs(v * 100).ToString("0", CultureInfo.InvariantCulture)}"),
        _ => $"{(v * 100).ToString("0", CultureInfo.InvariantCulture)}%",
    };

    public static string Interval(IndicatorKind kind, Estimate e, string lang = "en") =>
        e.CiLow is { } low && e.CiHigh is { } high
            ? kind switch
            {
                IndicatorKind.Mean => $"{low.ToString("0", CultureInfo.InvariantCulture)}–{high.ToString("0", CultureInfo.InvariantCulture)}",
                IndicatorKind.Difference => UiStrings.Format("results_points", lang, $"{Signed(kind, low)}–{Signed(kind, high)}"),
                _ => $"{Signed(kind, low)}–{Signed(kind, high)}%",
            }
            : "";

    /// <summary>The estimate and its interval in words, for the interval chart's text alternative.</summary>
    public static string Description(IndicatorKind kind, Estimate e, string lang = "en") =>
        UiStrings.Format("results_interval_aria", lang, Value(kind, e.Value, lang), Interval(kind, e, lang));

    private static string Signed(IndicatorKind kind, double v) =>
        kind == IndicatorKind.Difference ? (v * 100).ToString("+0;−0;0", CultureInfo.InvariantCulture) : (v * 100).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Why an estimate is not shown, in plain words; the privacy reasons first.</summary>
    public static string Withheld(Estimate e, int minCell, string lang = "en")
    {
        if (e.Reasons.Contains(Decisions.Privacy))
            return UiStrings.Format("results_withheld_privacy", lang, minCell);
        if (e.Reasons.Contains(Decisions.Complementary))
            return UiStrings.Get("results_withheld_complementary", lang);
        if (e.Reasons.Contains(Decisions.Differencing))
            return UiStrings.Get("results_withheld_differencing", lang);
        if (e.Reasons.Contains(Decisions.PartSuppressed))
            return UiStrings.Get("results_withheld_part", lang);
        return UiStrings.Get("results_withheld_unreliable", lang);
    }

    public static string Flags(Estimate e, string lang = "en") => string.Join(" ", e.Flags.Select(f => f switch
    {
        Decisions.DfBelow8 => UiStrings.Get("results_flag_few", lang),
        Decisions.ComplementFlag => UiStrings.Get("results_flag_complement", lang),
        Decisions.ZeroOrAll => UiStrings.Get("results_flag_zero_or_all", lang),
        _ => "",
    }).Where(f => f.Length > 0));

    /// <summary>The x positions (0–1) of an interval on a bar; proportions and differences use −1..1 or 0..1, scores 0..100.</summary>
    public static (double Low, double Point, double High)? Bar(IndicatorKind kind, Estimate e)
    {
        if (e.Value is not { } v || e.CiLow is not { } low || e.CiHigh is not { } high)
            return null;
        Func<double, double> scale = kind switch
        {
            IndicatorKind.Mean => x => x / 100,
            IndicatorKind.Difference => x => (x + 1) / 2,
            _ => x => x,
        };
        return (Math.Clamp(scale(low), 0, 1), Math.Clamp(scale(v), 0, 1), Math.Clamp(scale(high), 0, 1));
    }

    public static string Label(IndicatorDefinition indicator, string lang) => indicator.Label.Get(lang);
}
