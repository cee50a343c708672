using System.Text.Json.Nodes;
using Json.Schema;

namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>survey.schema.json describes the same format the loader reads, so editors can check files as they are typed.</summary>
public sealed class SchemaTests
{
    private static readonly JsonSchema Schema =
        JsonSchema.FromText(File.ReadAllText(Path.Combine(StandardInstrumentTests.SurveysFolder(), "survey.schema.json")));

    private static EvaluationResults Evaluate(string json) =>
        Schema.Evaluate(JsonNode.Parse(json), new EvaluationOptions { OutputFormat = OutputFormat.List });

    private static void AssertValid(string json)
    {
        var result = Evaluate(json);
        var problems = (result.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"));
        Assert.True(result.IsValid, string.Join("\n", problems));
    }

    [Fact]
    public void The_test_definition_matches_the_schema() => AssertValid(TestDefinitions.Valid);

    [Fact]
    public void Every_definition_in_the_surveys_folder_matches_the_schema()
    {
        foreach (var file in Directory.GetFiles(StandardInstrumentTests.SurveysFolder(), "*.survey.json"))
            AssertValid(File.ReadAllText(file));
    }

    [Theory]
    [InlineData("\"type\": \"number\"", "\"type\": \"date\"")]
    [InlineData("\"max_length\": 5, ", "")]
    [InlineData("\"key\": \"count\"", "\"key\": \"Count\"")]
    [InlineData("\"max_length\": 5,", "\"max_length\": 5, \"colour\": \"red\",")]
    [InlineData("\"type\": \"scale\",", "\"type\": \"scale\", \"options\": [],")]
    [InlineData("\"type\": \"number\",", "\"type\": \"number\", \"min_label\": { \"en\": \"a\", \"es\": \"a\" },")]
    [InlineData("\"type\": \"multiple\",", "\"type\": \"multiple\", \"options_from_run\": true,")]
    [InlineData("\"min\": 0, \"max\": 10", "\"min\": 0")]
    [InlineData("\"max\": 20", "\"max\": 20.5")]
    [InlineData("\"code\": \"d1\"", "\"code\": \"Not OK\"")]
    [InlineData("\"id\": \"mini\"", "\"id\": \"Mini Survey\"")]
    [InlineData("\"languages\": [\"en\", \"es\"]", "\"languages\": [\"en\", \"Spanish!\"]")]
    [InlineData("\"languages\": [\"en\", \"es\"]", "\"languages\": [\"en\", \"es\", \"en\"]")]
    [InlineData("\"es\": \"Dos\"", "\"es\": \" \"")]
    [InlineData("\"title\": { \"en\": \"Mini\", \"es\": \"Mini\" }", "\"title\": \"Mini\"")]
    [InlineData("\"paragraphs\": [ { \"en\": \"Voluntary.\", \"es\": \"Voluntaria.\" } ]", "\"paragraphs\": []")]
    [InlineData("\"url\": \"https://example.org/help\"", "\"url\": \"javascript:alert(1)\"")]
    [InlineData("\"kind\": \"mean\"", "\"kind\": \"median\"")]
    [InlineData("\"positive\": [\"no\"]", "\"positive\": []")]
    [InlineData("\"scale\": 10", "\"scale\": 10, \"positive\": [\"a\"]")]
    [InlineData("\"scale\": 10", "\"scale\": 0")]
    [InlineData(", \"b\": \"born_here = yes\"", "")]
    [InlineData("[\"born_here\", \"area\", \"site\"]", "[\"born_here\", \"born_here\"]")]
    public void The_schema_refuses_what_the_loader_refuses(string find, string replace)
    {
        var json = TestDefinitions.Break(find, replace);
        Assert.False(Core.Definitions.DefinitionLoader.TryLoad(json, TestDefinitions.FileName).Succeeded);
        Assert.False(Evaluate(json).IsValid);
    }
}
