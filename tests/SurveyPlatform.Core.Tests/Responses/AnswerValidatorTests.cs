using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Core.Tests.Definitions;

namespace SurveyPlatform.Core.Tests.Responses;

public sealed class AnswerValidatorTests
{
    private static readonly SurveyDefinition Mini = DefinitionLoader.Load(TestDefinitions.Valid, "mini.survey.json");

    private static AnswerError? Check(string key, string? value) => AnswerValidator.Validate(Mini.FindItem(key)!, value);

    [Fact]
    public void Optional_items_may_be_blank() => Assert.Null(Check("trust", null));

    [Fact]
    public void Required_items_may_not_be_blank() => Assert.Equal(AnswerErrorKind.Required, Check("status", "")!.Kind);

    [Theory]
    [InlineData("born_here", "maybe", AnswerErrorKind.InvalidCode)]
    [InlineData("why", "a c", AnswerErrorKind.InvalidCode)]
    [InlineData("why", "a a", AnswerErrorKind.InvalidCode)]
    [InlineData("why", "a  b", AnswerErrorKind.InvalidCode)]
    [InlineData("trust", "11", AnswerErrorKind.ScaleRange)]
    [InlineData("trust", "-1", AnswerErrorKind.ScaleRange)]
    [InlineData("trust", "5.5", AnswerErrorKind.ScaleRange)]
    [InlineData("count", "three", AnswerErrorKind.NumberFormat)]
    [InlineData("count", "21", AnswerErrorKind.NumberRange)]
    [InlineData("note", "abcdef", AnswerErrorKind.TextTooLong)]
    public void Bad_answers_are_refused_with_their_kind(string key, string value, AnswerErrorKind kind) =>
        Assert.Equal(kind, Check(key, value)?.Kind);

    [Theory]
    [InlineData("born_here", "no")]
    [InlineData("why", "a b")]
    [InlineData("trust", "0")]
    [InlineData("trust", "10")]
    [InlineData("count", "20")]
    [InlineData("note", "héllo")]
    public void Good_answers_pass(string key, string value) => Assert.Null(Check(key, value));

    [Fact]
    public void Text_length_counts_characters_as_people_see_them()
    {
        Assert.Null(Check("note", "👩🏽‍⚕️abcd")); // one emoji + 4 letters = 5
        Assert.Equal([5, 6], Check("note", "👩🏽‍⚕️abcde")!.Arguments);
    }

    [Fact]
    public void A_page_is_checked_only_for_its_visible_items()
    {
        var page = Mini.Pages[1];
        var hidden = AnswerValidator.ValidatePage(Mini, page, new Dictionary<string, string> { ["born_here"] = "yes" });
        var shown = AnswerValidator.ValidatePage(Mini, page, new Dictionary<string, string> { ["born_here"] = "no" });

        Assert.Empty(hidden);
        Assert.Equal("status", Assert.Single(shown).ItemKey);
    }

    [Fact]
    public void A_whole_response_may_not_answer_hidden_or_unknown_items()
    {
        var errors = AnswerValidator.ValidateResponse(Mini, new Dictionary<string, string>
        {
            ["born_here"] = "yes", ["status"] = "x", ["colour"] = "red",
        });

        Assert.Contains(errors, e => e is { ItemKey: "status", Kind: AnswerErrorKind.Hidden });
        Assert.Contains(errors, e => e is { ItemKey: "colour", Kind: AnswerErrorKind.Unknown });
    }
}
