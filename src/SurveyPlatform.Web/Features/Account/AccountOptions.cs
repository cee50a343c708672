namespace SurveyPlatform.Web.Features.Account;

/// <summary>The <c>Account</c> configuration section: console sign-in rules.</summary>
public sealed class AccountOptions
{
    public const string Section = "Account";

    /// <summary>Administrators and organizers must enrol an authenticator app before using the console.</summary>
    public bool RequireTwoFactorForOrganizers { get; set; } = true;
    /// <summary>Signed out after this long without a request or console activity.</summary>
    public double IdleTimeoutMinutes { get; set; } = 30;
    /// <summary>Signed out this long after signing in, however active.</summary>
    public double AbsoluteTimeoutHours { get; set; } = 12;
    /// <summary>How long the first-run setup link printed to the server console stays valid.</summary>
    public double SetupLinkHours { get; set; } = 24;
    /// <summary>How long an invitation link stays valid.</summary>
    public double InvitationDays { get; set; } = 7;
    /// <summary>How long a reset link made by an administrator stays valid.</summary>
    public double ResetLinkHours { get; set; } = 24;
    /// <summary>How long a password confirmation allows exports, purges and sharing changes.</summary>
    public double ReauthenticationMinutes { get; set; } = 10;
    /// <summary>Failed sign-ins before the account is locked, and for how long.</summary>
    public int MaxFailedAccessAttempts { get; set; } = 5;
    public double LockoutMinutes { get; set; } = 15;
    /// <summary>
    /// Public address every printed or copied link starts with (setup, survey, invitation and reset links, code cards and
    /// their QR codes, reports); empty = the address the browser used, or at start-up the address the server listens on.
    /// </summary>
    public string PublicUrl { get; set; } = "";
}
