namespace SurveyPlatform.Data.Entities;

/// <summary>
/// A signed-in console session, kept on the server so that signing out ends it for good: the session cookie names
/// its row, and a cookie whose row has ended is refused (docs/security.md, ASVS 3.3.1).
/// </summary>
public class ConsoleSession
{
    /// <summary>128 random bits, base64url.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    /// <summary>UTC (a <see cref="DateTime"/>, so that every provider can compare it in SQL when old rows are removed).</summary>
    public DateTime StartedAt { get; set; }
    public DateTime? EndedAt { get; set; }
    /// <summary>When the password was last confirmed in this session (exports, purges, sharing); UTC.</summary>
    public DateTime? ReauthenticatedAt { get; set; }
}

/// <summary>
/// An authenticator code's 30-second time step that was accepted once for an account: the same code is refused
/// again until it has expired (RFC 6238 section 5.2). The primary key makes the first use win when two arrive at once.
/// </summary>
public class UsedAuthenticatorCode
{
    public string UserId { get; set; } = "";
    public long TimeStep { get; set; }
}
