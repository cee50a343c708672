using QRCoder;
using SkiaSharp;

namespace SurveyPlatform.Web.Features.Runs;

/// <summary>
/// A printable sheet of one-time codes: eight cards per US Letter page, each with the survey address, a QR
/// code that opens the survey with the code filled in, and the code in large type, to cut out and hand out.
/// </summary>
public static class CodeSheetPdf
{
    private const float PageWidth = 612, PageHeight = 792, Margin = 36; // points (1/72 inch)
    private const int Columns = 2, Rows = 4;

    public static byte[] Render(string title, string surveyUrl, IReadOnlyList<string> codes)
    {
        using var stream = new MemoryStream();
        using (var document = SKDocument.CreatePdf(stream, new SKDocumentPdfMetadata { Title = title, Creator = "SurveyPlatform" }))
        {
            using var typeface = Fonts.Regular();
            using var bold = Fonts.Bold();
            var cardWidth = (PageWidth - 2 * Margin) / Columns;
            var cardHeight = (PageHeight - 2 * Margin) / Rows;
            for (var first = 0; first < codes.Count; first += Columns * Rows)
            {
                using var canvas = document.BeginPage(PageWidth, PageHeight);
                for (var i = 0; i < Columns * Rows && first + i < codes.Count; i++)
                {
                    var x = Margin + i % Columns * cardWidth;
                    var y = Margin + i / Columns * cardHeight;
                    DrawCard(canvas, new SKRect(x, y, x + cardWidth, y + cardHeight), title, surveyUrl, codes[first + i], typeface, bold);
                }
                document.EndPage();
            }
            document.Close();
        }
        return stream.ToArray();
    }

    private static void DrawCard(SKCanvas canvas, SKRect card, string title, string surveyUrl, string code, SKTypeface regular, SKTypeface bold)
    {
        using var border = new SKPaint { Color = new SKColor(0x99, 0x99, 0x99), Style = SKPaintStyle.Stroke, StrokeWidth = 0.75f, PathEffect = SKPathEffect.CreateDash([4, 3], 0) };
        canvas.DrawRect(card, border);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var titleFont = new SKFont(bold, 12);
        using var smallFont = new SKFont(regular, 8.5f);
        using var codeFont = new SKFont(bold, 18);

        var left = card.Left + 12;
        canvas.DrawText(Fit(title, titleFont, card.Width - 24), left, card.Top + 22, titleFont, ink);
        var qrSize = card.Height - 70;
        DrawQr(canvas, RunEndpoints.CodeLink(surveyUrl, code), new SKRect(left, card.Top + 32, left + qrSize, card.Top + 32 + qrSize), ink);
        var textLeft = left + qrSize + 12;
        var textWidth = card.Right - 12 - textLeft;
        canvas.DrawText("Scan the code, or open:", textLeft, card.Top + 48, smallFont, ink);
        var line = card.Top + 62;
        foreach (var part in Wrap(surveyUrl, smallFont, textWidth))
        {
            canvas.DrawText(part, textLeft, line, smallFont, ink);
            line += 11;
        }
        canvas.DrawText("and enter this code:", textLeft, line + 6, smallFont, ink);
        canvas.DrawText(RunCodeGenerator.Display(code), left, card.Bottom - 16, codeFont, ink);
        canvas.DrawText("Valid once. Your answers are anonymous.", textLeft, card.Bottom - 34, smallFont, ink);
    }

    private static void DrawQr(SKCanvas canvas, string text, SKRect area, SKPaint ink)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var modules = data.ModuleMatrix;
        var size = modules.Count;
        var cell = Math.Min(area.Width, area.Height) / size;
        using var square = new SKPaint { Color = SKColors.Black, IsAntialias = false };
        for (var row = 0; row < size; row++)
        {
            for (var column = 0; column < size; column++)
            {
                if (modules[row][column])
                    canvas.DrawRect(area.Left + column * cell, area.Top + row * cell, cell + 0.05f, cell + 0.05f, square);
            }
        }
    }

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
            return text;
        while (text.Length > 1 && font.MeasureText(text + "…") > width)
            text = text[..^1];
        return text + "…";
    }

    private static IEnumerable<string> Wrap(string text, SKFont font, float width)
    {
        while (text.Length > 0)
        {
            var take = text.Length;
            while (take > 1 && font.MeasureText(text[..take]) > width)
                take--;
            yield return text[..take];
            text = text[take..];
        }
    }

    /// <summary>Noto Sans (Debian: fonts-noto-core) or DejaVu Sans when installed; else Skia's default face.</summary>
    private static class Fonts
    {
        public static SKTypeface Regular() => First(
            "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf");

        public static SKTypeface Bold() => First(
            "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
            "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf");

        private static SKTypeface First(params string[] paths) =>
            paths.Where(File.Exists).Select(SKTypeface.FromFile).FirstOrDefault(t => t is not null) ?? SKTypeface.Default;
    }
}
