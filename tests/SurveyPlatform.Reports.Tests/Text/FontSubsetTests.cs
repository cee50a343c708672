using SkiaSharp;
using SurveyPlatform.Reports.Text;

namespace SurveyPlatform.Reports.Tests.Text;

public class FontSubsetTests
{
    [Fact]
    public void A_subset_keeps_glyph_ids_and_the_outlines_of_used_glyphs_only()
    {
        var face = FontCatalog.Get(FontFamily.Cjk, FontWeight.Regular);
        var used = "社区信任".Select(c => (ushort)face.Typeface.GetGlyph(c)).ToList();
        var subset = face.Parsed.Subset(used);
        Assert.True(subset.Length < face.Data.Size / 10, $"subset is {subset.Length} bytes of {face.Data.Size}");
        using var data = SKData.CreateCopy(subset);
        using var typeface = SKTypeface.FromData(data);
        Assert.NotNull(typeface);
        Assert.Equal(face.Typeface.GlyphCount, typeface!.GlyphCount);
        using var font = new SKFont(typeface, 20);
        Assert.All(used, g => Assert.NotEmpty(font.GetGlyphPath(g).Points));
        var unused = (ushort)face.Typeface.GetGlyph('案');
        Assert.Empty(font.GetGlyphPath(unused).Points);
        Assert.Equal(used, "社区信任".Select(c => (ushort)typeface.GetGlyph(c)));
    }

    [Fact]
    public void Every_report_font_is_a_TrueType_font_the_subsetter_reads()
    {
        Assert.All(FontCatalog.All.Distinct(), face => Assert.True(face.Parsed.GlyphCount > 100));
    }
}
