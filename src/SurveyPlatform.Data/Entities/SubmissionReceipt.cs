namespace SurveyPlatform.Data.Entities;

/// <summary>
/// Proof that a respondent session has already submitted, so that a refresh or Back-then-Submit does not
/// create a second response. Keyed by a keyed hash of the session's random nonce; it shares no id and no
/// time with the response row, so it cannot be linked to it (anonymity.md rule 5).
/// </summary>
public class SubmissionReceipt
{
    public byte[] NonceHash { get; set; } = [];
    public Guid RunId { get; set; }
}
