using SurveyPlatform.Core.Localization;

namespace SurveyPlatform.Core.Tests.Localization;

public sealed class LanguagesTests
{
    private static readonly string[] Survey = ["en", "es", "zh-Hans", "vi", "ar", "ht"];

    [Theory]
    [InlineData("ar", true)]
    [InlineData("ar-EG", true)]
    [InlineData("AR", true)]
    [InlineData("fa", true)]
    [InlineData("he", true)]
    [InlineData("ur-PK", true)]
    [InlineData("en", false)]
    [InlineData("zh-Hans", false)]
    [InlineData("ht", false)]
    [InlineData("", false)]
    public void Right_to_left_is_decided_by_the_language_part(string language, bool rightToLeft)
    {
        Assert.Equal(rightToLeft, Languages.IsRightToLeft(language));
        Assert.Equal(rightToLeft ? "rtl" : "ltr", Languages.Direction(language));
    }

    [Theory]
    [InlineData("es", "es")]
    [InlineData("ES", "es")]
    [InlineData("es-MX", "es")]
    [InlineData("es_MX", "es")]
    [InlineData("zh", "zh-Hans")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-SG", "zh-Hans")]
    [InlineData("zh-Hans-CN", "zh-Hans")]
    [InlineData("zh-Hant", null)]
    [InlineData("zh-TW", null)]
    [InlineData("zh-HK", null)]
    [InlineData("fr", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void A_requested_tag_is_served_by_the_same_tag_or_language_and_chinese_by_script(string? requested, string? served) =>
        Assert.Equal(served, Languages.Match(Survey, requested));

    [Fact]
    public void Traditional_chinese_is_served_when_a_survey_has_it() =>
        Assert.Equal("zh-Hant", Languages.Match(["en", "zh-Hans", "zh-Hant"], "zh-TW"));

    [Fact]
    public void A_missing_text_falls_back_to_the_language_then_to_english()
    {
        var texts = new Dictionary<string, string> { ["en"] = "Next", ["es"] = "Siguiente", ["vi"] = " " };

        Assert.Equal("Siguiente", Languages.Pick(texts, "es"));
        Assert.Equal("Siguiente", Languages.Pick(texts, "es-MX"));
        Assert.Equal("Next", Languages.Pick(texts, "vi")); // a blank translation counts as missing
        Assert.Equal("Next", Languages.Pick(texts, "fr"));
        Assert.Null(Languages.Pick(new Dictionary<string, string> { ["es"] = "Siguiente" }, "fr"));
    }

    [Fact]
    public void Survey_texts_fall_back_the_same_way_as_the_platforms_words()
    {
        var text = new Core.Definitions.LocalizedText(new Dictionary<string, string> { ["en"] = "Hello", ["es"] = "Hola" });

        Assert.Equal("Hola", text.Get("es-MX"));
        Assert.Equal("Hello", text.Get("fr"));
        Assert.Equal("Hola", new Core.Definitions.LocalizedText(new Dictionary<string, string> { ["es"] = "Hola" }).Get("fr"));
    }

    [Fact]
    public void Every_shipped_language_has_a_name_in_its_own_script()
    {
        Assert.Equal("العربية", Languages.NativeName("ar"));
        Assert.Equal("中文（简体）", Languages.NativeName("zh-Hans"));
        Assert.All(Languages.Shipped, l => Assert.NotEqual(l, Languages.NativeName(l)));
    }
}
