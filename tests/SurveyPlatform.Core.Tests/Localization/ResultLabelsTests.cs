using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Localization;

namespace SurveyPlatform.Core.Tests.Localization;

/// <summary>How breakdowns, groups, languages and question numbers read for people: never a key, a code or a language tag.</summary>
public sealed class ResultLabelsTests
{
    private static readonly SurveyDefinition Standard = TestSurveys.Standard;

    [Theory]
    [InlineData("en", "English")]
    [InlineData("es", "Español")]
    [InlineData("zh-Hans", "中文（简体）")]
    [InlineData("vi", "Tiếng Việt")]
    [InlineData("ar", "العربية")]
    [InlineData("ht", "Kreyòl ayisyen")]
    [InlineData("fr", "français")]
    [InlineData("qq-Zzzz", "qq-Zzzz")]
    public void A_language_is_called_by_its_own_name(string code, string name) => Assert.Equal(name, Languages.NativeName(code));

    [Fact]
    public void A_breakdown_is_named_by_its_question_or_by_the_platforms_words_in_the_readers_language()
    {
        Assert.Equal("¿Nació usted en este país?", ResultLabels.Breakdown(Standard, "born_here", "es"));
        Assert.Equal("لغة الاستبيان", ResultLabels.Breakdown(Standard, "lang", "ar"));
        Assert.Equal("Were you born in this country? × Language of the survey", ResultLabels.Breakdown(Standard, "born_here x lang", "en"));
    }

    [Fact]
    public void A_group_is_named_by_its_answer_or_its_language_and_a_blank_as_not_answered()
    {
        Assert.Equal("Sí", ResultLabels.Group(Standard, "born_here", "yes", "es"));
        Assert.Equal("Tiếng Việt", ResultLabels.Group(Standard, "lang", "vi", "en"));
        Assert.Equal("Sin respuesta", ResultLabels.Group(Standard, "born_here", GroupEstimate.NotAnswered, "es"));
        Assert.Equal("No × Español", ResultLabels.Group(Standard, "born_here x lang", "no x es", "en"));
        Assert.Equal("cook", ResultLabels.Group(Standard, "site", "cook", "en"));
    }

    [Fact]
    public void Questions_are_numbered_in_page_order_from_one_skipped_ones_included()
    {
        var numbers = QuestionNumbers.Of(Standard);
        Assert.Equal(Standard.Items.Select(i => i.Key), numbers.OrderBy(n => n.Value).Select(n => n.Key));
        Assert.Equal(Enumerable.Range(1, Standard.Items.Count), numbers.Values.Order());
        Assert.Equal(5, QuestionNumbers.For(Standard, "status_group")); // shown only to people born abroad
        Assert.Equal(0, QuestionNumbers.For(Standard, "no_such_item"));
    }
}
