using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Components;

/// <summary>
/// The footnotes of one document. Each note (a reason a figure is withheld, a flag, a remark on rounding) gets a
/// letter the first time it is used and keeps it in every table of the document; the layout prints each note at
/// the foot of every page that shows its mark (<see cref="Paginator"/>), never on another page.
/// </summary>
internal sealed class Footnotes(ReportContext context)
{
    private readonly List<Footnote> _notes = [];
    private readonly Lock _lock = new();

    /// <summary>The notes of an estimate's reasons (when withheld) or flags (when shown); empty when there are none.</summary>
    public IReadOnlyList<Footnote> Of(Estimate estimate)
    {
        var keys = estimate.IsPresented ? estimate.Flags : estimate.Reasons;
        return keys.Select(NoteText).OfType<string>().Distinct().Select(Note).ToList();
    }

    /// <summary>The note with this text, with its letter (assigned on first use).</summary>
    public Footnote Note(string text)
    {
        lock (_lock)
        {
            var existing = _notes.FirstOrDefault(n => n.Text == text);
            if (existing is not null) return existing;
            var note = new Footnote(Letter(_notes.Count), text);
            _notes.Add(note);
            return note;
        }
    }

    /// <summary>The figure with the marks of its estimate set small and raised after it.</summary>
    public IReadOnlyList<Span> Cell(string text, Estimate estimate, TextStyle style) => Marked(text, style, Of(estimate));

    /// <summary>Text followed by raised marks, each span carrying its note so the page that shows it prints the note.</summary>
    public static IReadOnlyList<Span> Marked(string text, TextStyle style, IReadOnlyList<Footnote> notes)
    {
        var spans = new List<Span> { new(text, style) };
        for (var i = 0; i < notes.Count; i++)
        {
            if (i > 0) spans.Add(new Span(",", style.Mark()));
            spans.Add(new Span(notes[i].Mark, style.Mark()) { Note = notes[i] });
        }
        return spans;
    }

    /// <summary>The notes of one page, set below a short rule: "a  Fewer than 10 people…".</summary>
    public Block Area(IReadOnlyList<Footnote> notes)
    {
        var rule = new Drawing(4, width => new Fragment(width, 4).Add(
            context.Rtl ? new LineOp(new(width - 90, 1), new(width, 1), Typography.Rule, 0.6f) : new LineOp(new(0, 1), new(90, 1), Typography.Rule, 0.6f)));
        var lines = notes.Select(note => (Block)context.Text(
            [new Span(note.Mark + "\u2002", Typography.Footnote.Bold()), new Span(note.Text, Typography.Footnote)])).ToList();
        return new Stack([rule, .. lines], 1);
    }

    private string? NoteText(string reasonOrFlag)
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

    private static string Letter(int index) => index < 26 ? ((char)('a' + index)).ToString() : $"{(char)('a' + index / 26 - 1)}{(char)('a' + index % 26)}";
}
