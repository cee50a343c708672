using HarfBuzzSharp;
using SkiaSharp;

namespace SurveyPlatform.Reports.Text;

internal enum FontWeight { Regular, Bold }

/// <summary>Which of our font families draws a character: Noto Sans for Latin (and Vietnamese), Noto Sans Arabic, a CJK font.</summary>
internal enum FontFamily { Latin, Arabic, Cjk }

/// <summary>
/// One font file loaded once: the bytes (kept for subsetting), the Skia typeface for metrics, and the
/// HarfBuzz font that shapes text with it. HarfBuzz fonts may be shared by threads for shaping.
/// </summary>
internal sealed class FontFace
{
    private readonly Lazy<TrueTypeFont> _parsed;

    public FontFace(int id, string path, FontFamily family)
    {
        Id = id;
        Path = path;
        Family = family;
        Data = SKData.Create(path) ?? throw new InvalidOperationException($"Cannot read the report font {path}.");
        Typeface = SKTypeface.FromData(Data) ?? throw new InvalidOperationException($"The report font {path} is not a font file Skia can read.");
        using var blob = new Blob(Data.Data, (int)Data.Size, MemoryMode.ReadOnly);
        using var face = new Face(blob, 0);
        UnitsPerEm = face.UnitsPerEm;
        Shaper = new HarfBuzzSharp.Font(face);
        Shaper.SetScale(UnitsPerEm, UnitsPerEm);
        Shaper.SetFunctionsOpenType();
        Shaper.TryGetHorizontalFontExtents(out var extents);
        Ascent = extents.Ascender / (float)UnitsPerEm;
        Descent = -extents.Descender / (float)UnitsPerEm;
        _parsed = new Lazy<TrueTypeFont>(() => new TrueTypeFont(Data.AsSpan().ToArray(), path));
    }

    public int Id { get; }
    public string Path { get; }
    public FontFamily Family { get; }
    public SKData Data { get; }
    public SKTypeface Typeface { get; }
    public HarfBuzzSharp.Font Shaper { get; }
    public int UnitsPerEm { get; }
    /// <summary>Per em, both positive.</summary>
    public float Ascent { get; }
    public float Descent { get; }
    /// <summary>The font's tables, read for subsetting the first time a document uses this face.</summary>
    public TrueTypeFont Parsed => _parsed.Value;

    public bool HasGlyph(int codepoint) => Shaper.TryGetNominalGlyph((uint)codepoint, out var glyph) && glyph != 0;

    public override string ToString() => System.IO.Path.GetFileName(Path);
}

/// <summary>
/// The report fonts, loaded explicitly from files (never by family name, so a report looks the same on
/// every machine): Noto Sans and Noto Sans Arabic in two weights, and Droid Sans Fallback for Chinese.
/// All ship in the Fonts folder next to the program. Droid Sans Fallback is used for Chinese because it
/// has TrueType outlines: Skia embeds those as real subsetted fonts, whereas CFF fonts such as Noto Sans
/// CJK become many Type 3 fonts.
/// </summary>
internal static class FontCatalog
{
    private static readonly Lazy<FontFace[]> Faces = new(Load);

    /// <summary>Folder the fonts are read from; the Fonts folder next to the program.</summary>
    public static string Directory { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Fonts");

    /// <summary>Where Debian's fonts-droid-fallback package puts the CJK font, used when the shipped copy is missing.</summary>
    public const string SystemCjkFont = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf";

    public static IReadOnlyList<FontFace> All => Faces.Value;

    public static FontFace Get(FontFamily family, FontWeight weight) => Faces.Value[(int)family * 2 + (int)weight];

    private static FontFace[] Load()
    {
        string Shipped(string file)
        {
            var path = System.IO.Path.Combine(Directory, file);
            return File.Exists(path) ? path : throw new InvalidOperationException(
                $"The report font {file} is missing from {Directory}. It ships in src/SurveyPlatform.Reports/Fonts and is copied next to the program when it is built; rebuild or reinstall.");
        }
        string Cjk()
        {
            var shipped = System.IO.Path.Combine(Directory, "DroidSansFallbackFull.ttf");
            if (File.Exists(shipped)) return shipped;
            if (File.Exists(SystemCjkFont)) return SystemCjkFont;
            throw new InvalidOperationException(
                $"The Chinese report font DroidSansFallbackFull.ttf is missing from {Directory} and from {SystemCjkFont}; rebuild, or install it with: apt-get install fonts-droid-fallback");
        }
        var cjk = new FontFace(4, Cjk(), FontFamily.Cjk);
        return
        [
            new FontFace(0, Shipped("NotoSans-Regular.ttf"), FontFamily.Latin),
            new FontFace(1, Shipped("NotoSans-Bold.ttf"), FontFamily.Latin),
            new FontFace(2, Shipped("NotoSansArabic-Regular.ttf"), FontFamily.Arabic),
            new FontFace(3, Shipped("NotoSansArabic-Bold.ttf"), FontFamily.Arabic),
            // One weight only: the CJK font has no bold; headings still differ by size and colour.
            cjk,
            cjk,
        ];
    }
}
