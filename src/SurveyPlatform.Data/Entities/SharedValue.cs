namespace SurveyPlatform.Data.Entities;

/// <summary>
/// A value every instance of the platform must see, kept in the database instead of one process's memory or
/// data folder (docs/architecture.md, "Many instances, one database"): secrets sealed under the key ring, the hash
/// of the first-run setup token, code sheets waiting to be downloaded. Never anything about a respondent.
/// </summary>
public class SharedValue
{
    /// <summary>What the value is, e.g. <c>secret:run-codes</c> or <c>code-sheet:{hash of the ticket}</c>.</summary>
    public string Name { get; set; } = "";
    public byte[] Value { get; set; } = [];
    /// <summary>When the value stops being valid (UTC); null = never. Expired values are deleted when next looked up.</summary>
    public DateTime? ExpiresUtc { get; set; }
}
