using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Core.Tests.Definitions;

namespace SurveyPlatform.Core.Tests.Responses;

public sealed class AnswerValidatorTests
{
    private static readonly SurveyDefinition Mini = DefinitionLoader.Load(TestDefinitions.Valid, TestDefinitions.FileName);

    private static AnswerError? Check(string key, string? value, IReadOnlyList<string>? runCodes = null) =>
        AnswerValidator.Validate(Mini.FindItem(key)!, value, runCodes);

    private static Dictionary<string, string> Answers(params (string Key, string Value)[] answers) =>
        answers.ToDictionary(a => a.Key, a => a.Value);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Optional_items_may_be_left_blank(string? value) => Assert.Null(Check("trust", value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" ")]
    public void Required_items_may_not_be_left_blank(string? value) =>
        Assert.Equal(new AnswerError("status", AnswerErrorKind.Required), Check("status", value));

    [Theory]
    [InlineData("born_here", "maybe")]
    [InlineData("born_here", "No")]
    [InlineData("born_here", "no yes")]
    [InlineData("why", "a c")]
    [InlineData("why", "a a")]
    [InlineData("why", "a  b")]
    [InlineData("why", " a")]
    [InlineData("why", "a,b")]
    public void A_code_the_item_does_not_offer_is_an_invalid_code(string key, string value) =>
        Assert.Equal(new AnswerError(key, AnswerErrorKind.InvalidCode), Check(key, value));

    [Theory]
    [InlineData("11")]
    [InlineData("-1")]
    [InlineData("5.5")]
    [InlineData("five")]
    [InlineData("٥")]
    [InlineData("99999999999999999999")]
    public void A_scale_answer_outside_its_range_names_the_range(string value) =>
        Assert.Equal(new AnswerError("trust", AnswerErrorKind.ScaleRange, 0, 10), Check("trust", value));

    [Theory]
    [InlineData("three")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    [InlineData("1,000")]
    [InlineData("-")]
    [InlineData("+3")]
    public void A_number_that_is_not_a_whole_number_is_a_format_error(string value) =>
        Assert.Equal(new AnswerError("count", AnswerErrorKind.NumberFormat), Check("count", value));

    [Theory]
    [InlineData("21")]
    [InlineData("-1")]
    [InlineData("99999999999999999999")]
    public void A_whole_number_outside_its_range_names_the_range(string value) =>
        Assert.Equal(new AnswerError("count", AnswerErrorKind.NumberRange, 0, 20), Check("count", value));

    [Fact]
    public void Text_over_its_limit_names_the_limit_and_the_length() =>
        Assert.Equal(new AnswerError("note", AnswerErrorKind.TextTooLong, 5, 6), Check("note", "abcdef"));

    [Fact]
    public void Text_length_counts_characters_as_people_see_them()
    {
        Assert.Null(Check("note", "👩🏽‍⚕️abcd")); // one emoji and four letters: five
        Assert.Equal(new AnswerError("note", AnswerErrorKind.TextTooLong, 5, 6), Check("note", "👩🏽‍⚕️abcde"));
    }

    [Theory]
    [InlineData("born_here", "no")]
    [InlineData("why", "a")]
    [InlineData("why", "b a")]
    [InlineData("trust", "0")]
    [InlineData("trust", "10")]
    [InlineData("count", "0")]
    [InlineData("count", "20")]
    [InlineData("note", "héllo")]
    [InlineData("area", "area_2")]
    public void Good_answers_pass(string key, string value) => Assert.Null(Check(key, value));

    [Fact]
    public void A_scale_may_have_negative_bounds()
    {
        var item = Mini.FindItem("trust")! with { Min = -5, Max = 5 };
        Assert.Null(AnswerValidator.Validate(item, "-5"));
        Assert.Equal(AnswerErrorKind.ScaleRange, AnswerValidator.Validate(item, "-6")?.Kind);
    }

    [Fact]
    public void A_runs_area_codes_replace_the_default_options()
    {
        string[] runCodes = ["north", "south"];
        Assert.Null(Check("area", "north", runCodes));
        Assert.Equal(AnswerErrorKind.InvalidCode, Check("area", "area_1", runCodes)?.Kind);
    }

    [Fact]
    public void A_runs_area_codes_do_not_touch_other_items() =>
        Assert.Null(Check("born_here", "no", ["north"]));

    [Fact]
    public void A_page_is_checked_only_for_its_visible_items()
    {
        var page = Mini.Pages[1];

        Assert.Empty(AnswerValidator.ValidatePage(Mini, page, Answers(("born_here", "yes"))));
        Assert.Equal([new AnswerError("status", AnswerErrorKind.Required)], AnswerValidator.ValidatePage(Mini, page, Answers(("born_here", "no"))));
    }

    [Fact]
    public void An_answer_to_a_hidden_item_on_a_page_is_ignored() =>
        Assert.Empty(AnswerValidator.ValidatePage(Mini, Mini.Pages[1], Answers(("born_here", "yes"), ("status", "not a code"))));

    [Fact]
    public void A_page_reports_every_problem_in_page_order()
    {
        var errors = AnswerValidator.ValidatePage(Mini, Mini.Pages[1], Answers(("born_here", "no"), ("trust", "12"), ("count", "x"), ("note", "too long")));

        Assert.Equal(
            [
                new AnswerError("status", AnswerErrorKind.Required),
                new AnswerError("trust", AnswerErrorKind.ScaleRange, 0, 10),
                new AnswerError("count", AnswerErrorKind.NumberFormat),
                new AnswerError("note", AnswerErrorKind.TextTooLong, 5, 8),
            ],
            errors);
    }

    [Fact]
    public void A_page_item_hidden_through_a_cascade_is_not_required()
    {
        // status_detail shows when status = x, but status itself is hidden because born_here = yes.
        var required = Mini with { Pages = [Mini.Pages[0], Mini.Pages[1], Mini.Pages[2] with { Items = [Mini.Pages[2].Items[0] with { Required = true }] }] };

        Assert.Empty(AnswerValidator.ValidatePage(required, required.Pages[2], Answers(("born_here", "yes"), ("status", "x"))));
    }

    [Fact]
    public void Validate_items_checks_a_list_of_items()
    {
        var errors = AnswerValidator.ValidateItems([Mini.FindItem("area")!, Mini.FindItem("born_here")!], Answers(("area", "east"), ("born_here", "no")), ["east"]);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_whole_response_may_not_answer_unknown_items() =>
        Assert.Equal([new AnswerError("colour", AnswerErrorKind.Unknown)], AnswerValidator.ValidateResponse(Mini, Answers(("colour", "red"))));

    [Fact]
    public void A_whole_response_may_not_answer_hidden_items_even_through_a_cascade()
    {
        var errors = AnswerValidator.ValidateResponse(Mini, Answers(("born_here", "yes"), ("status", "x"), ("status_detail", "d1")));

        Assert.Equal(
            [
                new AnswerError("status", AnswerErrorKind.Hidden, "born_here = no and not why contains b"),
                new AnswerError("status_detail", AnswerErrorKind.Hidden, "status = x"),
            ],
            errors);
    }

    [Fact]
    public void A_whole_response_checks_every_value()
    {
        var errors = AnswerValidator.ValidateResponse(Mini, Answers(("born_here", "maybe"), ("why", "a a"), ("trust", "11"), ("count", "1.5"), ("note", "abcdef")));

        Assert.Equal(["born_here", "why", "trust", "count", "note"], errors.Select(e => e.ItemKey));
    }

    [Fact]
    public void A_whole_response_may_leave_required_items_blank_because_paper_cannot_force_an_answer() =>
        Assert.Empty(AnswerValidator.ValidateResponse(Mini, Answers(("born_here", "no"))));

    [Fact]
    public void A_complete_valid_response_has_no_errors() =>
        Assert.Empty(AnswerValidator.ValidateResponse(Mini, Answers(
            ("area", "area_1"), ("born_here", "no"), ("why", "a"), ("status", "x"), ("trust", "3"), ("count", "2"), ("note", "ok"), ("status_detail", "d2"))));

    [Fact]
    public void Each_kind_maps_to_its_message_in_the_ui_strings()
    {
        Assert.Equal("error_required", new AnswerError("k", AnswerErrorKind.Required).MessageKey);
        Assert.Equal("error_invalid_code", new AnswerError("k", AnswerErrorKind.InvalidCode).MessageKey);
        Assert.Equal("error_scale_range", new AnswerError("k", AnswerErrorKind.ScaleRange).MessageKey);
        Assert.Equal("error_number_format", new AnswerError("k", AnswerErrorKind.NumberFormat).MessageKey);
        Assert.Equal("error_number_range", new AnswerError("k", AnswerErrorKind.NumberRange).MessageKey);
        Assert.Equal("error_text_too_long", new AnswerError("k", AnswerErrorKind.TextTooLong).MessageKey);
    }

    [Fact]
    public void An_error_reads_in_english_for_people_checking_an_import()
    {
        Assert.Equal("trust: Choose a number from 0 to 10.", new AnswerError("trust", AnswerErrorKind.ScaleRange, 0, 10).ToString());
        Assert.Equal("colour: not an item of this survey", new AnswerError("colour", AnswerErrorKind.Unknown).ToString());
        Assert.Equal("status: answered, but this question is not shown to this respondent (shown when born_here = no)",
            new AnswerError("status", AnswerErrorKind.Hidden, "born_here = no").ToString());
    }

    [Fact]
    public void Errors_with_different_arguments_differ() =>
        Assert.NotEqual(new AnswerError("note", AnswerErrorKind.TextTooLong, 5, 6), new AnswerError("note", AnswerErrorKind.TextTooLong, 5, 7));
}
