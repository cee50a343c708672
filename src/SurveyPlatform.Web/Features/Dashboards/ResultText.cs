using System.Globalization;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Localization;

namespace SurveyPlatform.Web.Features.Dashboards;

/// <summary>How estimates read, in the reader's language: percentages and scores rounded to whole numbers, and why a result is not shown.</summary>
public static class ResultText
{
    /// <param name="compared">For a difference, the kind of the figures it compares: shares differ in percentage points, scores in score points.</param>
    public static string Value(IndicatorKind kind, double? value, string lang = "en", IndicatorKind compared = IndicatorKind.Proportion) =>
        value is not { } v ? "—" : kind switch
        {
            IndicatorKind.Mean => v.ToString("0", CultureInfo.InvariantCulture),
            IndicatorKind.Difference => UiStrings.Format(PointsKey(compared, Math.Abs(Math.Round(Points(v, compared))) == 1), lang, Signed(Points(v, compared))),
            _ => $"{(v * 100).ToString("0", CultureInfo.InvariantCulture)}%",
        };

    public static string Interval(IndicatorKind kind, Estimate e, string lang = "en", IndicatorKind compared = IndicatorKind.Proportion) =>
        e.CiLow is { } low && e.CiHigh is { } high
            ? kind switch
            {
                IndicatorKind.Mean => $"{low.ToString("0", CultureInfo.InvariantCulture)}–{high.ToString("0", CultureInfo.InvariantCulture)}",
                IndicatorKind.Difference => UiStrings.Format(PointsKey(compared, one: false), lang, $"{Signed(Points(low, compared))}–{Signed(Points(high, compared))}"),
                _ => $"{(low * 100).ToString("0", CultureInfo.InvariantCulture)}–{(high * 100).ToString("0", CultureInfo.InvariantCulture)}%",
            }
            : "";

    /// <summary>The estimate and its interval in words, for the interval chart's text alternative.</summary>
    public static string Description(IndicatorKind kind, Estimate e, string lang = "en", IndicatorKind compared = IndicatorKind.Proportion) =>
        UiStrings.Format("results_interval_aria", lang, Value(kind, e.Value, lang, compared), Interval(kind, e, lang, compared));

    /// <summary>A difference in points: of shares (0–1) in percentage points, of scores (0–100) as it is.</summary>
    private static double Points(double v, IndicatorKind compared) => compared == IndicatorKind.Mean ? v : v * 100;

    /// <summary>Percentage points (shares) or points of a score, one or several.</summary>
    private static string PointsKey(IndicatorKind compared, bool one) =>
        (compared == IndicatorKind.Mean ? "results_score_point" : "results_point") + (one ? "" : "s");

    private static string Signed(double points) => points.ToString("+0;−0;0", CultureInfo.InvariantCulture);

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

    /// <summary>
    /// The x positions (0–1) of an interval on a bar: shares on 0..1, scores on 0..100, differences of shares on −1..1 and
    /// of scores on −100..100.
    /// </summary>
    public static (double Low, double Point, double High)? Bar(IndicatorKind kind, Estimate e, IndicatorKind compared = IndicatorKind.Proportion)
    {
        if (e.Value is not { } v || e.CiLow is not { } low || e.CiHigh is not { } high)
            return null;
        Func<double, double> scale = kind switch
        {
            IndicatorKind.Mean => x => x / 100,
            IndicatorKind.Difference when compared == IndicatorKind.Mean => x => (x + 100) / 200,
            IndicatorKind.Difference => x => (x + 1) / 2,
            _ => x => x,
        };
        return (Math.Clamp(scale(low), 0, 1), Math.Clamp(scale(v), 0, 1), Math.Clamp(scale(high), 0, 1));
    }

    public static string Label(IndicatorDefinition indicator, string lang) => indicator.Label.Get(lang);
}
