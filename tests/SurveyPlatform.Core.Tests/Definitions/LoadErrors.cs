using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Tests.Definitions;

/// <summary>Helpers for tests that break the test definition and look at the errors.</summary>
internal static class LoadErrors
{
    public static IReadOnlyList<DefinitionError> Of(string json)
    {
        var result = DefinitionLoader.TryLoad(json, TestDefinitions.FileName);
        Assert.False(result.Succeeded, "the definition loaded although it should not");
        Assert.Null(result.Definition);
        return result.Errors;
    }

    /// <summary>Asserts that exactly one problem is reported and that it is at <paramref name="path"/> with <paramref name="message"/>.</summary>
    public static void Single(string json, string path, string message)
    {
        var errors = Of(json);
        var error = Assert.Single(errors);
        Assert.Equal(TestDefinitions.FileName, error.File);
        Assert.Equal(path, error.Path);
        Assert.Equal(message, error.Message);
    }

    public static void Single(string find, string replace, string path, string message) =>
        Single(TestDefinitions.Break(find, replace), path, message);
}
