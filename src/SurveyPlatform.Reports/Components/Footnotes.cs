using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// Footnote marks for withheld and flagged figures: each distinct reason gets a letter (a, b, …) the
/// first time it is used, and the notes are printed once below the section that used them.
/// </summary>
internal sealed class Footnotes(ReportContext context)
{
    private readonly List<string> _notes = [];

    public bool Any => _notes.Count > 0;

    /// <summary>The marks of an estimate's reasons (when withheld) or flags (when shown); empty when there are none.</summary>
    public string Mark(Estimate estimate)
    {
        var keys = estimate.IsPresented ? estimate.Flags : estimate.Reasons;
        return string.Join(",", keys.Select(Note).Where(n => n is not null).Select(n => Letter(n!)));
    }

    /// <summary>The figure with its mark set small and raised after it.</summary>
    public IReadOnlyList<Span> Cell(string text, Estimate estimate, TextStyle style)
    {
        var mark = Mark(estimate);
        return mark.Length == 0 ? [new Span(text, style)] : [new Span(text, style), new Span(mark, style.Mark())];
    }

    public Block Compose() => new Stack(_notes.Select((note, i) =>
        (Block)context.Text([new Span(Letter(i) + "  ", Typography.Footnote.Bold()), new Span(note, Typography.Footnote)])).ToList(), 1);

    private string? Note(string reasonOrFlag)
    {
        var key = reasonOrFlag switch
        {
            Decisions.Privacy => "reason_privacy",
            Decisions.Complementary => "reason_complementary",
            Decisions.Differencing => "reason_differencing",
            Decisions.NEffBelow30 => "reason_n_eff",
            Decisions.WidthAtLeast30 => "reason_width",
            Decisions.RelativeWidth => "reason_relative_width",
            Decisions.NBelow30 => "reason_n_below_30",
            Decisions.RelativeSe => "reason_relative_se",
            Decisions.PartSuppressed => "reason_part_suppressed",
            Decisions.ComplementFlag => "flag_complement",
            Decisions.DfBelow8 => "flag_df",
            Decisions.ZeroOrAll => "flag_zero_or_all",
            _ => null,
        };
        return key is null ? null : context.F(key, context.Report.MinCell);
    }

    private string Letter(string note)
    {
        var index = _notes.IndexOf(note);
        if (index < 0)
        {
            _notes.Add(note);
            index = _notes.Count - 1;
        }
        return Letter(index);
    }

    private static string Letter(int index) => index < 26 ? ((char)('a' + index)).ToString() : $"a{index}";
}
