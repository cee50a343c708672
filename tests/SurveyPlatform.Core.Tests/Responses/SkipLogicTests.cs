using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Responses;
using SurveyPlatform.Core.Tests.Definitions;

namespace SurveyPlatform.Core.Tests.Responses;

/// <summary>
/// The test definition: page 0 (area, born_here, why), page 1 (status when born_here = no and not
/// why contains b; trust; count; note), page 2 (status_detail when status = x, alone on its page).
/// </summary>
public sealed class SkipLogicTests
{
    private static readonly SurveyDefinition Mini = DefinitionLoader.Load(TestDefinitions.Valid, TestDefinitions.FileName);

    private static Dictionary<string, string> Answers(params (string Key, string Value)[] answers) =>
        answers.ToDictionary(a => a.Key, a => a.Value);

    [Fact]
    public void An_item_without_condition_is_always_shown() => Assert.True(SkipLogic.IsShown(Mini.FindItem("trust")!, Answers()));

    [Fact]
    public void An_item_is_shown_only_when_its_condition_holds()
    {
        var status = Mini.FindItem("status")!;
        Assert.True(SkipLogic.IsShown(status, Answers(("born_here", "no"))));
        Assert.True(SkipLogic.IsShown(status, Answers(("born_here", "no"), ("why", "a"))));
        Assert.False(SkipLogic.IsShown(status, Answers(("born_here", "no"), ("why", "a b"))));
        Assert.False(SkipLogic.IsShown(status, Answers(("born_here", "yes"))));
        Assert.False(SkipLogic.IsShown(status, Answers()));
    }

    [Fact]
    public void Visible_items_leave_out_hidden_ones_in_page_order()
    {
        Assert.Equal(["trust", "count", "note"], SkipLogic.VisibleItems(Mini.Pages[1], Answers(("born_here", "yes"))).Select(i => i.Key));
        Assert.Equal(["status", "trust", "count", "note"], SkipLogic.VisibleItems(Mini.Pages[1], Answers(("born_here", "no"))).Select(i => i.Key));
    }

    [Fact]
    public void A_page_whose_only_item_is_hidden_has_no_visible_items()
    {
        Assert.False(SkipLogic.PageHasVisibleItems(Mini.Pages[2], Answers(("status", "y"))));
        Assert.True(SkipLogic.PageHasVisibleItems(Mini.Pages[2], Answers(("status", "x"))));
    }

    [Fact]
    public void Cleaning_drops_answers_to_hidden_items_and_keeps_the_rest()
    {
        var cleaned = SkipLogic.CleanAnswers(Mini, Answers(("born_here", "yes"), ("status", "y"), ("trust", "7")));

        Assert.Equal(Answers(("born_here", "yes"), ("trust", "7")), cleaned);
    }

    [Fact]
    public void Cleaning_cascades_through_items_shown_by_hidden_answers()
    {
        // born_here changed to yes: status is hidden, so status_detail (shown when status = x) goes too.
        var cleaned = SkipLogic.CleanAnswers(Mini, Answers(("born_here", "yes"), ("status", "x"), ("status_detail", "d1")));

        Assert.Equal(Answers(("born_here", "yes")), cleaned);
    }

    [Fact]
    public void Cleaning_keeps_answers_of_shown_items_along_the_chain()
    {
        var answers = Answers(("born_here", "no"), ("status", "x"), ("status_detail", "d1"));

        Assert.Equal(answers, SkipLogic.CleanAnswers(Mini, answers));
    }

    [Fact]
    public void Cleaning_leaves_the_given_answers_untouched()
    {
        var answers = Answers(("born_here", "yes"), ("status", "x"));
        SkipLogic.CleanAnswers(Mini, answers);
        Assert.Equal(2, answers.Count);
    }

    [Fact]
    public void Cleaning_keeps_keys_that_are_not_items_for_the_validator_to_report() =>
        Assert.Equal("red", SkipLogic.CleanAnswers(Mini, Answers(("colour", "red")))["colour"]);

    [Fact]
    public void Next_page_from_the_consent_page_is_the_first_page() => Assert.Equal(0, SkipLogic.NextPageIndex(Mini, -1, Answers()));

    [Fact]
    public void Next_page_skips_a_page_whose_items_are_all_hidden()
    {
        Assert.Null(SkipLogic.NextPageIndex(Mini, 1, Answers(("born_here", "no"), ("status", "y"))));
        Assert.Equal(2, SkipLogic.NextPageIndex(Mini, 1, Answers(("born_here", "no"), ("status", "x"))));
    }

    [Fact]
    public void Next_page_after_the_last_page_is_none() => Assert.Null(SkipLogic.NextPageIndex(Mini, 2, Answers()));

    [Fact]
    public void Next_page_ignores_stale_answers_to_hidden_items()
    {
        // status = x was answered, then born_here changed to yes: page 2 must not be shown.
        Assert.Null(SkipLogic.NextPageIndex(Mini, 1, Answers(("born_here", "yes"), ("status", "x"))));
    }

    [Fact]
    public void Previous_page_skips_a_page_whose_items_are_all_hidden()
    {
        var past = Mini with { Pages = [.. Mini.Pages, Mini.Pages[1] with { Id = "p4", Items = [Mini.FindItem("trust")! with { Key = "trust2" }] }] };

        Assert.Equal(1, SkipLogic.PreviousPageIndex(past, 3, Answers(("born_here", "no"), ("status", "y"))));
        Assert.Equal(2, SkipLogic.PreviousPageIndex(past, 3, Answers(("born_here", "no"), ("status", "x"))));
        Assert.Equal(1, SkipLogic.PreviousPageIndex(past, 3, Answers(("born_here", "yes"), ("status", "x"))));
    }

    [Fact]
    public void Previous_page_from_the_first_page_is_the_consent_page() => Assert.Null(SkipLogic.PreviousPageIndex(Mini, 0, Answers()));

    [Fact]
    public void Previous_page_after_the_end_is_the_last_visible_page()
    {
        Assert.Equal(1, SkipLogic.PreviousPageIndex(Mini, Mini.Pages.Count, Answers()));
        Assert.Equal(2, SkipLogic.PreviousPageIndex(Mini, Mini.Pages.Count, Answers(("born_here", "no"), ("status", "x"))));
    }
}
