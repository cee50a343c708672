using SkiaSharp;
using SurveyPlatform.Reports.Layout;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Pdf;

/// <summary>Document information written into the PDF.</summary>
internal sealed record PdfInfo(string Title, string Author, string Subject, string Language, bool Rtl, DateTime Created, string Creator);

/// <summary>
/// Draws laid-out pages with Skia's PDF backend. Text is drawn as glyph runs that carry their Unicode
/// text and clusters, so the PDF text is searchable and copies as the original (Skia adds ActualText
/// where shaping joined or reordered characters, as in Arabic). Fonts are subsetted to the glyphs used.
/// </summary>
internal static class PdfWriter
{
    public static byte[] Write(IReadOnlyList<Fragment> pages, PdfInfo info)
    {
        var flattened = pages.Select(p => p.Flatten().ToList()).ToList();
        var typefaces = SubsetFonts(flattened);
        try
        {
            using var stream = new MemoryStream();
            var metadata = new SKDocumentPdfMetadata
            {
                Title = info.Title,
                Author = info.Author,
                Subject = info.Subject,
                Creator = info.Creator,
                Producer = info.Creator,
                Creation = info.Created,
                Modified = info.Created,
                RasterDpi = 300,
            };
            using (var document = SKDocument.CreatePdf(stream, metadata))
            {
                using var painter = new Painter(typefaces);
                for (var i = 0; i < pages.Count; i++)
                {
                    var canvas = document.BeginPage(pages[i].Width, pages[i].Height);
                    foreach (var (op, origin) in flattened[i]) painter.Draw(canvas, op, origin);
                    document.EndPage();
                }
                document.Close();
            }
            return PdfCatalog.AddLanguage(stream.ToArray(), info.Language, info.Rtl);
        }
        finally
        {
            foreach (var typeface in typefaces.Values) typeface.Dispose();
        }
    }

    /// <summary>Glyphs drawn by each font face, for subsetting and for checking that none is missing.</summary>
    public static Dictionary<FontFace, HashSet<ushort>> GlyphsUsed(IEnumerable<(DrawOp Op, SKPoint Origin)> ops)
    {
        var used = new Dictionary<FontFace, HashSet<ushort>>();
        foreach (var (op, _) in ops)
        {
            if (op is not TextRunOp text) continue;
            var run = text.Run;
            if (!used.TryGetValue(run.Item.Face, out var glyphs)) used[run.Item.Face] = glyphs = [];
            for (var g = run.From; g < run.To; g++) glyphs.Add(run.Item.Glyphs[g]);
        }
        return used;
    }

    private static Dictionary<FontFace, SKTypeface> SubsetFonts(IEnumerable<List<(DrawOp Op, SKPoint Origin)>> pages)
    {
        var typefaces = new Dictionary<FontFace, SKTypeface>();
        foreach (var (face, glyphs) in GlyphsUsed(pages.SelectMany(p => p)))
        {
            using var data = SKData.CreateCopy(face.Parsed.Subset(glyphs));
            typefaces[face] = SKTypeface.FromData(data)
                ?? throw new InvalidOperationException($"Skia could not read the subset of {face}.");
        }
        return typefaces;
    }

    private sealed class Painter(Dictionary<FontFace, SKTypeface> typefaces) : IDisposable
    {
        private readonly Dictionary<(FontFace, float), SKFont> _fonts = [];
        private readonly SKPaint _fill = new() { IsAntialias = true, Style = SKPaintStyle.Fill };
        private readonly SKPaint _stroke = new() { IsAntialias = true, Style = SKPaintStyle.Stroke };
        private readonly SKPathEffect _dash = SKPathEffect.CreateDash([3f, 2f], 0);

        public void Draw(SKCanvas canvas, DrawOp op, SKPoint origin)
        {
            switch (op)
            {
                case TextRunOp text:
                    DrawText(canvas, text, origin);
                    break;
                case RectOp rect:
                    var r = rect.Rect;
                    r.Offset(origin);
                    if (rect.Fill is { } fill)
                    {
                        _fill.Color = fill;
                        if (rect.Radius > 0) canvas.DrawRoundRect(r, rect.Radius, rect.Radius, _fill);
                        else canvas.DrawRect(r, _fill);
                    }
                    if (rect.Stroke is { } stroke)
                    {
                        _stroke.Color = stroke;
                        _stroke.StrokeWidth = rect.StrokeWidth;
                        _stroke.PathEffect = null;
                        if (rect.Radius > 0) canvas.DrawRoundRect(r, rect.Radius, rect.Radius, _stroke);
                        else canvas.DrawRect(r, _stroke);
                    }
                    break;
                case LineOp line:
                    _stroke.Color = line.Color;
                    _stroke.StrokeWidth = line.Width;
                    _stroke.PathEffect = line.Dashed ? _dash : null;
                    canvas.DrawLine(line.From.X + origin.X, line.From.Y + origin.Y, line.To.X + origin.X, line.To.Y + origin.Y, _stroke);
                    break;
                case CanvasOp custom:
                    var area = custom.Rect;
                    area.Offset(origin);
                    canvas.Save();
                    canvas.ClipRect(area);
                    custom.Draw(canvas, area);
                    canvas.Restore();
                    break;
            }
        }

        private void DrawText(SKCanvas canvas, TextRunOp op, SKPoint origin)
        {
            var run = op.Run;
            var item = run.Item;
            var count = run.To - run.From;
            if (count == 0) return;
            if (!_fonts.TryGetValue((item.Face, item.Style.Size), out var font))
            {
                font = new SKFont(typefaces[item.Face], item.Style.Size) { Subpixel = true, LinearMetrics = true, Hinting = SKFontHinting.None };
                _fonts[(item.Face, item.Style.Size)] = font;
            }
            var text = op.Paragraph.AsSpan(run.TextStart, run.TextEnd - run.TextStart);
            var byteOffsets = Utf8Offsets(text);
            using var builder = new SKTextBlobBuilder();
            var buffer = builder.AllocatePositionedTextRun(font, count, byteOffsets[^1], null);
            var glyphs = buffer.Glyphs;
            var positions = buffer.Positions;
            var clusters = buffer.Clusters;
            System.Text.Encoding.UTF8.GetBytes(text, buffer.Text);
            var x0 = origin.X + op.Baseline.X - item.PenX[run.From];
            var y0 = origin.Y + op.Baseline.Y;
            for (var i = 0; i < count; i++)
            {
                var g = run.From + i;
                glyphs[i] = item.Glyphs[g];
                positions[i] = new SKPoint(x0 + item.PenX[g] + item.OffsetX[g], y0 + item.OffsetY[g]);
                clusters[i] = (uint)byteOffsets[Math.Clamp(item.Clusters[g] - run.TextStart, 0, text.Length)];
            }
            using var blob = builder.Build();
            if (blob is null) return;
            _fill.Color = item.Style.Color;
            canvas.DrawText(blob, 0, 0, _fill);
        }

        /// <summary>The UTF-8 byte offset of each UTF-16 index (and of the end).</summary>
        private static int[] Utf8Offsets(ReadOnlySpan<char> text)
        {
            var offsets = new int[text.Length + 1];
            var bytes = 0;
            for (var i = 0; i < text.Length; i++)
            {
                offsets[i] = bytes;
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    offsets[++i] = bytes;
                    bytes += 4;
                }
                else
                {
                    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
                }
            }
            offsets[text.Length] = bytes;
            return offsets;
        }

        public void Dispose()
        {
            foreach (var font in _fonts.Values) font.Dispose();
            _fill.Dispose();
            _stroke.Dispose();
            _dash.Dispose();
        }
    }
}
