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

    [Fact]
    public void The_standard_survey_and_the_test_definition_match_the_schema()
    {
        Assert.True(Evaluate(File.ReadAllText(Path.Combine(StandardInstrumentTests.SurveysFolder(), "community-trust.survey.json"))).IsValid);
        Assert.True(Evaluate(TestDefinitions.Valid).IsValid);
    }

    [Theory]
    [InlineData("\"type\": \"number\"", "\"type\": \"date\"")]
    [InlineData("\"max_length\": 5, ", "")]
    [InlineData("\"key\": \"count\"", "\"key\": \"Count\"")]
    [InlineData("\"max_length\": 5,", "\"max_length\": 5, \"colour\": \"red\",")]
    public void The_schema_refuses_what_the_loader_refuses(string find, string replace) =>
        Assert.False(Evaluate(TestDefinitions.Valid.Replace(find, replace)).IsValid);
}
