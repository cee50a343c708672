using System.Globalization;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Localization;

namespace SurveyPlatform.Web.Features.Dashboards;

/// <summary>What a figure measures on the page: a share, a 0–100 score, or a difference of either (in points).</summary>
public enum ResultScale { Percent, Score, PercentPoints, ScorePoints }

/// <summary>
/// How estimates read, in the reader's language: percentages and scores rounded to whole numbers, and why a result is not
/// shown. The bar of an interval is drawn from the same rounded numbers, so the page carries no more precision than its
/// text (docs/anonymity.md rule 7).
/// </summary>
public static class ResultText
{
    /// <summary>The scale of an indicator's figures: a difference of scores (the language gap in trust) is in score points, not percentage points.</summary>
    public static ResultScale ScaleOf(IndicatorResult indicator, IndicatorReport report) => indicator.Kind switch
    {
        IndicatorKind.Mean => ResultScale.Score,
        IndicatorKind.Difference => report.Find(indicator.Definition.Of ?? "")?.Kind == IndicatorKind.Mean ? ResultScale.ScorePoints : ResultScale.PercentPoints,
        _ => ResultScale.Percent,
    };

    /// <summary>The number as printed: whole percentages, whole score points.</summary>
    public static double Shown(ResultScale scale, double value) => scale is ResultScale.Percent or ResultScale.PercentPoints
        ? Math.Round(value * 100, MidpointRounding.AwayFromZero)
        : Math.Round(value, MidpointRounding.AwayFromZero);

    public static string Value(ResultScale scale, double? value, string lang = "en") => value is not { } v ? "—" : scale switch
    {
        ResultScale.Score => Shown(scale, v).ToString("0", CultureInfo.InvariantCulture),
        ResultScale.PercentPoints or ResultScale.ScorePoints => UiStrings.Format(PointsKey(scale, Math.Abs(Shown(scale, v)) == 1), lang, Signed(scale, v)),
        _ => $"{Shown(scale, v).ToString("0", CultureInfo.InvariantCulture)}%",
    };

    public static string Interval(ResultScale scale, Estimate e, string lang = "en") =>
        e.CiLow is { } low && e.CiHigh is { } high
            ? scale switch
            {
                ResultScale.Score => $"{Shown(scale, low).ToString("0", CultureInfo.InvariantCulture)}–{Shown(scale, high).ToString("0", CultureInfo.InvariantCulture)}",
                ResultScale.Percent => $"{Shown(scale, low).ToString("0", CultureInfo.InvariantCulture)}–{Shown(scale, high).ToString("0", CultureInfo.InvariantCulture)}%",
                _ => UiStrings.Format(PointsKey(scale, one: false), lang, $"{Signed(scale, low)}–{Signed(scale, high)}"),
            }
            : "";

    /// <summary>The estimate and its interval in words, for the interval chart's text alternative.</summary>
    public static string Description(ResultScale scale, Estimate e, string lang = "en") =>
        UiStrings.Format("results_interval_aria", lang, Value(scale, e.Value, lang), Interval(scale, e, lang));

    /// <summary>Percentage points (shares) or points of a score, one or several.</summary>
    private static string PointsKey(ResultScale scale, bool one) =>
        (scale == ResultScale.ScorePoints ? "results_score_point" : "results_point") + (one ? "" : "s");

    private static string Signed(ResultScale scale, double v) => Shown(scale, v).ToString("+0;−0;0", CultureInfo.InvariantCulture);

    /// <summary>Why an estimate is not shown, in plain words; the privacy reasons first.</summary>
    public static string Withheld(Estimate e, int minCell, string lang = "en")
    {
        if (e.Reasons.Contains(Decisions.Privacy))
            return UiStrings.Format("results_withheld_privacy", lang, minCell);
        if (e.Reasons.Contains(Decisions.Complementary))
            return UiStrings.Get("results_withheld_complementary", lang);
        if (e.Reasons.Contains(Decisions.Differencing))
            return UiStrings.Get("results_withheld_differencing", lang);
        if (e.Reasons.Contains(Decisions.NotApplicable))
            return UiStrings.Get("results_withheld_not_applicable", lang);
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
    /// The x positions (0–1) of an interval on a bar, from the numbers as printed: shares on 0..100%, scores on 0..100,
    /// differences on −100..+100 points.
    /// </summary>
    public static (double Low, double Point, double High)? Bar(ResultScale scale, Estimate e)
    {
        if (e.Value is not { } v || e.CiLow is not { } low || e.CiHigh is not { } high)
            return null;
        double Position(double x) => scale switch
        {
            ResultScale.PercentPoints or ResultScale.ScorePoints => (Shown(scale, x) + 100) / 200,
            _ => Shown(scale, x) / 100,
        };
        return (Math.Clamp(Position(low), 0, 1), Math.Clamp(Position(v), 0, 1), Math.Clamp(Position(high), 0, 1));
    }

    public static string Label(IndicatorDefinition indicator, string lang) => indicator.Label.Get(lang);
}
