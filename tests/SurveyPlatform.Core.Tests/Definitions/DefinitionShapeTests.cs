namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>Top level, consent and thank-you pages, languages and translations.</summary>
public sealed class DefinitionShapeTests
{
    [Fact]
    public void A_missing_required_property_is_reported() =>
        LoadErrors.Single("\"version\": \"1\", ", "", "$.version", "is required");

    [Fact]
    public void An_unknown_property_is_refused_with_the_allowed_ones() =>
        LoadErrors.Single("\"version\": \"1\",", "\"version\": \"1\", \"colour\": \"red\",", "$.colour",
            "unknown property; allowed: id, version, default_language, languages, title, consent, pages, thank_you, indicators, breakdowns");

    [Fact]
    public void A_value_of_the_wrong_type_says_what_was_found() =>
        LoadErrors.Single("\"version\": \"1\"", "\"version\": 1", "$.version", "must be a string, not the number 1");

    [Fact]
    public void An_empty_string_is_refused() =>
        LoadErrors.Single("\"version\": \"1\"", "\"version\": \" \"", "$.version", "must not be empty");

    [Fact]
    public void A_survey_id_with_capitals_or_spaces_is_refused() =>
        LoadErrors.Single("\"id\": \"mini\"", "\"id\": \"Mini Survey\"", "$.id",
            "'Mini Survey' is not a valid id: lower-case letters, digits and '-' only (e.g. community-trust)");

    [Fact]
    public void The_default_language_must_be_one_of_the_languages() =>
        LoadErrors.Single("\"default_language\": \"en\"", "\"default_language\": \"fr\"", "$.default_language", "'fr' is not one of languages (en, es)");

    [Fact]
    public void A_language_that_is_not_a_bcp47_code_is_refused_without_an_error_for_every_text() =>
        LoadErrors.Single("\"languages\": [\"en\", \"es\"]", "\"languages\": [\"en\", \"Spanish!\"]", "$.languages[1]",
            "'Spanish!' is not a BCP 47 language code such as en, es, zh-Hans");

    [Fact]
    public void A_language_listed_twice_is_refused() =>
        LoadErrors.Single("\"languages\": [\"en\", \"es\"]", "\"languages\": [\"en\", \"es\", \"en\"]", "$.languages[2]", "'en' is listed twice");

    [Fact]
    public void An_empty_list_of_languages_is_refused()
    {
        var errors = LoadErrors.Of(TestDefinitions.Break("\"languages\": [\"en\", \"es\"]", "\"languages\": []"));
        Assert.Contains(errors, e => e is { Path: "$.languages", Message: "at least one language is required, e.g. [\"en\"]" });
    }

    [Fact]
    public void A_missing_translation_names_the_language_and_the_path() =>
        LoadErrors.Single("{ \"en\": \"Trust\", \"es\": \"Confianza\" } }", "{ \"en\": \"Trust\" } }", "$.pages[1].items[1].text", "missing translation for 'es'");

    [Fact]
    public void A_missing_translation_of_an_option_label_is_reported_at_the_label() =>
        LoadErrors.Single("{ \"en\": \"D2\", \"es\": \"D2\" }", "{ \"es\": \"D2\" }", "$.pages[2].items[0].options[1].label", "missing translation for 'en'");

    [Fact]
    public void A_missing_translation_on_the_thank_you_page_is_reported() =>
        LoadErrors.Single("{ \"en\": \"Help\", \"es\": \"Ayuda\" }", "{ \"en\": \"Help\" }", "$.thank_you.resources[0].name", "missing translation for 'es'");

    [Fact]
    public void An_empty_translation_is_refused() =>
        LoadErrors.Single("\"es\": \"Dos\"", "\"es\": \" \"", "$.pages[1].title.es", "the 'es' translation is empty");

    [Fact]
    public void A_translation_that_is_not_a_string_is_refused() =>
        LoadErrors.Single("\"es\": \"Dos\"", "\"es\": [\"Dos\"]", "$.pages[1].title.es", "the 'es' translation must be a string, not a list");

    [Fact]
    public void A_translation_in_an_undeclared_language_is_refused() =>
        LoadErrors.Single("\"es\": \"Tres\"", "\"es\": \"Tres\", \"fr\": \"Trois\"", "$.pages[2].title.fr",
            "'fr' is not one of the survey's languages (en, es); add it to languages or remove this translation");

    [Fact]
    public void A_plain_string_where_a_localized_text_belongs_is_refused() =>
        LoadErrors.Single("\"title\": { \"en\": \"Mini\", \"es\": \"Mini\" }", "\"title\": \"Mini\"", "$.title",
            "must be an object from language code to text such as { \"en\": \"…\" }, not the string \"Mini\"");

    [Fact]
    public void The_consent_page_needs_a_paragraph() =>
        LoadErrors.Single("\"paragraphs\": [ { \"en\": \"Voluntary.\", \"es\": \"Voluntaria.\" } ]", "\"paragraphs\": []",
            "$.consent.paragraphs", "the consent page needs at least one paragraph");

    [Fact]
    public void A_missing_consent_page_is_reported()
    {
        var errors = LoadErrors.Of(TestDefinitions.Break("\"consent\":", "\"consent_page\":"));

        Assert.Equal(["$.consent_page", "$.consent"], errors.Select(e => e.Path));
        Assert.Equal("is required and must be an object", errors[1].Message);
    }

    [Fact]
    public void A_resource_link_must_be_a_web_address() =>
        LoadErrors.Single("\"url\": \"https://example.org/help\"", "\"url\": \"javascript:alert(1)\"", "$.thank_you.resources[0].url",
            "'javascript:alert(1)' is not a web address; use a full address starting with https://");

    [Fact]
    public void An_unknown_property_of_a_resource_is_refused() =>
        LoadErrors.Single("\"phone\": \"211\"", "\"phone\": \"211\", \"email\": \"a@b.org\"", "$.thank_you.resources[0].email",
            "unknown property; allowed: name, description, phone, url");

    [Fact]
    public void A_survey_without_pages_is_refused()
    {
        var start = TestDefinitions.Valid.IndexOf("\"pages\": [", StringComparison.Ordinal);
        var end = TestDefinitions.Valid.IndexOf("\"thank_you\"", StringComparison.Ordinal);
        var json = TestDefinitions.Valid[..start] + "\"pages\": [],\n" + TestDefinitions.Valid[end..];

        var errors = LoadErrors.Of(json);

        Assert.Contains(errors, e => e is { Path: "$.pages", Message: "at least one page is required" });
    }

    [Fact]
    public void A_page_without_items_is_refused()
    {
        var start = TestDefinitions.Valid.IndexOf("{ \"key\": \"status_detail\"", StringComparison.Ordinal);
        var end = TestDefinitions.Valid.IndexOf("] }\n  ],", StringComparison.Ordinal);
        var json = TestDefinitions.Valid[..start] + TestDefinitions.Valid[end..];

        LoadErrors.Single(json, "$.pages[2].items", "a page needs at least one item");
    }

    [Fact]
    public void Page_ids_must_be_unique() =>
        LoadErrors.Single("\"id\": \"p3\"", "\"id\": \"p1\"", "$.pages[2].id", "page id 'p1' is already used by $.pages[0]; page ids must be unique");

    [Fact]
    public void A_page_that_is_not_an_object_is_refused() =>
        LoadErrors.Single("\"pages\": [", "\"pages\": [ \"p0\",", "$.pages[0]", "a page must be an object { … }, not the string \"p0\"");
}
