namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>Indicators and breakdowns refer to items of the right type, codes they offer and other indicators.</summary>
public sealed class IndicatorRulesTests
{
    [Fact]
    public void An_unknown_indicator_kind_lists_the_kinds() =>
        LoadErrors.Single("\"kind\": \"mean\"", "\"kind\": \"median\"", "$.indicators[2].kind", "'median' is not an indicator kind; allowed: proportion, mean, difference");

    [Fact]
    public void A_proportion_of_an_unknown_item_lists_the_choice_items() =>
        LoadErrors.Single("\"item\": \"born_here\"", "\"item\": \"bornhere\"", "$.indicators[0].item",
            "unknown item 'bornhere' (choice items: area, born_here, why, status, status_detail)");

    [Fact]
    public void A_proportion_of_a_scale_item_is_refused()
    {
        var json = TestDefinitions.Break("\"item\": \"born_here\", \"positive\": [\"no\"]", "\"item\": \"trust\", \"positive\": [\"10\"]");
        LoadErrors.Single(json, "$.indicators[0].item", "a proportion counts answer codes, so it needs a single or multiple choice item; 'trust' is a scale item");
    }

    [Fact]
    public void A_positive_code_the_item_does_not_offer_is_refused_with_the_allowed_codes() =>
        LoadErrors.Single("\"positive\": [\"no\"]", "\"positive\": [\"no\", \"nope\"]", "$.indicators[0].positive[1]", "'nope' is not a code of 'born_here'; allowed: yes, no, refuse");

    [Fact]
    public void An_excluded_code_the_item_does_not_offer_is_refused() =>
        LoadErrors.Single("\"excluded\": []", "\"excluded\": [\"refuse\"]", "$.indicators[1].excluded[0]", "'refuse' is not a code of 'why'; allowed: a, b");

    [Fact]
    public void A_code_both_positive_and_excluded_is_refused() =>
        LoadErrors.Single("\"positive\": [\"no\"]", "\"positive\": [\"no\"], \"excluded\": [\"no\"]", "$.indicators[0].positive[0]",
            "'no' is both positive and excluded; a code is either counted or left out of the denominator");

    [Fact]
    public void A_proportion_needs_positive_codes() =>
        LoadErrors.Single("\"positive\": [\"no\"]", "\"positive\": []", "$.indicators[0].positive", "a proportion needs at least one positive code");

    [Fact]
    public void A_mean_of_a_choice_item_is_refused() =>
        LoadErrors.Single("\"items\": [\"trust\"]", "\"items\": [\"trust\", \"born_here\"]", "$.indicators[2].items[1]",
            "a mean needs scale or number items; 'born_here' is a single choice item (scale and number items: trust, count)");

    [Fact]
    public void A_mean_of_an_unknown_item_is_refused() =>
        LoadErrors.Single("\"items\": [\"trust\"]", "\"items\": [\"trst\"]", "$.indicators[2].items[0]", "unknown item 'trst' (scale and number items: trust, count)");

    [Fact]
    public void A_mean_needs_items() =>
        LoadErrors.Single("\"items\": [\"trust\"], ", "", "$.indicators[2].items", "is required");

    [Fact]
    public void A_scale_factor_must_be_positive() =>
        LoadErrors.Single("\"scale\": 10", "\"scale\": 0", "$.indicators[2].scale", "must be a number greater than 0, not the number 0");

    [Fact]
    public void A_scale_factor_too_large_for_a_number_is_refused_not_a_crash() =>
        LoadErrors.Single("\"scale\": 10", "\"scale\": 1e400", "$.indicators[2].scale", "must be a number greater than 0, not the number 1e400");

    [Fact]
    public void A_property_of_another_kind_is_refused_with_what_this_kind_takes() =>
        LoadErrors.Single("\"scale\": 10", "\"scale\": 10, \"positive\": [\"1\"]", "$.indicators[2].positive",
            "'positive' applies only to proportion indicators; a mean takes: items, scale, among");

    [Fact]
    public void A_difference_of_an_unknown_indicator_lists_the_proportions_and_means() =>
        LoadErrors.Single("\"of\": \"trust_score\"", "\"of\": \"trust\"", "$.indicators[3].of",
            "'trust' is not an indicator of this survey; a difference compares a proportion or a mean: born_abroad, why_a, trust_score");

    [Fact]
    public void A_difference_of_a_difference_is_refused() =>
        LoadErrors.Single("\"of\": \"trust_score\"", "\"of\": \"gap\"", "$.indicators[3].of",
            "'gap' is itself a difference; a difference compares a proportion or a mean: born_abroad, why_a, trust_score");

    [Fact]
    public void A_difference_needs_both_groups() =>
        LoadErrors.Single(", \"b\": \"born_here = yes\"", "", "$.indicators[3].b", "is required");

    [Fact]
    public void A_group_condition_on_an_unknown_item_is_reported_at_the_group() =>
        LoadErrors.Single("\"a\": \"born_here = no\"", "\"a\": \"born = no\"", "$.indicators[3].a",
            "unknown item 'born' (known: area, born_here, why, status, trust, count, note, status_detail)");

    [Fact]
    public void An_among_condition_with_an_unknown_code_is_reported_at_among() =>
        LoadErrors.Single("\"among\": \"born_here = no\"", "\"among\": \"born_here = abroad\"", "$.indicators[1].among",
            "'abroad' is not a code of 'born_here'; allowed: yes, no, refuse");

    [Fact]
    public void An_among_condition_with_a_syntax_error_is_reported_at_among() =>
        LoadErrors.Single("\"among\": \"born_here = no\"", "\"among\": \"born_here no\"", "$.indicators[1].among",
            "expected '=', '!=', 'in' or 'contains' after 'born_here' at position 11 but found 'no' in 'born_here no'");

    [Fact]
    public void Indicator_ids_must_be_unique() =>
        LoadErrors.Single("\"id\": \"why_a\"", "\"id\": \"born_abroad\"", "$.indicators[1].id",
            "indicator id 'born_abroad' is already used by $.indicators[0]; ids must be unique");

    [Fact]
    public void A_breakdown_by_a_scale_item_is_refused() =>
        LoadErrors.Single("[\"born_here\", \"area\", \"site\"]", "[\"trust\", \"area\", \"site\"]", "$.breakdowns[0]",
            "'trust' is a scale item; a breakdown splits respondents into groups, so it needs a single-choice item or site, wave, lang (allowed: area, born_here, status, status_detail, site, wave, lang)");

    [Fact]
    public void A_breakdown_by_a_multiple_choice_item_is_refused()
    {
        var error = Assert.Single(LoadErrors.Of(TestDefinitions.Break("[\"born_here\", \"area\", \"site\"]", "[\"why\"]")));
        Assert.Equal("$.breakdowns[0]", error.Path);
        Assert.StartsWith("'why' is a multiple choice item; a breakdown", error.Message);
    }

    [Fact]
    public void An_unknown_breakdown_lists_the_allowed_ones() =>
        LoadErrors.Single("[\"born_here\", \"area\", \"site\"]", "[\"born_here\", \"city\"]", "$.breakdowns[1]",
            "unknown breakdown 'city'; allowed: area, born_here, status, status_detail, site, wave, lang");

    [Fact]
    public void A_breakdown_listed_twice_is_refused() =>
        LoadErrors.Single("[\"born_here\", \"area\", \"site\"]", "[\"born_here\", \"site\", \"born_here\"]", "$.breakdowns[2]", "'born_here' is listed twice");

    [Fact]
    public void Wave_and_lang_are_breakdowns_without_items() =>
        Assert.True(Core.Definitions.DefinitionLoader.TryLoad(TestDefinitions.Break("[\"born_here\", \"area\", \"site\"]", "[\"wave\", \"lang\"]"), TestDefinitions.FileName).Succeeded);
}
