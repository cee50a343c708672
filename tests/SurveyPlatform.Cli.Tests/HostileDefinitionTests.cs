namespace SurveyPlatform.Cli.Tests;

/// <summary>A definition built to exhaust the stack gets a clear error from <c>survey validate</c>, not a crashed process.</summary>
public sealed class HostileDefinitionTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    [Fact]
    public void Validate_refuses_a_condition_nested_a_hundred_thousand_times_with_a_clear_error()
    {
        // 466 KB, under the upload limit: "not not … not born_here = no" (this used to end the process with a stack overflow).
        var deep = string.Concat(Enumerable.Repeat("not ", 100_000)) + "born_here = no";
        var text = File.ReadAllText(_cli.Definition);
        Assert.Contains("\"shown_when\": \"born_here = no\"", text);
        var file = _cli.Write("deep.survey.json", text.Replace("\"shown_when\": \"born_here = no\"", $"\"shown_when\": \"{deep}\"", StringComparison.Ordinal));

        var result = _cli.Run("validate", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("deep.survey.json: $.", result.Error);
        Assert.Contains("nested too deeply", result.Error);
        Assert.True(result.Error.Length < 5_000, "the message quotes the whole condition");
    }
}
