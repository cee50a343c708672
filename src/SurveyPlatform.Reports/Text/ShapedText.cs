using HarfBuzzSharp;
using Buffer = HarfBuzzSharp.Buffer;

namespace SurveyPlatform.Reports.Text;

/// <summary>
/// A run of text in one style, font and direction, shaped by HarfBuzz. Glyphs are in visual order
/// (right to left runs come out reversed); <see cref="Clusters"/> are UTF-16 indices into the paragraph.
/// </summary>
internal sealed class ShapedItem
{
    public required FontFace Face { get; init; }
    public required TextStyle Style { get; init; }
    public required int Start { get; init; }
    public required int End { get; init; }
    public required byte Level { get; init; }
    public required ushort[] Glyphs { get; init; }
    public required int[] Clusters { get; init; }
    /// <summary>Pen position of each glyph from the item's start, and its drawing offsets.</summary>
    public required float[] PenX { get; init; }
    public required float[] OffsetX { get; init; }
    public required float[] OffsetY { get; init; }
    public required float[] Advance { get; init; }
    public bool Rtl => Level % 2 == 1;
}

/// <summary>One line of a paragraph: the logical range it shows and its runs in visual order.</summary>
internal sealed record TextLine(int Start, int End, float Width, float Height, float Baseline, IReadOnlyList<LineRun> Runs);

/// <summary>The glyphs <c>[From, To)</c> of an item drawn at <see cref="X"/> on a line; they show the text <c>[TextStart, TextEnd)</c>.</summary>
internal sealed record LineRun(ShapedItem Item, int From, int To, float X, float Width, int TextStart, int TextEnd);

/// <summary>
/// A paragraph shaped once: split into runs by style, bidi level and font (fallback per script),
/// each run shaped by HarfBuzz, then broken into lines for any width. Line breaks fall after spaces,
/// between Chinese characters (not before closing or after opening punctuation) and after a hyphen
/// inside a word; a word wider than the line is cut between clusters.
/// </summary>
internal sealed class ShapedText
{
    [ThreadStatic] private static Buffer? s_buffer;

    /// <summary>
    /// Latin text is set without standard ligatures (ff, fi): PDF readers that ignore ActualText would
    /// otherwise extract "eﬀect" and fail to find "effect".
    /// </summary>
    private static readonly Feature[] LatinFeatures = [new Feature(Tag.Parse("liga"), 0)];

    private readonly float[] _advance;
    private readonly bool[] _clusterStart;
    private readonly bool[] _breakAfter;
    private readonly int[] _spanOf;
    private readonly IReadOnlyList<Span> _spans;

    public ShapedText(IReadOnlyList<Span> spans, bool rtl, string language)
    {
        _spans = spans;
        Rtl = rtl;
        Text = string.Concat(spans.Select(s => s.Text));
        var n = Text.Length;
        _spanOf = new int[n];
        for (int s = 0, at = 0; s < spans.Count; s++)
            for (var k = 0; k < spans[s].Text.Length; k++) _spanOf[at++] = s;
        _advance = new float[n];
        _clusterStart = new bool[n];
        var notes = new List<(int, int, Layout.Footnote)>();
        for (int s = 0, at = 0; s < spans.Count; at += spans[s].Text.Length, s++)
            if (spans[s].Note is { } note) notes.Add((at, at + spans[s].Text.Length, note));
        Notes = notes;
        Levels = Bidi.ResolveLevels(Text, rtl);
        Items = Shape(language);
        _breakAfter = LineBreaks.Opportunities(Text, _clusterStart);
    }

    public string Text { get; }
    public bool Rtl { get; }
    /// <summary>The text ranges of spans that are footnote marks, with their notes.</summary>
    public IReadOnlyList<(int Start, int End, Layout.Footnote Note)> Notes { get; }
    public byte[] Levels { get; }
    public IReadOnlyList<ShapedItem> Items { get; }
    /// <summary>Characters no font had a glyph for (drawn as empty boxes); zero in every shipped language.</summary>
    public int MissingGlyphs { get; private set; }

    /// <summary>Width of the whole text on one line.</summary>
    public float NaturalWidth => _advance.Sum();

    private List<ShapedItem> Shape(string language)
    {
        var items = new List<ShapedItem>();
        var n = Text.Length;
        var start = 0;
        FontFace? face = null;
        var family = FontFamily.Latin;
        for (var i = 0; i <= n; i++)
        {
            FontFace? next = null;
            if (i < n)
            {
                var weight = _spans[_spanOf[i]].Style.Weight;
                family = FontChooser.Family(Text, i, family, weight);
                next = FontCatalog.Get(family, weight);
            }
            var boundary = i == n || (i > start && (next != face || _spanOf[i] != _spanOf[start] || Levels[i] != Levels[start]));
            if (boundary && i > start) items.Add(ShapeItem(face!, start, i, language));
            if (boundary) start = i;
            face = next;
            if (i < n && char.IsHighSurrogate(Text[i]) && i + 1 < n) i++;
        }
        return items;
    }

    private ShapedItem ShapeItem(FontFace face, int start, int end, string language)
    {
        var buffer = s_buffer ??= new Buffer();
        buffer.ClearContents();
        buffer.AddUtf16(Text.AsSpan(), start, end - start);
        buffer.Direction = Levels[start] % 2 == 1 ? Direction.RightToLeft : Direction.LeftToRight;
        buffer.Language = Languages.Get(language);
        buffer.GuessSegmentProperties();
        face.Shaper.Shape(buffer, face.Family == FontFamily.Latin ? LatinFeatures : []);
        var infos = buffer.GetGlyphInfoSpan();
        var positions = buffer.GetGlyphPositionSpan();
        var style = _spans[_spanOf[start]].Style;
        var scale = style.Size / face.UnitsPerEm;
        var count = infos.Length;
        var item = new ShapedItem
        {
            Face = face,
            Style = style,
            Start = start,
            End = end,
            Level = Levels[start],
            Glyphs = new ushort[count],
            Clusters = new int[count],
            PenX = new float[count],
            OffsetX = new float[count],
            OffsetY = new float[count],
            Advance = new float[count],
        };
        float pen = 0;
        for (var g = 0; g < count; g++)
        {
            var cluster = (int)infos[g].Cluster;
            item.Glyphs[g] = (ushort)infos[g].Codepoint;
            item.Clusters[g] = cluster;
            item.PenX[g] = pen;
            item.OffsetX[g] = positions[g].XOffset * scale;
            item.OffsetY[g] = -positions[g].YOffset * scale;
            item.Advance[g] = positions[g].XAdvance * scale;
            pen += item.Advance[g];
            _advance[cluster] += item.Advance[g];
            _clusterStart[cluster] = true;
            if (infos[g].Codepoint == 0 && !Invisible(Text[cluster])) MissingGlyphs++;
        }
        return item;
    }

    private static bool Invisible(char c) => char.IsWhiteSpace(c) || char.IsControl(c) || Bidi.Classify(c) == BidiClass.BN
        || c is '\u061C' or '\u200E' or '\u200F';

    /// <summary>Breaks the text into lines no wider than <paramref name="width"/> (a single cluster may be wider).</summary>
    public IReadOnlyList<TextLine> BreakLines(float width)
    {
        var lines = new List<TextLine>();
        var start = 0;
        do
        {
            var end = LineEnd(start, width, out var next);
            lines.Add(MakeLine(start, end));
            start = next;
        } while (start < Text.Length);
        return lines;
    }

    /// <summary>Where the line starting at <paramref name="start"/> ends, and where the next one starts.</summary>
    private int LineEnd(int start, float width, out int next)
    {
        float lineWidth = 0;
        var lastBreak = -1;
        for (var i = start; i < Text.Length; i++)
        {
            if (Text[i] == '\n')
            {
                next = i + 1;
                return i;
            }
            if (i > start && _clusterStart[i] && !char.IsWhiteSpace(Text[i]) && lineWidth + _advance[i] > width + 0.01f)
            {
                next = lastBreak >= start ? lastBreak + 1 : i;
                return next;
            }
            lineWidth += _advance[i];
            if (_breakAfter[i]) lastBreak = i;
        }
        next = Text.Length;
        return Text.Length;
    }

    private TextLine MakeLine(int start, int end)
    {
        var visibleEnd = end;
        while (visibleEnd > start && char.IsWhiteSpace(Text[visibleEnd - 1])) visibleEnd--;
        var pieces = new List<(ShapedItem Item, int From, int To, float Width, int TextStart, int TextEnd)>();
        foreach (var item in Items)
        {
            var a = Math.Max(item.Start, start);
            var b = Math.Min(item.End, visibleEnd);
            if (a >= b) continue;
            int from = -1, to = -1;
            float w = 0;
            for (var g = 0; g < item.Glyphs.Length; g++)
            {
                if (item.Clusters[g] < a || item.Clusters[g] >= b) continue;
                if (from < 0) from = g;
                to = g + 1;
                w += item.Advance[g];
            }
            if (from >= 0) pieces.Add((item, from, to, w, a, b));
        }
        var order = Bidi.VisualOrder(pieces.Select(p => p.Item.Level).ToList());
        var runs = new List<LineRun>(pieces.Count);
        float x = 0;
        foreach (var index in order)
        {
            var p = pieces[index];
            runs.Add(new LineRun(p.Item, p.From, p.To, x, p.Width, p.TextStart, p.TextEnd));
            x += p.Width;
        }
        // Line box from the largest style on the line; the Latin face's metrics keep one rhythm across scripts.
        var latin = FontCatalog.Get(FontFamily.Latin, FontWeight.Regular);
        var style = runs.Where(r => r.Item.Style.Rise == 0).Select(r => r.Item.Style).MaxBy(s => s.Size * s.LineHeight)
            ?? _spans[_spanOf.Length == 0 ? 0 : _spanOf[Math.Min(start, _spanOf.Length - 1)]].Style;
        var height = style.Size * style.LineHeight;
        var baseline = (height - (latin.Ascent + latin.Descent) * style.Size) / 2 + latin.Ascent * style.Size;
        return new TextLine(start, visibleEnd, x, height, baseline, runs);
    }

    private static class Languages
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Language> Cache = new();
        public static Language Get(string tag) => Cache.GetOrAdd(tag, t => new Language(t));
    }
}

/// <summary>Picks the font family for each character: by script, and for punctuation, spaces and marks the family of what comes before when it has the glyph.</summary>
internal static class FontChooser
{
    public static FontFamily Family(string text, int i, FontFamily previous, FontWeight weight)
    {
        int c = text[i];
        if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length) c = char.ConvertToUtf32(text[i], text[i + 1]);
        if (IsArabic(c)) return FontFamily.Arabic;
        if (IsCjk(c)) return FontFamily.Cjk;
        if (c is >= '0' and <= '9') return FontFamily.Latin;
        var neutral = !char.IsLetter(text, i);
        if (neutral && (i > 0 || previous != FontFamily.Latin) && FontCatalog.Get(previous, weight).HasGlyph(c)) return previous;
        if (FontCatalog.Get(FontFamily.Latin, weight).HasGlyph(c)) return FontFamily.Latin;
        if (FontCatalog.Get(FontFamily.Cjk, weight).HasGlyph(c)) return FontFamily.Cjk;
        if (FontCatalog.Get(FontFamily.Arabic, weight).HasGlyph(c)) return FontFamily.Arabic;
        return previous;
    }

    public static bool IsArabic(int c) => c is (>= 0x0600 and <= 0x06FF) or (>= 0x0750 and <= 0x077F) or (>= 0x08A0 and <= 0x08FF)
        or (>= 0xFB50 and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFE);

    public static bool IsCjk(int c) => c is (>= 0x2E80 and <= 0x2FFF) or (>= 0x3000 and <= 0x30FF) or (>= 0x3100 and <= 0x9FFF)
        or (>= 0xF900 and <= 0xFAFF) or (>= 0xFE30 and <= 0xFE4F) or (>= 0xFF00 and <= 0xFF60) or (>= 0xFFE0 and <= 0xFFE6) or (>= 0x20000 and <= 0x3FFFF);
}

/// <summary>Where a line may end: after spaces, between ideographs, after a hyphen between letters, never inside a cluster.</summary>
internal static class LineBreaks
{
    private const string ClosingPunctuation = ")]}.,;:!?%’”»、。，．：；！？）］｝」』】〉》〕％";
    private const string OpeningPunctuation = "([{‘“«（［｛「『【〈《〔";

    public static bool[] Opportunities(string text, bool[] clusterStart)
    {
        var n = text.Length;
        var breaks = new bool[n];
        for (var i = 0; i + 1 < n; i++)
        {
            if (!clusterStart[i + 1] && !char.IsWhiteSpace(text[i + 1])) continue;
            char c = text[i], next = text[i + 1];
            if (char.IsWhiteSpace(c) && c != '\u00A0' && !char.IsWhiteSpace(next))
            {
                breaks[i] = true;
            }
            else if ((FontChooser.IsCjk(c) || FontChooser.IsCjk(next)) && !char.IsWhiteSpace(next) && !char.IsWhiteSpace(c)
                && !ClosingPunctuation.Contains(next) && !OpeningPunctuation.Contains(c))
            {
                breaks[i] = true;
            }
            else if (c is '-' or '\u2010' or '/' && i > 0 && char.IsLetter(text[i - 1]) && char.IsLetter(next))
            {
                breaks[i] = true;
            }
        }
        return breaks;
    }
}
