namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>Items: keys, types, options, bounds and lengths.</summary>
public sealed class ItemRulesTests
{
    [Fact]
    public void An_unknown_item_type_lists_the_types() =>
        LoadErrors.Single("\"type\": \"number\"", "\"type\": \"date\"", "$.pages[1].items[2].type",
            "'date' is not an item type; allowed: single, multiple, scale, number, text");

    [Fact]
    public void An_item_without_a_type_is_reported_once() =>
        LoadErrors.Single("\"type\": \"number\", ", "", "$.pages[1].items[2].type", "is required");

    [Fact]
    public void An_unknown_item_property_is_refused_with_those_its_type_takes() =>
        LoadErrors.Single("\"max_length\": 5,", "\"max_length\": 5, \"colour\": \"red\",", "$.pages[1].items[3].colour",
            "unknown property; allowed for a text item: key, type, text, help, required, shown_when, max_length");

    [Fact]
    public void Options_on_a_scale_item_are_refused() =>
        LoadErrors.Single("\"type\": \"scale\",", "\"type\": \"scale\", \"options\": [],", "$.pages[1].items[1].options",
            "'options' applies only to single choice and multiple choice items, not to scale items");

    [Fact]
    public void Scale_labels_on_a_number_item_are_refused() =>
        LoadErrors.Single("\"type\": \"number\",", "\"type\": \"number\", \"min_label\": { \"en\": \"a\", \"es\": \"a\" },", "$.pages[1].items[2].min_label",
            "'min_label' applies only to scale items, not to number items");

    [Fact]
    public void Options_from_the_run_only_apply_to_single_choice() =>
        LoadErrors.Single("\"type\": \"multiple\",", "\"type\": \"multiple\", \"options_from_run\": true,", "$.pages[0].items[2].options_from_run",
            "'options_from_run' applies only to single choice items, not to multiple choice items");

    [Fact]
    public void Max_length_on_a_choice_item_is_refused() =>
        LoadErrors.Single("\"key\": \"why\",", "\"key\": \"why\", \"max_length\": 3,", "$.pages[0].items[2].max_length",
            "'max_length' applies only to text items, not to multiple choice items");

    [Fact]
    public void A_choice_item_without_options_is_refused()
    {
        var json = TestDefinitions.Break("\"options\": [ { \"code\": \"d1\", \"label\": { \"en\": \"D1\", \"es\": \"D1\" } }, { \"code\": \"d2\", \"label\": { \"en\": \"D2\", \"es\": \"D2\" } } ]", "\"options\": []");
        LoadErrors.Single(json, "$.pages[2].items[0].options", "a choice item needs at least one option");
    }

    [Fact]
    public void A_key_with_capitals_is_refused() =>
        LoadErrors.Single("\"key\": \"count\"", "\"key\": \"Count\"", "$.pages[1].items[2].key",
            "'Count' is not a valid key: a lower-case letter, then lower-case letters, digits or '_' (e.g. born_here)");

    [Fact]
    public void A_key_starting_with_a_digit_is_refused()
    {
        var error = Assert.Single(LoadErrors.Of(TestDefinitions.Break("\"key\": \"count\"", "\"key\": \"2count\"")));
        Assert.Equal("$.pages[1].items[2].key", error.Path);
    }

    [Fact]
    public void Duplicate_item_keys_are_refused_naming_the_first_use() =>
        LoadErrors.Single("\"key\": \"count\"", "\"key\": \"why\"", "$.pages[1].items[2].key",
            "key 'why' is already used by $.pages[0].items[2]; keys must be unique in the survey");

    [Fact]
    public void Duplicate_option_codes_are_refused_at_the_second_one() =>
        LoadErrors.Single("{ \"code\": \"y\", \"label\"", "{ \"code\": \"x\", \"label\"", "$.pages[1].items[0].options[1].code",
            "code 'x' is already used by options[0] of this item; codes must be unique within an item");

    [Fact]
    public void A_code_with_spaces_or_capitals_is_refused() =>
        LoadErrors.Single("\"code\": \"d1\"", "\"code\": \"Not OK\"", "$.pages[2].items[0].options[0].code",
            "'Not OK' is not a valid code: lower-case letters, digits and '_' only (e.g. agree_some, 18_24)");

    [Fact]
    public void An_unknown_option_property_is_refused() =>
        LoadErrors.Single("{ \"code\": \"d1\",", "{ \"code\": \"d1\", \"value\": 1,", "$.pages[2].items[0].options[0].value",
            "unknown property; allowed: code, label");

    [Fact]
    public void A_scale_with_min_above_max_is_refused() =>
        LoadErrors.Single("\"min\": 0, \"max\": 10", "\"min\": 10, \"max\": 0", "$.pages[1].items[1].min",
            "min (10) is greater than max (0); the bounds are inclusive, e.g. min 0 and max 10");

    [Fact]
    public void A_number_with_min_above_max_is_refused() =>
        LoadErrors.Single("\"min\": 0, \"max\": 20", "\"min\": 21, \"max\": 20", "$.pages[1].items[2].min",
            "min (21) is greater than max (20); the bounds are inclusive, e.g. min 0 and max 10");

    [Fact]
    public void A_scale_without_max_is_refused() =>
        LoadErrors.Single("\"min\": 0, \"max\": 10", "\"min\": 0", "$.pages[1].items[1].max", "is required");

    [Fact]
    public void A_bound_that_is_not_a_whole_number_is_refused() =>
        LoadErrors.Single("\"max\": 20", "\"max\": 20.5", "$.pages[1].items[2].max", "must be a whole number, not the number 20.5");

    [Fact]
    public void A_text_item_without_max_length_is_refused() =>
        LoadErrors.Single("\"max_length\": 5, ", "", "$.pages[1].items[3].max_length",
            "is required for text items: the most characters an answer may have, e.g. 2000");

    [Fact]
    public void A_max_length_of_zero_is_refused() =>
        LoadErrors.Single("\"max_length\": 5", "\"max_length\": 0", "$.pages[1].items[3].max_length", "must be at least 1, not 0");

    [Fact]
    public void Required_must_be_true_or_false() =>
        LoadErrors.Single("\"required\": true", "\"required\": \"yes\"", "$.pages[1].items[0].required", "must be true or false, not the string \"yes\"");

    [Fact]
    public void An_item_that_is_not_an_object_is_refused() =>
        LoadErrors.Single("{ \"key\": \"status_detail\"", "42, { \"key\": \"status_detail\"", "$.pages[2].items[0]",
            "an item must be an object { … }, not the number 42");
}
