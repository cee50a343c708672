using System.Globalization;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;

namespace SurveyPlatform.Web.Features.Dashboards;

/// <summary>How estimates read: percentages and scores rounded to whole numbers, and why a result is not shown.</summary>
public static class ResultText
{
    public static string Value(IndicatorKind kind, double? value) => value is not { } v ? "—" : kind switch
    {
        IndicatorKind.Mean => v.ToString("0", CultureInfo.InvariantCulture),
        IndicatorKind.Difference => $"{(v >= 0 ? "+" : "−")}{Math.Abs(v * 100).ToString("0", CultureInfo.InvariantCulture)} points",
        _ => $"{(v * 100).ToString("0", CultureInfo.InvariantCulture)}%",
    };

    public static string Interval(IndicatorKind kind, Estimate e) =>
        e.CiLow is { } low && e.CiHigh is { } high
            ? kind == IndicatorKind.Mean
                ? $"{low.ToString("0", CultureInfo.InvariantCulture)}–{high.ToString("0", CultureInfo.InvariantCulture)}"
                : $"{Signed(kind, low)}–{Signed(kind, high)}{(kind == IndicatorKind.Difference ? " points" : "%")}"
            : "";

    private static string Signed(IndicatorKind kind, double v) =>
        kind == IndicatorKind.Difference ? (v * 100).ToString("+0;−0;0", CultureInfo.InvariantCulture) : (v * 100).ToString("0", CultureInfo.InvariantCulture);

    /// <summary>Why an estimate is not shown, in plain words; the privacy reasons first.</summary>
    public static string Withheld(Estimate e, int minCell)
    {
        if (e.Reasons.Contains(Decisions.Privacy))
            return $"Not shown: fewer than {minCell} people in this group";
        if (e.Reasons.Contains(Decisions.Complementary))
            return "Not shown, so that a smaller hidden group cannot be worked out";
        if (e.Reasons.Contains(Decisions.Differencing))
            return "Not shown: it could be combined with another result to reveal a small group";
        if (e.Reasons.Contains(Decisions.PartSuppressed))
            return "Not shown: one of the groups compared is too small";
        return "Not shown: too few answers for a reliable estimate";
    }

    public static string Flags(Estimate e) => string.Join(" ", e.Flags.Select(f => f switch
    {
        Decisions.DfBelow8 => "Few answers: read with care.",
        Decisions.ComplementFlag => "The complement is less precise.",
        Decisions.ZeroOrAll => "All or none answered this way.",
        _ => "",
    }));

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
