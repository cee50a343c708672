namespace SurveyPlatform.Data.Entities;

public enum ResponseMode { Online = 0, Paper = 1, Imported = 2 }

/// <summary>
/// One completed response. Holds nothing that identifies a person (anonymity.md rule 1): the id is a
/// random v4 GUID and the table is keyed by it (SQLite: WITHOUT ROWID), so storage order says nothing
/// about submission order; only the day (or week) is kept, never the time.
/// </summary>
public class Response
{
    public Guid Id { get; set; }
    public Guid RunId { get; set; }
    /// <summary>Day of submission, or the Monday of its week when the run keeps weeks only.</summary>
    public DateOnly Day { get; set; }
    /// <summary>Language the survey was answered in (BCP 47).</summary>
    public string Lang { get; set; } = "";
    public ResponseMode Mode { get; set; }
    /// <summary>Answers as a JSON object of item key → code / space-separated codes / number / text.</summary>
    public string AnswersJson { get; set; } = "{}";
    /// <summary>Optional survey weight (imported data).</summary>
    public double? Weight { get; set; }
    public string? Wave { get; set; }
    public string? Site { get; set; }
}
