namespace SurveyPlatform.Data.Entities;

public enum OrganizationKind { Community = 0, PoliceDepartment = 1, Advocacy = 2 }

/// <summary>A community group, a police department or an advocacy organization using the console.</summary>
public class Organization
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string Name { get; set; } = "";
    public OrganizationKind Kind { get; set; }
    public List<Membership> Members { get; set; } = [];
}

/// <summary>Roles are scoped to an organization; the platform administrator is an Identity role instead.</summary>
public enum OrganizationRole { Organizer = 0, PoliceReviewer = 1, Advocate = 2 }

public class Membership
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public string UserId { get; set; } = "";
    public AppUser? User { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public OrganizationRole Role { get; set; }
}

/// <summary>A run's aggregates shared with a police department or advocacy organization.</summary>
public class RunShare
{
    public Guid RunId { get; set; }
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
}

/// <summary>
/// A one-time code for runs in one-time-code mode (anonymity.md rule 5): only a keyed hash is stored,
/// with a used flag; no id, no time and nothing else that could tie it to the response it admitted.
/// </summary>
public class RunCode
{
    public byte[] CodeHash { get; set; } = [];
    public Guid RunId { get; set; }
    public bool Used { get; set; }
}

/// <summary>An invitation link to join an organization with a role; only the token's hash is stored.</summary>
public class Invitation
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public byte[] TokenHash { get; set; } = [];
    public Guid OrganizationId { get; set; }
    public Organization? Organization { get; set; }
    public OrganizationRole Role { get; set; }
    public string? Email { get; set; }
    public string CreatedByUserId { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
}

/// <summary>What organizers and administrators did (login, export, share, purge, role change). Never respondents.</summary>
public class AuditEvent
{
    public Guid Id { get; set; } = Guid.NewGuid();
    public DateTimeOffset At { get; set; }
    public string? UserId { get; set; }
    public string? UserName { get; set; }
    public string Action { get; set; } = "";
    public Guid? OrganizationId { get; set; }
    public string? Target { get; set; }
    public string? Detail { get; set; }
}
