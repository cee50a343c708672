using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Core.Tests.Definitions;

namespace SurveyPlatform.Core.Tests.Responses;

/// <summary>
/// The respondent step on the test definition: page 1 (area, born_here, why), page 2 (status, required and shown when
/// born_here = no and not why contains b; trust; count; note of at most 5 characters), page 3 (status_detail when status = x).
/// </summary>
public sealed class RespondentStepTests
{
    private static readonly SurveyDefinition Mini = DefinitionLoader.Load(TestDefinitions.Valid, TestDefinitions.FileName);

    private static Func<string, IReadOnlyList<string?>> Posted(params (string Key, string Value)[] fields) =>
        key => fields.Where(f => f.Key == key).Select(f => (string?)f.Value).ToList();

    private static StepResult Take(int page, string nav, Dictionary<string, string> answers, params (string Key, string Value)[] fields)
    {
        Assert.True(Navigation.TryParse(nav, out var navigation));
        return RespondentStep.Take(Mini, page, navigation, Posted(fields), answers);
    }

    [Fact]
    public void Next_on_the_consent_page_goes_to_the_first_page()
    {
        var result = Take(0, "next", []);

        Assert.Equal(new StepResult(StepOutcome.Show, 1, []), result with { Errors = [] });
        Assert.Empty(result.Errors);
    }

    [Fact]
    public void Answers_of_a_page_are_taken_normalised_and_the_next_page_follows()
    {
        var answers = new Dictionary<string, string>();

        var result = Take(1, "next", answers, ("area", " area_1 "), ("born_here", "no"), ("why", "a"), ("why", "a"), ("why", ""), ("ghost", "x"));

        Assert.Equal(StepOutcome.Show, result.Outcome);
        Assert.Equal(2, result.Page);
        Assert.Equal(new Dictionary<string, string> { ["area"] = "area_1", ["born_here"] = "no", ["why"] = "a" }, answers);
    }

    [Fact]
    public void A_required_question_left_blank_keeps_the_respondent_on_the_page_with_its_error()
    {
        var answers = new Dictionary<string, string> { ["born_here"] = "no" };

        var result = Take(2, "next", answers, ("trust", "7"));

        Assert.Equal(StepOutcome.Invalid, result.Outcome);
        Assert.Equal(2, result.Page);
        Assert.Equal([new AnswerError("status", AnswerErrorKind.Required)], result.Errors);
        Assert.Equal("7", answers["trust"]); // what was given is kept for the page shown again
    }

    [Fact]
    public void An_answer_that_is_not_offered_is_an_error_next_to_its_item()
    {
        var result = Take(1, "next", [], ("born_here", "maybe"), ("area", "area_9"));

        Assert.Equal(StepOutcome.Invalid, result.Outcome);
        Assert.Equal(["area", "born_here"], result.Errors.Select(e => e.ItemKey));
    }

    [Fact]
    public void A_page_whose_items_are_all_hidden_is_passed_over_and_the_last_page_completes()
    {
        var answers = new Dictionary<string, string> { ["born_here"] = "no" };

        var result = Take(2, "next", answers, ("status", "y"));

        Assert.Equal(StepOutcome.Complete, result.Outcome);
        Assert.True(RespondentStep.IsLastPage(Mini, 2, answers));
        answers["status"] = "x";
        Assert.False(RespondentStep.IsLastPage(Mini, 2, answers));
    }

    [Fact]
    public void Changing_an_earlier_answer_drops_the_answers_it_now_hides_in_cascade()
    {
        var answers = new Dictionary<string, string> { ["born_here"] = "no", ["status"] = "x", ["status_detail"] = "d1", ["trust"] = "5" };

        var result = Take(1, "next", answers, ("born_here", "yes"));

        Assert.Equal(2, result.Page);
        Assert.Equal(new Dictionary<string, string> { ["born_here"] = "yes", ["trust"] = "5" }, answers);
    }

    [Fact]
    public void Back_keeps_the_pages_answers_without_checking_them_and_skips_hidden_pages()
    {
        var answers = new Dictionary<string, string> { ["born_here"] = "no", ["status"] = "y" };
        var extended = Mini with { Pages = [.. Mini.Pages, Mini.Pages[1] with { Id = "p4", Items = [Mini.FindItem("trust")! with { Key = "trust2" }] }] };

        var result = RespondentStep.Take(extended, 4, new Navigation(Move.Back), Posted(("trust2", "99")), answers);

        Assert.Equal(new StepResult(StepOutcome.Show, 2, []), result with { Errors = [] });
        Assert.Equal("99", answers["trust2"]); // out of range, kept until the respondent comes back to it
    }

    [Fact]
    public void Back_from_the_first_page_is_the_consent_page() => Assert.Equal(0, Take(1, "back", []).Page);

    [Fact]
    public void A_language_switch_stays_on_the_page_and_keeps_its_answers()
    {
        var answers = new Dictionary<string, string>();

        var result = Take(2, "lang:es", answers, ("note", "hello world, too long"));

        Assert.Equal(new StepResult(StepOutcome.Show, 2, []), result with { Errors = [] });
        Assert.Equal("hello world, too long", answers["note"]);
    }

    [Fact]
    public void A_blank_value_removes_an_earlier_answer_and_text_keeps_its_lines()
    {
        var answers = new Dictionary<string, string> { ["trust"] = "5", ["note"] = "old" };

        Take(2, "lang:en", answers, ("trust", " "), ("note", " a\r\nb "));

        Assert.False(answers.ContainsKey("trust"));
        Assert.Equal("a\nb", answers["note"]);
    }

    [Fact]
    public void Values_posted_for_items_the_page_does_not_show_are_ignored()
    {
        var answers = new Dictionary<string, string> { ["born_here"] = "yes" };

        Take(2, "next", answers, ("status", "x"), ("trust", "3"));

        Assert.False(answers.ContainsKey("status"));
        Assert.Equal("3", answers["trust"]);
    }

    [Theory]
    [InlineData("next", Move.Next, null)]
    [InlineData("back", Move.Back, null)]
    [InlineData("lang:ar", Move.Language, "ar")]
    public void Buttons_are_read(string value, Move move, string? language)
    {
        Assert.True(Navigation.TryParse(value, out var navigation));
        Assert.Equal(new Navigation(move, language), navigation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Next")]
    [InlineData("submit")]
    [InlineData("lang:")]
    [InlineData("back ")]
    public void Anything_else_is_not_a_button(string? value) => Assert.False(Navigation.TryParse(value, out _));

    [Fact]
    public void A_page_out_of_the_survey_is_refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Take(Mini.Pages.Count + 1, "next", []));

    [Fact]
    public void A_whole_response_is_normalised_as_pages_are_and_checked_as_an_import()
    {
        var given = new Dictionary<string, string>
        {
            ["born_here"] = " yes ",
            ["why"] = "a  a b",
            ["note"] = "x\r\ny",
            ["trust"] = "",
            ["status"] = "x",   // hidden: born_here is yes
            ["colour"] = "red", // not an item
        };

        var (answers, errors) = RespondentStep.TakeResponse(Mini, given);

        Assert.Equal("yes", answers["born_here"]);
        Assert.Equal("a b", answers["why"]);
        Assert.Equal("x\ny", answers["note"]);
        Assert.False(answers.ContainsKey("trust"));
        Assert.Equal(["colour", "status"], errors.Select(e => e.ItemKey).Order());
        Assert.Contains(errors, e => e.ItemKey == "status" && e.Kind == AnswerErrorKind.Hidden);
    }

    [Fact]
    public void The_items_a_page_shows_follow_the_answers()
    {
        Assert.Empty(RespondentStep.ItemsShown(Mini, 0, new Dictionary<string, string>()));
        Assert.Equal(["trust", "count", "note"], RespondentStep.ItemsShown(Mini, 2, new Dictionary<string, string>()).Select(i => i.Key));
        Assert.Equal(["status", "trust", "count", "note"],
            RespondentStep.ItemsShown(Mini, 2, new Dictionary<string, string> { ["born_here"] = "no" }).Select(i => i.Key));
    }
}
