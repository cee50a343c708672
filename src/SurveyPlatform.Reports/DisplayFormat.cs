using System.Globalization;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Localization;
using SurveyPlatform.Reports.Localization;

namespace SurveyPlatform.Reports;

/// <summary>
/// How numbers and dates are printed: the display rounding of indicators.md (percentages, intervals and
/// scores to whole numbers, half away from zero) in the conventions of the report's culture.
/// </summary>
internal sealed class DisplayFormat(string language, CultureInfo culture)
{
    /// <summary>What a withheld figure shows instead of a number.</summary>
    public const string Withheld = "—";

    private static readonly string[] HaitianMonths =
        ["janvye", "fevriye", "mas", "avril", "me", "jen", "jiyè", "out", "septanm", "oktòb", "novanm", "desanm"];

    public CultureInfo Culture { get; } = culture;

    public static int Round(double value) => (int)Math.Round(value, MidpointRounding.AwayFromZero);

    public string Percent(double share) => Unbroken((Round(share * 100) / 100.0).ToString("P0", Culture));

    public string Whole(double value) => Unbroken(Round(value).ToString("N0", Culture));

    public string Count(long value) => Unbroken(value.ToString("N0", Culture));

    /// <summary>A number never split over two lines ("42 %" in Spanish, "12 345" in Haitian Creole).</summary>
    private static string Unbroken(string number) => number.Replace(' ', '\u00A0');

    public string Decimal2(double value) => value.ToString("N2", Culture);

    /// <summary>A signed whole number: +12, −3 (the culture's minus sign), 0.</summary>
    public string Signed(double value)
    {
        var whole = Round(value);
        var digits = Math.Abs(whole).ToString("N0", Culture);
        var signed = whole > 0 ? "+" + digits : whole < 0 ? Culture.NumberFormat.NegativeSign + digits : digits;
        // In Arabic the sign would move to the other side of the number; keep "+12" in one left-to-right piece.
        return Piece(signed);
    }

    /// <summary>
    /// In Arabic, a number kept in one left-to-right piece (as a bidi isolate would), so that both ends of a
    /// range look alike: .NET's Arabic percent ends with a letter mark that would otherwise turn the next number around.
    /// </summary>
    private string Piece(string number) => Languages.IsRightToLeft(language) ? "\u200F\u200E" + number + "\u200E\u200F" : number;

    /// <summary>The estimate as printed: 42% for shares, 58 for scores, +12 for differences (points).</summary>
    public string Value(Estimate estimate, IndicatorKind kind, IndicatorKind compared = IndicatorKind.Proportion) =>
        estimate.Value is not { } v ? Withheld : kind switch
        {
            IndicatorKind.Proportion => Percent(v),
            IndicatorKind.Mean => Whole(v),
            _ => Signed(compared == IndicatorKind.Proportion ? v * 100 : v),
        };

    /// <summary>The 95% interval as printed: 37%–47%, 55–61, or "+5 to +19" for differences.</summary>
    public string Interval(Estimate estimate, IndicatorKind kind, IndicatorKind compared = IndicatorKind.Proportion)
    {
        if (estimate.CiLow is not { } low || estimate.CiHigh is not { } high) return Withheld;
        return kind switch
        {
            IndicatorKind.Proportion => $"{Piece(Percent(low))}–{Piece(Percent(high))}",
            IndicatorKind.Mean => $"{Piece(Whole(low))}–{Piece(Whole(high))}",
            _ => ReportStrings.Format("range", language, Culture,
                Signed(compared == IndicatorKind.Proportion ? low * 100 : low), Signed(compared == IndicatorKind.Proportion ? high * 100 : high)),
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
