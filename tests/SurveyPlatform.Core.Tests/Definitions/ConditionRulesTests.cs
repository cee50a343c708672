namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>What a <c>shown_when</c> may refer to: items of earlier pages, and codes they offer.</summary>
public sealed class ConditionRulesTests
{
    private const string StatusCondition = "\"shown_when\": \"born_here = no and not why contains b\"";
    private const string StatusPath = "$.pages[1].items[0].shown_when";

    private static void StatusConditionFails(string condition, string message) =>
        LoadErrors.Single(StatusCondition, $"\"shown_when\": \"{condition}\"", StatusPath, message);

    [Fact]
    public void Condition_on_unknown_item_is_reported_with_its_path_and_the_known_keys() =>
        StatusConditionFails("bornhere = no", "unknown item 'bornhere' (known: area, born_here, why)");

    [Fact]
    public void Condition_on_an_item_of_a_later_page_is_refused() =>
        StatusConditionFails("status_detail = d1",
            "'status_detail' is on a later page ('p3'); a condition may only use items of earlier pages, because skip logic runs when a page is sent (usable here: area, born_here, why)");

    [Fact]
    public void Condition_on_an_item_of_the_same_page_is_refused() =>
        LoadErrors.Single("\"type\": \"scale\",", "\"type\": \"scale\", \"shown_when\": \"status = x\",", "$.pages[1].items[1].shown_when",
            "'status' is on the same page ('p2'); a condition may only use items of earlier pages, because skip logic runs when a page is sent (usable here: area, born_here, why)");

    [Fact]
    public void Condition_on_the_first_page_has_no_item_to_refer_to() =>
        LoadErrors.Single("\"key\": \"why\",", "\"key\": \"why\", \"shown_when\": \"area = area_1\",", "$.pages[0].items[2].shown_when",
            "'area' is on the same page ('p1'); a condition may only use items of earlier pages, because skip logic runs when a page is sent (usable here: none)");

    [Fact]
    public void Condition_with_a_code_the_item_does_not_offer_lists_the_allowed_codes() =>
        StatusConditionFails("born_here = maybe", "'maybe' is not a code of 'born_here'; allowed: yes, no, refuse");

    [Fact]
    public void Every_unknown_code_of_an_in_list_is_reported()
    {
        var errors = LoadErrors.Of(TestDefinitions.Break(StatusCondition, "\"shown_when\": \"born_here in (no, nah, nope)\""));

        Assert.Equal(["'nah' is not a code of 'born_here'; allowed: yes, no, refuse", "'nope' is not a code of 'born_here'; allowed: yes, no, refuse"],
            errors.Select(e => e.Message));
        Assert.All(errors, e => Assert.Equal(StatusPath, e.Path));
    }

    [Fact]
    public void Condition_on_an_item_whose_options_come_from_the_run_uses_its_default_codes() =>
        StatusConditionFails("area = north", "'north' is not a code of 'area'; allowed (its default codes; runs may replace them): area_1, area_2");

    [Fact]
    public void Contains_on_a_single_choice_item_is_refused() =>
        StatusConditionFails("born_here contains no", "'contains' needs a multiple-choice item; 'born_here' is single choice: write 'born_here = no' or 'born_here in (…)'");

    [Fact]
    public void Equality_on_a_multiple_choice_item_is_refused() =>
        StatusConditionFails("why = a", "'why' is multiple choice: write 'why contains a'");

    [Fact]
    public void Condition_on_a_scale_item_is_refused() =>
        LoadErrors.Single("\"shown_when\": \"status = x\"", "\"shown_when\": \"trust = 5\"", "$.pages[2].items[0].shown_when",
            "'trust' is a scale item; conditions compare the answer codes of single and multiple choice items only");

    [Fact]
    public void Condition_syntax_error_is_reported_at_the_condition_with_its_position() =>
        StatusConditionFails("born_here = no and and", "expected an item key, 'not' or '(' at position 20 but found 'and' in 'born_here = no and and'");

    [Fact]
    public void Condition_on_an_item_that_could_not_be_read_is_not_reported_twice() =>
        LoadErrors.Single("\"key\": \"born_here\", \"type\": \"single\"", "\"key\": \"born_here\", \"type\": \"choice\"", "$.pages[0].items[1].type",
            "'choice' is not an item type; allowed: single, multiple, scale, number, text");
}
