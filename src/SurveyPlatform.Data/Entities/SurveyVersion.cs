namespace SurveyPlatform.Data.Entities;

/// <summary>
/// One version of a survey definition, stored whole as JSON so that a run always reports against the
/// exact wording respondents saw, even after the file in surveys/ changes.
/// </summary>
public class SurveyVersion
{
    public Guid Id { get; set; } = Guid.NewGuid();
    /// <summary>The definition's own id, e.g. <c>community-trust</c>.</summary>
    public string SurveyId { get; set; } = "";
    public string Version { get; set; } = "";
    public string Title { get; set; } = "";
    public string DefinitionJson { get; set; } = "";
    /// <summary>SHA-256 of <see cref="DefinitionJson"/>, to recognise an unchanged file on start-up.</summary>
    public string Sha256 { get; set; } = "";
    public Guid? OrganizationId { get; set; }
    public List<SurveyRun> Runs { get; set; } = [];
}
