using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Tests.Definitions;

public sealed class DefinitionLoaderTests
{
    private static DefinitionError SingleError(string json)
    {
        var e = Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(json, "mini.survey.json"));
        return Assert.Single(e.Errors);
    }

    private static string Break(string find, string replace)
    {
        Assert.Contains(find, TestDefinitions.Valid);
        return TestDefinitions.Valid.Replace(find, replace);
    }

    [Fact]
    public void A_valid_definition_loads_with_its_pages_items_and_indicators()
    {
        var d = DefinitionLoader.Load(TestDefinitions.Valid, "mini.survey.json");

        Assert.Equal(2, d.Pages.Count);
        Assert.Equal(["born_here", "why", "status", "trust", "count", "note"], d.Items.Select(i => i.Key));
        Assert.False(d.FindItem("born_here")!.Required);
        Assert.True(d.FindItem("status")!.Required);
        Assert.Equal("¿Nació aquí?", d.FindItem("born_here")!.Text.Get("es"));
        Assert.Equal(3, d.Indicators.Count);
        Assert.Equal(["refuse"], d.Indicators[0].Excluded);
    }

    [Fact]
    public void Invalid_json_is_reported_with_the_file()
    {
        var error = SingleError("{ \"id\": ");
        Assert.Equal("mini.survey.json", error.File);
        Assert.Contains("not valid JSON", error.Message);
    }

    [Fact]
    public void Condition_on_unknown_item_is_reported_with_its_path()
    {
        var error = SingleError(Break("born_here = no and", "bornhere = no and"));
        Assert.Equal("$.pages[1].items[0].shown_when", error.Path);
        Assert.Contains("unknown item 'bornhere'", error.Message);
        Assert.Contains("born_here", error.Message);
    }

    [Fact]
    public void Condition_with_a_code_the_item_does_not_offer_lists_the_allowed_codes()
    {
        var error = SingleError(Break("born_here = no and", "born_here = maybe and"));
        Assert.Contains("'maybe' is not a code of 'born_here'; allowed: yes, no, refuse", error.Message);
    }

    [Fact]
    public void Condition_on_an_item_of_the_same_page_is_refused()
    {
        var json = Break("\"key\": \"why\", \"type\": \"multiple\",", "\"key\": \"why\", \"type\": \"multiple\", \"shown_when\": \"born_here = no\",");
        var error = SingleError(json);
        Assert.Equal("$.pages[0].items[1].shown_when", error.Path);
        Assert.Contains("same page", error.Message);
    }

    [Fact]
    public void Condition_syntax_error_names_the_position()
    {
        var error = SingleError(Break("born_here = no and not", "born_here = no and and"));
        Assert.Equal("$.pages[1].items[0].shown_when", error.Path);
        Assert.Contains("expected an item key", error.Message);
    }

    [Fact]
    public void Contains_on_a_single_choice_item_is_refused()
    {
        var error = SingleError(Break("not why contains b", "not born_here contains b"));
        Assert.Contains("'contains' needs a multiple-choice item", error.Message);
    }

    [Fact]
    public void Missing_translation_names_the_language_and_path()
    {
        var error = SingleError(Break("{ \"en\": \"Trust\", \"es\": \"Confianza\" } }", "{ \"en\": \"Trust\" } }"));
        Assert.Equal("$.pages[1].items[1].text", error.Path);
        Assert.Equal("missing translation for 'es'", error.Message);
    }

    [Fact]
    public void Empty_translation_is_refused()
    {
        var error = SingleError(Break("\"es\": \"Dos\"", "\"es\": \" \""));
        Assert.Equal("$.pages[1].title.es", error.Path);
    }

    [Fact]
    public void Duplicate_item_keys_are_refused()
    {
        var error = SingleError(Break("\"key\": \"count\"", "\"key\": \"trust\""));
        Assert.Contains("key 'trust' is used by another item", error.Message);
    }

    [Fact]
    public void Duplicate_option_codes_are_refused()
    {
        var e = Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(
            Break("{ \"code\": \"b\", \"label\"", "{ \"code\": \"a\", \"label\""), "mini.survey.json"));
        Assert.Contains(e.Errors, x => x.Path == "$.pages[0].items[1].options" && x.Message == "code 'a' appears twice");
    }

    [Fact]
    public void Bad_code_syntax_is_refused()
    {
        var error = SingleError(Break("\"code\": \"x\"", "\"code\": \"Not OK\""));
        Assert.Equal("$.pages[1].items[0].options[0].code", error.Path);
    }

    [Fact]
    public void Unknown_property_is_refused_with_the_allowed_ones()
    {
        var error = SingleError(Break("\"max_length\": 5,", "\"max_length\": 5, \"colour\": \"red\","));
        Assert.Equal("$.pages[1].items[3].colour", error.Path);
        Assert.Contains("unknown property", error.Message);
    }

    [Fact]
    public void Unknown_item_type_lists_the_types()
    {
        var error = SingleError(Break("\"type\": \"number\"", "\"type\": \"date\""));
        Assert.Contains("allowed: single, multiple, scale, number, text", error.Message);
    }

    [Fact]
    public void Scale_with_min_above_max_is_refused()
    {
        var error = SingleError(Break("\"min\": 0, \"max\": 10", "\"min\": 10, \"max\": 0"));
        Assert.Contains("min (10) is greater than max (0)", error.Message);
    }

    [Fact]
    public void Text_without_max_length_is_refused()
    {
        var error = SingleError(Break("\"max_length\": 5, ", ""));
        Assert.Equal("$.pages[1].items[3].max_length", error.Path);
    }

    [Fact]
    public void Default_language_must_be_one_of_the_languages()
    {
        var error = SingleError(Break("\"default_language\": \"en\"", "\"default_language\": \"fr\""));
        Assert.Equal("$.default_language", error.Path);
    }

    [Fact]
    public void Indicator_with_a_positive_code_the_item_lacks_is_refused()
    {
        var error = SingleError(Break("\"positive\": [\"no\"]", "\"positive\": [\"nope\"]"));
        Assert.Equal("$.indicators[0].positive", error.Path);
    }

    [Fact]
    public void Difference_of_an_unknown_indicator_is_refused()
    {
        var error = SingleError(Break("\"of\": \"trust_score\"", "\"of\": \"trust\""));
        Assert.Equal("$.indicators[2].of", error.Path);
        Assert.Contains("allowed: born_abroad, trust_score", error.Message);
    }

    [Fact]
    public void Breakdown_by_a_non_single_choice_item_is_refused()
    {
        var error = SingleError(Break("[\"born_here\", \"site\"]", "[\"trust\", \"site\"]"));
        Assert.Equal("$.breakdowns[0]", error.Path);
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var json = Break("\"key\": \"count\"", "\"key\": \"trust\"").Replace("\"default_language\": \"en\"", "\"default_language\": \"fr\"");
        var e = Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(json, "mini.survey.json"));
        Assert.Equal(2, e.Errors.Count);
        Assert.All(e.Errors, x => Assert.StartsWith("mini.survey.json: $.", x.ToString()));
    }
}
