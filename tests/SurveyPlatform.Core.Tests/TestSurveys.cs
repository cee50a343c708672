using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Core.Tests;

/// <summary>The standard survey from the repository's surveys/ folder, loaded once for all tests.</summary>
internal static class TestSurveys
{
    public static string Folder
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "surveys");
                if (File.Exists(Path.Combine(candidate, "community-trust.survey.json"))) return candidate;
            }
            throw new DirectoryNotFoundException("surveys/community-trust.survey.json not found above the test folder");
        }
    }

    public static readonly SurveyDefinition Standard = DefinitionLoader.LoadFile(Path.Combine(Folder, "community-trust.survey.json"));
}
