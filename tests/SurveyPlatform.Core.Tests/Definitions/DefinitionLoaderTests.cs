using System.Text;
using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>The loader's entry points: loading, JSON syntax, files, and that every problem is listed.</summary>
public sealed class DefinitionLoaderTests
{
    [Fact]
    public void A_valid_definition_loads_with_its_pages_items_and_indicators()
    {
        var d = DefinitionLoader.Load(TestDefinitions.Valid, TestDefinitions.FileName);

        Assert.Equal(("mini", "1", "en"), (d.Id, d.Version, d.DefaultLanguage));
        Assert.Equal(["en", "es"], d.Languages);
        Assert.Equal(["p1", "p2", "p3"], d.Pages.Select(p => p.Id));
        Assert.Equal(["area", "born_here", "why", "status", "trust", "count", "note", "status_detail"], d.Items.Select(i => i.Key));
        Assert.Equal("Sobre usted", d.Pages[0].Intro!.Get("es"));
        Assert.Equal("Voluntaria.", Assert.Single(d.Consent.Paragraphs).Get("es"));
        Assert.Equal("https://example.org/help", Assert.Single(d.ThankYou.Resources).Url);
        Assert.Equal(["born_here", "area", "site"], d.Breakdowns);
    }

    [Fact]
    public void Item_properties_are_read_with_their_defaults()
    {
        var d = DefinitionLoader.Load(TestDefinitions.Valid, TestDefinitions.FileName);

        var bornHere = d.FindItem("born_here")!;
        Assert.Equal((ItemType.Single, false, false), (bornHere.Type, bornHere.Required, bornHere.OptionsFromRun));
        Assert.Equal("En este país.", bornHere.Help!.Get("es"));
        Assert.Equal(["yes", "no", "refuse"], bornHere.Options.Select(o => o.Code));
        Assert.True(d.FindItem("area")!.OptionsFromRun);
        var status = d.FindItem("status")!;
        Assert.True(status.Required);
        Assert.Equal("born_here = no and not why contains b", status.ShownWhenSource);
        Assert.Equal("(born_here = no and not why contains b)", status.ShownWhen!.ToString());
        var trust = d.FindItem("trust")!;
        Assert.Equal((0, 10, "Total"), (trust.Min, trust.Max, trust.MaxLabel!.Get("es")));
        Assert.Equal(5, d.FindItem("note")!.MaxLength);
    }

    [Fact]
    public void Indicators_are_read_with_their_defaults()
    {
        var indicators = DefinitionLoader.Load(TestDefinitions.Valid, TestDefinitions.FileName).Indicators;

        Assert.Equal(["born_abroad", "why_a", "trust_score", "gap"], indicators.Select(i => i.Id));
        Assert.Equal((IndicatorKind.Proportion, "born_here", true), (indicators[0].Kind, indicators[0].Item, indicators[0].Headline));
        Assert.Equal(["refuse"], indicators[0].Excluded);
        Assert.Empty(indicators[1].Excluded);
        Assert.Equal("born_here = no", indicators[1].Among!.ToString());
        Assert.Equal((IndicatorKind.Mean, 10.0), (indicators[2].Kind, indicators[2].Scale));
        Assert.Equal(["trust"], indicators[2].Items);
        Assert.Equal(("trust_score", "born_here = no", "born_here = yes"), (indicators[3].Of, indicators[3].GroupASource, indicators[3].GroupB!.ToString()));
    }

    [Fact]
    public void TryLoad_returns_the_definition_and_no_errors_when_valid()
    {
        var result = DefinitionLoader.TryLoad(TestDefinitions.Valid, TestDefinitions.FileName);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Errors);
        Assert.Equal("mini", result.Definition.Id);
    }

    [Fact]
    public void Every_problem_is_reported_not_just_the_first()
    {
        var json = TestDefinitions.Break("\"key\": \"count\"", "\"key\": \"trust\"")
            .Replace("\"default_language\": \"en\"", "\"default_language\": \"fr\"")
            .Replace("\"positive\": [\"no\"]", "\"positive\": [\"nope\"]");

        var errors = LoadErrors.Of(json);

        Assert.Equal(["$.default_language", "$.pages[1].items[2].key", "$.indicators[0].positive[0]"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Load_throws_an_exception_listing_every_problem_as_file_path_message()
    {
        var json = TestDefinitions.Break("\"default_language\": \"en\"", "\"default_language\": \"fr\"").Replace("\"version\": \"1\", ", "");

        var e = Assert.Throws<DefinitionException>(() => DefinitionLoader.Load(json, TestDefinitions.FileName));

        Assert.Equal(2, e.Errors.Count);
        Assert.Equal("mini.survey.json: $.version: is required", e.Errors[0].ToString());
        Assert.Contains("mini.survey.json: $.version: is required\nmini.survey.json: $.default_language: 'fr' is not one of languages (en, es)", e.Message);
    }

    [Fact]
    public void Invalid_json_is_reported_with_line_and_column()
    {
        LoadErrors.Single("{\n  \"id\": \"mini\"\n  \"version\": \"1\"\n}", "$",
            "not valid JSON at line 3, column 3: '\"' is invalid after a value. Expected either ',', '}', or ']'.");
    }

    [Fact]
    public void The_column_of_a_json_error_counts_characters_not_bytes()
    {
        var error = Assert.Single(LoadErrors.Of("{ \"title\": { \"zh-Hans\": \"下一步\" x } }"));
        Assert.StartsWith("not valid JSON at line 1, column 31:", error.Message);
    }

    [Fact]
    public void Truncated_json_is_reported()
    {
        var error = Assert.Single(LoadErrors.Of(TestDefinitions.Valid[..200]));
        Assert.StartsWith("not valid JSON at line ", error.Message);
    }

    [Fact]
    public void A_definition_that_is_not_a_json_object_is_refused() =>
        LoadErrors.Single("[1, 2]", "$", "a survey definition must be an object { … }, not a list");

    [Fact]
    public void A_property_given_twice_is_reported_with_its_path()
    {
        LoadErrors.Single("\"title\": { \"en\": \"Mini\", \"es\": \"Mini\" }", "\"title\": { \"en\": \"Mini\", \"es\": \"Mini\", \"en\": \"Other\" }",
            "$.title.en", "'en' appears more than once in this object; keep one");
    }

    [Fact]
    public void LoadFile_names_the_file_in_its_errors()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broken-{Guid.NewGuid():N}.survey.json");
        File.WriteAllText(path, TestDefinitions.Break("\"version\": \"1\", ", ""));
        try
        {
            var e = Assert.Throws<DefinitionException>(() => DefinitionLoader.LoadFile(path));
            Assert.Equal(Path.GetFileName(path), Assert.Single(e.Errors).File);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void LoadFile_reads_a_valid_file()
    {
        var path = Path.Combine(Path.GetTempPath(), $"mini-{Guid.NewGuid():N}.survey.json");
        File.WriteAllText(path, TestDefinitions.Valid, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        try
        {
            Assert.Equal("¿Nació aquí?", DefinitionLoader.LoadFile(path).FindItem("born_here")!.Text.Get("es"));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_file_is_reported_as_a_definition_error()
    {
        var result = DefinitionLoader.TryLoadFile(Path.Combine(Path.GetTempPath(), "no-such-dir-" + Guid.NewGuid(), "gone.survey.json"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("gone.survey.json", "$"), (error.File, error.Path));
        Assert.StartsWith("cannot be read: ", error.Message);
    }

    [Fact]
    public void A_file_that_is_not_utf8_is_refused_rather_than_garbled()
    {
        var path = Path.Combine(Path.GetTempPath(), $"latin1-{Guid.NewGuid():N}.survey.json");
        File.WriteAllBytes(path, Encoding.Latin1.GetBytes(TestDefinitions.Valid));
        try
        {
            var error = Assert.Single(DefinitionLoader.TryLoadFile(path).Errors);
            Assert.Equal("is not valid UTF-8 text; save it as UTF-8", error.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
