using SkiaSharp;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Tests.Layout;

public class LayoutEngineTests
{
    private static readonly TextStyle Body = new(10, SKColors.Black);

    private static Paragraph Text(string text, bool rtl = false, string language = "en") => new([new Span(text, Body)], rtl, language);

    private static string LineText(Paragraph p, TextLine line) => p.Shaped.Text[line.Start..line.End];

    [Fact]
    public void Lines_break_after_spaces_and_never_exceed_the_width()
    {
        var p = Text("The quick brown fox jumps over the lazy dog and keeps running across the wide field until evening.");
        var lines = p.Lines(120);
        Assert.True(lines.Count > 2);
        Assert.All(lines, l => Assert.True(l.Width <= 120.01f, $"line '{LineText(p, l)}' is {l.Width} wide"));
        Assert.All(lines, l => Assert.False(LineText(p, l).StartsWith(' ') || LineText(p, l).EndsWith(' ')));
        Assert.Equal(p.Shaped.Text.Split(' '), lines.SelectMany(l => LineText(p, l).Split(' ')));
    }

    [Fact]
    public void A_word_longer_than_the_line_is_cut_and_nothing_is_lost()
    {
        var p = Text("Supercalifragilisticexpialidocious");
        var lines = p.Lines(40);
        Assert.True(lines.Count > 1);
        Assert.Equal(p.Shaped.Text, string.Concat(lines.Select(l => LineText(p, l))));
    }

    [Fact]
    public void Chinese_breaks_between_characters_but_not_before_closing_punctuation()
    {
        var p = Text("社区信任与报案调查，受访者的回答是匿名的。我们不会记录任何可以识别个人身份的信息。", language: "zh-Hans");
        var lines = p.Lines(60);
        Assert.True(lines.Count > 3);
        Assert.Equal(p.Shaped.Text, string.Concat(lines.Select(l => LineText(p, l))));
        Assert.All(lines.Skip(1), l => Assert.DoesNotContain(LineText(p, l)[0], "，。"));
        Assert.Equal(0, p.Shaped.MissingGlyphs);
    }

    [Fact]
    public void Latin_text_keeps_one_glyph_per_letter_so_simple_extractors_find_words()
    {
        var p = Text("effect, office, difference");
        Assert.Equal(p.Shaped.Text.Length, p.Shaped.Items.Sum(i => i.Glyphs.Length));
    }

    [Fact]
    public void Explicit_newlines_end_lines()
    {
        var p = Text("one\ntwo\nthree");
        Assert.Equal(["one", "two", "three"], p.Lines(500).Select(l => LineText(p, l)));
    }

    [Fact]
    public void Arabic_is_shaped_right_to_left_with_numbers_left_to_right_inside()
    {
        var p = Text("قال 42٪ من المشاركين", rtl: true, language: "ar");
        var line = Assert.Single(p.Lines(500));
        Assert.Equal(0, p.Shaped.MissingGlyphs);
        // Visual order, left to right: the last words come first; the number keeps its digits in order.
        var visual = line.Runs.Select(r => p.Shaped.Text[r.TextStart..r.TextEnd]).ToList();
        Assert.Contains("42", visual);
        Assert.True(visual.IndexOf("42") < visual.FindIndex(v => v.Contains("قال")));
        Assert.All(line.Runs.Where(r => r.Item.Face.Family == FontFamily.Arabic), r => Assert.True(r.Item.Rtl));
    }

    [Fact]
    public void Arabic_paragraphs_align_to_the_right_edge()
    {
        var p = Text("مرحبا", rtl: true, language: "ar");
        var fragment = p.Measure(300);
        var run = Assert.Single(fragment.Flatten().Select(f => f.Op).OfType<TextRunOp>());
        Assert.Equal(300, run.Baseline.X + run.Run.Width, 1);
    }

    [Fact]
    public void Vietnamese_and_Haitian_Creole_need_no_fallback()
    {
        var p = Text("Người trả lời có thể bỏ qua bất kỳ câu hỏi nào. Repons ou yo pa anrejistre.", language: "vi");
        p.Lines(200);
        Assert.Equal(0, p.Shaped.MissingGlyphs);
        Assert.All(p.Shaped.Items, i => Assert.Equal(FontFamily.Latin, i.Face.Family));
    }

    [Fact]
    public void A_paragraph_splits_between_pages_by_lines_and_leaves_no_orphan()
    {
        var p = Text(string.Join(" ", Enumerable.Repeat("words that wrap", 40)));
        var lineHeight = p.Lines(100)[0].Height;
        var placement = p.Place(new Space(100, lineHeight * 3.5f, PageTop: false));
        Assert.NotNull(placement.Placed);
        Assert.Equal(3 * lineHeight, placement.Placed!.Height, 2);
        Assert.NotNull(placement.Rest);

        var orphan = p.Place(new Space(100, lineHeight * 1.5f, PageTop: false));
        Assert.Null(orphan.Placed);
    }

    private static Table NumberTable(int rows, bool rtl = false) => new(
        [2, 1],
        [Text("Group"), Text("Estimate")],
        Enumerable.Range(1, rows).Select(i => (IReadOnlyList<Block>)[Text($"row {i}"), Text($"{i}%")]).ToList(),
        rtl,
        new TableStyle(SKColors.LightGray, SKColors.Gray, SKColors.WhiteSmoke));

    [Fact]
    public void Tables_split_across_pages_and_repeat_their_header()
    {
        var table = NumberTable(60);
        var pages = Paginator.Flow(new Stack([new Spacer(100), table]), new PageGeometry(300, 400, 20, 0, 0));
        Assert.True(pages.Count >= 3);
        foreach (var page in pages)
        {
            var texts = page.Texts().ToList();
            Assert.Equal(1, texts.Count(t => t == "Group"));
        }
        var rows = pages.SelectMany(p => p.Texts()).Where(t => t.StartsWith("row ")).ToList();
        Assert.Equal(Enumerable.Range(1, 60).Select(i => $"row {i}"), rows);
    }

    [Fact]
    public void A_continued_table_names_itself_above_the_repeated_header()
    {
        var table = new Table([2, 1], [Text("Group"), Text("Estimate")],
            Enumerable.Range(1, 60).Select(i => (IReadOnlyList<Block>)[Text($"row {i}"), Text($"{i}%")]).ToList(), false,
            new TableStyle(SKColors.LightGray, SKColors.Gray, SKColors.WhiteSmoke))
        { ContinuedCaption = Text("Victim chill (continued)") };
        var pages = Paginator.Flow(table, new PageGeometry(300, 400, 20, 0, 0));
        Assert.DoesNotContain("Victim chill (continued)", pages[0].Texts());
        foreach (var page in pages.Skip(1))
        {
            var texts = page.Flatten().Where(f => f.Op is TextRunOp).Select(f => (((TextRunOp)f.Op).Text, f.Origin.Y)).ToList();
            var caption = Assert.Single(texts, t => t.Text == "Victim chill (continued)");
            var header = Assert.Single(texts, t => t.Text == "Group");
            Assert.True(caption.Y < header.Y);
            Assert.All(texts.Where(t => t.Text.StartsWith("row ")), row => Assert.True(row.Y > header.Y));
        }
    }

    [Fact]
    public void A_row_kept_with_the_next_is_never_the_last_on_a_page()
    {
        var style = new TableStyle(SKColors.LightGray, SKColors.Gray, SKColors.WhiteSmoke);
        var rows = Enumerable.Range(1, 40).Select(i => (IReadOnlyList<Block>)[Text($"row {i}"), Text("x")]).ToList();
        var plain = Paginator.Flow(new Table([2, 1], [Text("Group"), Text("Estimate")], rows, false, style), new PageGeometry(300, 400, 20, 0, 0));
        var lastOnFirstPage = plain[0].Texts().Where(t => t.StartsWith("row ")).Last();
        var index = int.Parse(lastOnFirstPage[4..]) - 1;
        var kept = Paginator.Flow(new Table([2, 1], [Text("Group"), Text("Estimate")], rows, false, style) { KeepRowsWithNext = new HashSet<int> { index } },
            new PageGeometry(300, 400, 20, 0, 0));
        Assert.DoesNotContain(lastOnFirstPage, kept[0].Texts());
        Assert.Contains(lastOnFirstPage, kept[1].Texts());
    }

    [Fact]
    public void A_table_header_is_never_left_alone_at_the_bottom_of_a_page()
    {
        var table = NumberTable(5);
        var headerAndRow = table.Measure(200).Height / 6 * 2;
        Assert.Null(table.Place(new Space(200, headerAndRow * 0.8f, PageTop: false)).Placed);
    }

    [Fact]
    public void Right_to_left_tables_put_the_first_column_on_the_right()
    {
        var fragment = NumberTable(1, rtl: true).Measure(300);
        var ops = fragment.Flatten().Where(f => f.Op is TextRunOp).ToList();
        var group = ops.First(f => ((TextRunOp)f.Op).Text == "Group");
        var estimate = ops.First(f => ((TextRunOp)f.Op).Text == "Estimate");
        Assert.True(group.Origin.X > estimate.Origin.X);
    }

    [Fact]
    public void Keep_together_moves_a_block_to_the_next_page_whole()
    {
        var box = new KeepTogether(new Stack([Text("Methodology"), Text(string.Join(" ", Enumerable.Repeat("how the survey was done", 12)))]));
        var pages = Paginator.Flow(new Stack([new Spacer(300), box]), new PageGeometry(300, 400, 20, 0, 0));
        Assert.Equal(2, pages.Count);
        Assert.Contains("Methodology", pages[1].Texts());
        Assert.DoesNotContain("Methodology", pages[0].Texts());
    }

    [Fact]
    public void Keep_together_splits_a_block_taller_than_a_page()
    {
        var tall = new KeepTogether(new Stack(Enumerable.Range(1, 80).Select(i => (Block)Text($"line {i}")).ToList()));
        var pages = Paginator.Flow(tall, new PageGeometry(300, 400, 20, 0, 0));
        Assert.True(pages.Count >= 2);
        Assert.Equal(80, pages.Sum(p => p.Texts().Count()));
    }

    [Fact]
    public void A_heading_kept_with_the_next_block_moves_when_the_block_does_not_fit_below_it()
    {
        var heading = new Paragraph([new Span("Heading", Body)], false, "en") { KeepWithNext = true };
        var body = new KeepTogether(new Stack([Text("body 1"), Text("body 2"), Text("body 3")]));
        var pages = Paginator.Flow(new Stack([new Spacer(320), heading, body]), new PageGeometry(300, 400, 20, 0, 0));
        Assert.Equal(2, pages.Count);
        Assert.Equal(["Heading", "body 1", "body 2", "body 3"], pages[1].Texts());
    }

    [Fact]
    public void A_heading_and_its_introduction_move_together_with_a_table_that_does_not_fit()
    {
        var section = new Stack(
        [
            new Paragraph([new Span("Section", Body)], false, "en") { KeepWithNext = true },
            new Stack(
            [
                new Paragraph([new Span("Table title", Body)], false, "en") { KeepWithNext = true },
                new Paragraph([new Span("About the table", Body)], false, "en") { KeepWithNext = true },
                NumberTable(3),
            ], 2),
        ], 4);
        var pages = Paginator.Flow(new Stack([new Spacer(300), section]), new PageGeometry(300, 400, 20, 0, 0));
        Assert.Equal(2, pages.Count);
        Assert.Empty(pages[0].Texts());
        Assert.Equal(["Section", "Table title", "About the table"], pages[1].Texts().Take(3));
        Assert.Contains("Group", pages[1].Texts());
    }

    [Fact]
    public void A_heading_at_the_top_of_a_page_stays_even_when_what_follows_moves()
    {
        var heading = new Paragraph([new Span("Heading", Body)], false, "en") { KeepWithNext = true };
        var drawing = new Drawing(500, width => new Fragment(width, 500));
        var pages = Paginator.Flow(new Stack([heading, new Spacer(340), drawing]), new PageGeometry(300, 400, 20, 0, 0));
        Assert.Equal(["Heading"], pages[0].Texts());
    }

    [Fact]
    public void A_footnote_is_printed_at_the_foot_of_the_page_that_shows_its_mark()
    {
        var note = new Footnote("a", "Fewer than 10 people: not shown.");
        var marked = new Paragraph([new Span("row with a mark", Body), new Span("a", Body.Mark()) { Note = note }], false, "en");
        var lines = Enumerable.Range(1, 40).Select(i => (Block)Text($"line {i}")).ToList();
        lines.Insert(30, marked);
        Block Area(IReadOnlyList<Footnote> notes) => new Stack(notes.Select(n => (Block)Text($"{n.Mark} {n.Text}")).ToList());
        var pages = Paginator.Flow(new Stack(lines), new PageGeometry(300, 400, 20, 0, 0), Area);
        var withMark = pages.Single(p => p.Texts().Contains("row with a mark"));
        Assert.Contains("a Fewer than 10 people: not shown.", withMark.Texts());
        Assert.All(pages.Where(p => p != withMark), p => Assert.DoesNotContain("a Fewer than 10 people: not shown.", p.Texts()));
        // The note sits below the last line of text on its page, inside the page.
        var ys = withMark.Flatten().Where(f => f.Op is TextRunOp).Select(f => (((TextRunOp)f.Op).Text, f.Origin.Y)).ToList();
        var noteY = ys.Single(t => t.Text.StartsWith("a Fewer", StringComparison.Ordinal)).Y;
        Assert.All(ys.Where(t => !t.Text.StartsWith("a Fewer", StringComparison.Ordinal)), t => Assert.True(t.Y < noteY));
        Assert.True(noteY < 360);
    }

    [Fact]
    public void A_page_full_of_marks_makes_room_for_their_notes_by_moving_text_on()
    {
        Block Line(int i) => new Paragraph([new Span($"line {i}", Body), new Span("x", Body.Mark()) { Note = new Footnote($"n{i}", $"note {i}") }], false, "en");
        Block Area(IReadOnlyList<Footnote> notes) => new Stack(notes.Select(n => (Block)Text(n.Text)).ToList());
        var pages = Paginator.Flow(new Stack(Enumerable.Range(1, 30).Select(Line).ToList()), new PageGeometry(300, 400, 20, 0, 0), Area);
        Assert.True(pages.Count >= 2);
        foreach (var page in pages)
        {
            var texts = page.Texts().ToList();
            var shown = texts.Where(t => t.StartsWith("line ", StringComparison.Ordinal)).Select(t => t[5..]).ToList();
            Assert.Equal(shown.Select(i => $"note {i}"), texts.Where(t => t.StartsWith("note ", StringComparison.Ordinal)));
            Assert.True(page.Height <= 360.01f);
        }
        Assert.Equal(30, pages.Sum(p => p.Texts().Count(t => t.StartsWith("line ", StringComparison.Ordinal))));
    }

    [Fact]
    public void Page_breaks_start_a_new_page()
    {
        var pages = Paginator.Flow(new Stack([Text("one"), new PageBreak(), Text("two")]), new PageGeometry(300, 400, 20, 0, 0));
        Assert.Equal(2, pages.Count);
        Assert.Equal(["two"], pages[1].Texts());
    }

    [Fact]
    public void Headers_and_footers_know_the_page_count()
    {
        var content = new Stack(Enumerable.Range(1, 100).Select(i => (Block)Text($"line {i}")).ToList());
        var pages = Paginator.Paginate(content, new PageGeometry(300, 400, 20, 15, 15), null,
            (number, count, width) => Text($"Page {number} of {count}").Measure(width));
        Assert.True(pages.Count > 1);
        Assert.Contains($"Page {pages.Count} of {pages.Count}", pages[^1].Texts());
    }
}
