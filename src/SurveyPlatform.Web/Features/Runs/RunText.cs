using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Runs;

/// <summary>How run settings read in the console.</summary>
public static class RunText
{
    public static string Status(RunStatus status) => status switch
    {
        RunStatus.Draft => "draft",
        RunStatus.Open => "open",
        RunStatus.Closed => "closed",
        RunStatus.Purged => "purged (responses deleted)",
        _ => status.ToString(),
    };

    public static string Mode(RunMode mode) => mode switch
    {
        RunMode.OpenLink => "open link",
        RunMode.OneTimeCodes => "one-time codes",
        _ => mode.ToString(),
    };
}
