using System.Globalization;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Localization;
using SurveyPlatform.Reports.Localization;

namespace SurveyPlatform.Reports;

/// <summary>
/// How numbers and dates are printed: the display rounding of indicators.md (percentages, intervals and
/// scores to whole numbers, half away from zero; one decimal where whole numbers would contradict each other)
/// in the conventions of the report's culture.
/// </summary>
internal sealed class DisplayFormat(string language, CultureInfo culture)
{
    /// <summary>What a withheld figure shows instead of a number.</summary>
    public const string Withheld = "—";

    private static readonly string[] HaitianMonths =
        ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm"];

    public CultureInfo Culture { get; } = culture;

    public static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Minus sign of signed figures in every language: the plain hyphen-minus (what readers type when they search), never
    /// the Arabic culture's sign, which starts with a letter mark that turns "-3" into "3-" beside "+6".
    /// </summary>
    public const string Minus = "-";

    public string Percent(double share, int decimals = 0) =>
        Unbroken((Math.Round(share * 100, decimals, MidpointRounding.AwayFromZero) / 100).ToString("P" + decimals, Culture));

    public string Whole(double value, int decimals = 0) =>
        Unbroken(Math.Round(value, decimals, MidpointRounding.AwayFromZero).ToString("N" + decimals, Culture));

    public string Count(long value) => Unbroken(value.ToString("N0", Culture));

    /// <summary>A number never split over two lines ("42 %" in Spanish, "12 345" in Haitian Creole).</summary>
    private static string Unbroken(string number) => number.Replace(' ', '\u00A0');

    public string Decimal2(double value) => value.ToString("N2", Culture);

    /// <summary>A signed number: +12, −3, 0 (whole unless <paramref name="decimals"/> asks for more).</summary>
    public string Signed(double value, int decimals = 0)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        var digits = Math.Abs(rounded).ToString("N" + decimals, Culture);
        var signed = rounded > 0 ? "+" + digits : rounded < 0 ? Minus + digits : digits;
        // In Arabic the sign would move to the other side of the number; keep "+12" in one left-to-right piece.
        return Piece(signed);
    }

    /// <summary>
    /// In Arabic, a number kept in one left-to-right piece (as a bidi isolate would), so that both ends of a
    /// range look alike: .NET's Arabic percent ends with a letter mark that would otherwise turn the next number around.
    /// </summary>
    private string Piece(string number) => Languages.IsRightToLeft(language) ? "\u200F\u200E" + number + "\u200E\u200F" : number;

    /// <summary>What one displayed unit is: percentage points for shares (and differences of shares), points for scores.</summary>
    private static double Scale(IndicatorKind kind, IndicatorKind compared) =>
        kind == IndicatorKind.Proportion || (kind == IndicatorKind.Difference && compared == IndicatorKind.Proportion) ? 100 : 1;

    /// <summary>
    /// Decimals for an estimate and its interval: whole numbers (indicators.md), or one decimal when rounding would print
    /// the estimate equal to an end of its interval although it lies inside it ("51 (95% CI 50–51)" reads as a contradiction).
    /// </summary>
    public static int Decimals(Estimate estimate, IndicatorKind kind, IndicatorKind compared = IndicatorKind.Proportion)
    {
        if (estimate.Value is not { } v || estimate.CiLow is not { } low || estimate.CiHigh is not { } high) return 0;
        var scale = Scale(kind, compared);
        for (var decimals = 0; decimals < 2; decimals++)
        {
            double R(double x) => Math.Round(x * scale, decimals, MidpointRounding.AwayFromZero);
            var touchesLow = R(v) == R(low) && (v - low) * scale > 1e-9;
            var touchesHigh = R(v) == R(high) && (high - v) * scale > 1e-9;
            if (!touchesLow && !touchesHigh) return decimals;
        }
        return 2;
    }

    /// <summary>A figure as displayed, in display units (percentage points or points), for checks against other displayed figures.</summary>
    public static double Displayed(double value, int decimals, IndicatorKind kind, IndicatorKind compared = IndicatorKind.Proportion) =>
        Math.Round(value * Scale(kind, compared), decimals, MidpointRounding.AwayFromZero);

    /// <summary>The estimate as printed: 42% for shares, 58 for scores, +12 for differences (points).</summary>
    public string Value(Estimate estimate, IndicatorKind kind, IndicatorKind compared = IndicatorKind.Proportion)
    {
        if (estimate.Value is not { } v) return Withheld;
        var decimals = Decimals(estimate, kind, compared);
        return kind switch
        {
            IndicatorKind.Proportion => Percent(v, decimals),
            IndicatorKind.Mean => Whole(v, decimals),
            _ => Signed(v * Scale(kind, compared), decimals),
        };
    }

    /// <summary>The 95% interval as printed: 37%–47%, 55–61, or "+5 to +19" for differences.</summary>
    public string Interval(Estimate estimate, IndicatorKind kind, IndicatorKind compared = IndicatorKind.Proportion)
    {
        if (estimate.CiLow is not { } low || estimate.CiHigh is not { } high) return Withheld;
        var decimals = Decimals(estimate, kind, compared);
        return kind switch
        {
            IndicatorKind.Proportion => $"{Piece(Percent(low, decimals))}–{Piece(Percent(high, decimals))}",
            IndicatorKind.Mean => $"{Piece(Whole(low, decimals))}–{Piece(Whole(high, decimals))}",
            _ => ReportStrings.Format("range", language, Culture,
                Signed(low * Scale(kind, compared), decimals), Signed(high * Scale(kind, compared), decimals)),
        };
    }

    public string Date(DateOnly date)
    {
        var pattern = ReportStrings.Get("date_format", language);
        if (language == "ht")
            pattern = pattern.Replace("MMMM", $"'{HaitianMonths[date.Month - 1]}'", StringComparison.Ordinal);
        return date.ToDateTime(TimeOnly.MinValue).ToString(pattern, Gregorian());
    }

    /// <summary>The culture with the Gregorian calendar, so dates never come out in another calendar.</summary>
    private CultureInfo Gregorian()
    {
        if (Culture.DateTimeFormat.Calendar is GregorianCalendar) return Culture;
        var culture = (CultureInfo)Culture.Clone();
        culture.DateTimeFormat.Calendar = new GregorianCalendar();
        return culture;
    }
}
