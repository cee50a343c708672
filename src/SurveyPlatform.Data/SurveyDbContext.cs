using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data;

/// <summary>The platform's database: Identity accounts, surveys, runs and responses.</summary>
public class SurveyDbContext(DbContextOptions<SurveyDbContext> options) : IdentityDbContext<AppUser>(options)
{
    public DbSet<SurveyVersion> SurveyVersions => Set<SurveyVersion>();
    public DbSet<SurveyRun> Runs => Set<SurveyRun>();
    public DbSet<Response> Responses => Set<Response>();
    public DbSet<SubmissionReceipt> SubmissionReceipts => Set<SubmissionReceipt>();
    public DbSet<Organization> Organizations => Set<Organization>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<RunShare> RunShares => Set<RunShare>();
    public DbSet<RunCode> RunCodes => Set<RunCode>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<ConsoleSession> ConsoleSessions => Set<ConsoleSession>();
    public DbSet<UsedAuthenticatorCode> UsedAuthenticatorCodes => Set<UsedAuthenticatorCode>();
    public DbSet<RunRelease> Releases => Set<RunRelease>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SurveyDbContext).Assembly);
    }
}
