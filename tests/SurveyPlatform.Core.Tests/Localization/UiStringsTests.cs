using SurveyPlatform.Core.Localization;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Core.Tests.Localization;

public sealed class UiStringsTests
{
    private static readonly string[] ShippedLanguages = ["en", "es", "zh-Hans", "vi", "ar", "ht"];

    [Fact]
    public void A_string_is_given_in_the_requested_language()
    {
        Assert.Equal("Next", UiStrings.Get("next", "en"));
        Assert.Equal("Siguiente", UiStrings.Get("next", "es"));
    }

    [Fact]
    public void A_language_without_translations_falls_back_to_english() => Assert.Equal("Next", UiStrings.Get("next", "fr"));

    [Fact]
    public void A_regional_variant_falls_back_to_its_language() => Assert.Equal("Siguiente", UiStrings.Get("next", "es-MX"));

    [Fact]
    public void An_unknown_key_shows_itself_rather_than_failing() => Assert.Equal("no_such_key", UiStrings.Get("no_such_key", "es"));

    [Fact]
    public void Format_fills_the_placeholders() =>
        Assert.Equal("Use 2000 characters or fewer. You used 2001.", UiStrings.Format("error_text_too_long", "en", 2000, 2001));

    [Fact]
    public void Format_fills_the_placeholders_of_a_translation()
    {
        var text = UiStrings.Format("error_scale_range", "es", 0, 10);
        Assert.Contains("0", text);
        Assert.Contains("10", text);
        Assert.DoesNotContain("{", text);
        Assert.NotEqual(UiStrings.Format("error_scale_range", "en", 0, 10), text);
    }

    [Fact]
    public void All_keys_include_every_message_an_answer_error_points_to()
    {
        foreach (var kind in Enum.GetValues<AnswerErrorKind>())
            Assert.Contains(new AnswerError("k", kind).MessageKey, UiStrings.AllKeys);
    }

    [Fact]
    public void Missing_translations_are_listed_by_key_and_language()
    {
        var missing = UiStrings.MissingTranslations(["en", "fr"]);

        Assert.Contains("next/fr", missing);
        Assert.DoesNotContain(missing, m => m.EndsWith("/en", StringComparison.Ordinal));
        Assert.Equal(UiStrings.AllKeys.Count, missing.Count);
    }

    [Fact]
    public void Every_string_exists_in_every_shipped_language() => Assert.Empty(UiStrings.MissingTranslations(ShippedLanguages));

    [Fact]
    public void Every_translation_has_the_same_placeholders_as_the_english_text() => Assert.Empty(UiStrings.PlaceholderMismatches());
}
