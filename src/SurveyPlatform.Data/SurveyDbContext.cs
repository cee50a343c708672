using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data;

/// <summary>The platform's database: Identity accounts, surveys, runs and responses, and the data-protection key ring.</summary>
public class SurveyDbContext(DbContextOptions<SurveyDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>
    /// SQL Server compares text ignoring case by default; SQLite and PostgreSQL do not. Every text column on SQL Server
    /// uses this case- and accent-sensitive collation, so that <c>Organizations.Name</c>, run addresses and everything
    /// else unique are unique in the same way on all three databases (docs/architecture.md, "Text comparison"). Keys
    /// (ids made by the platform or by Identity, compared exactly as written) keep the database's own collation.
    /// </summary>
    public const string SqlServerCollation = "Latin1_General_100_CS_AS_SC";

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
    public DbSet<SharedValue> SharedValues => Set<SharedValue>();
    /// <summary>The data-protection key ring of every instance (cookies, anti-forgery, respondent state, sealed secrets).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(SurveyDbContext).Assembly);
        if (Database.IsSqlServer())
        {
            foreach (var property in builder.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
                         .Where(p => p.ClrType == typeof(string) && !p.IsKey() && !p.IsForeignKey()))
            {
                property.SetCollation(SqlServerCollation);
            }
        }
    }
}
