namespace SurveyPlatform.Data.Entities;

/// <summary>
/// What people without access to a run's rows see of it (public page, police reviewers, advocates and their PDFs): a
/// snapshot of the run's published figures, made again only when at least k new responses arrived, so that two looks
/// never differ by one person (docs/anonymity.md, "Releases"). Deleted when the run is purged.
/// </summary>
public class RunRelease
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public Guid RunId { get; set; }
    /// <summary>Responses the release was computed from.</summary>
    public int Responses { get; set; }
    /// <summary>The day it was made (only the day: anonymity.md rule 1).</summary>
    public DateOnly CreatedOn { get; set; }
    /// <summary>SHA-256 of the run's responses as <c>survey export --format csv</c> writes them.</summary>
    public string InputSha256 { get; set; } = "";
    /// <summary>The published figures and counts as JSON (written and read by <c>ReleaseJson</c> in Core).</summary>
    public string Content { get; set; } = "";
}
