using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SurveyPlatform.Reports.Pdf;

/// <summary>
/// Adds the document language (/Lang, read aloud by screen readers and used by search) and, for
/// right-to-left languages, the reading direction to the PDF catalog. Skia has no setting for either,
/// so the catalog is rewritten as an incremental update appended to the file, the standard way to
/// amend a PDF without moving anything already written.
/// </summary>
internal static partial class PdfCatalog
{
    public static byte[] AddLanguage(byte[] pdf, string language, bool rtl)
    {
        // Only the end of the file (trailer) and the catalog object are read as text.
        var bytes = pdf.AsSpan();
        var trailerAt = bytes.LastIndexOf("trailer"u8);
        var startXrefAt = bytes.LastIndexOf("startxref"u8);
        if (trailerAt < 0 || startXrefAt < trailerAt)
            throw new InvalidOperationException("The PDF has no classic trailer to update.");
        var trailer = Encoding.Latin1.GetString(bytes[trailerAt..startXrefAt]);
        var root = Number(RootPattern(), trailer);
        var size = Number(SizePattern(), trailer);
        var info = InfoPattern().Match(trailer);
        var previous = long.Parse(Encoding.Latin1.GetString(bytes[(startXrefAt + 9)..]).Trim().Split('\n')[0].Trim(), CultureInfo.InvariantCulture);

        var objectStart = bytes.IndexOf(Encoding.Latin1.GetBytes($"\n{root} 0 obj"));
        if (objectStart < 0) throw new InvalidOperationException($"The PDF catalog (object {root}) was not found.");
        var objectLength = bytes[objectStart..].IndexOf("endobj"u8);
        var text = Encoding.Latin1.GetString(bytes.Slice(objectStart, objectLength));
        var dictionary = text[text.IndexOf("<<", StringComparison.Ordinal)..].TrimEnd();
        if (!dictionary.EndsWith(">>", StringComparison.Ordinal) || dictionary.Contains("/Lang", StringComparison.Ordinal)) return pdf;

        var additions = $"\n/Lang ({language})\n/ViewerPreferences <</DisplayDocTitle true{(rtl ? " /Direction /R2L" : "")}>>";
        var catalog = dictionary[..^2] + additions + ">>";
        var update = new StringBuilder();
        var objectOffset = pdf.Length + 1;
        update.Append('\n').Append(CultureInfo.InvariantCulture, $"{root} 0 obj\n{catalog}\nendobj\n");
        var xrefOffset = pdf.Length + update.Length;
        update.Append(CultureInfo.InvariantCulture, $"xref\n{root} 1\n{objectOffset:D10} 00000 n \n");
        update.Append(CultureInfo.InvariantCulture, $"trailer\n<</Size {size}\n/Root {root} 0 R\n");
        if (info.Success) update.Append(info.Value).Append('\n');
        update.Append(CultureInfo.InvariantCulture, $"/Prev {previous}>>\nstartxref\n{xrefOffset}\n%%EOF\n");
        var appended = Encoding.Latin1.GetBytes(update.ToString());
        var result = new byte[pdf.Length + appended.Length];
        pdf.CopyTo(result, 0);
        appended.CopyTo(result, pdf.Length);
        return result;
    }

    private static int Number(Regex pattern, string trailer)
    {
        var match = pattern.Match(trailer);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"The PDF trailer lacks {pattern}.");
    }

    [GeneratedRegex(@"/Root (\d+) 0 R")]
    private static partial Regex RootPattern();

    [GeneratedRegex(@"/Size (\d+)")]
    private static partial Regex SizePattern();

    [GeneratedRegex(@"/Info \d+ 0 R")]
    private static partial Regex InfoPattern();
}
