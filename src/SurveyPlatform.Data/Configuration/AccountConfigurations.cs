using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data.Configuration;

internal sealed class OrganizationConfiguration : IEntityTypeConfiguration<Organization>
{
    public void Configure(EntityTypeBuilder<Organization> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Name).HasMaxLength(200);
        e.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> e)
    {
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.UserId, x.OrganizationId }).IsUnique();
        e.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Organization).WithMany(o => o.Members).HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunShareConfiguration : IEntityTypeConfiguration<RunShare>
{
    public void Configure(EntityTypeBuilder<RunShare> e)
    {
        e.HasKey(x => new { x.RunId, x.OrganizationId });
        e.HasOne<SurveyRun>().WithMany(r => r.Shares).HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RunCodeConfiguration : IEntityTypeConfiguration<RunCode>
{
    public void Configure(EntityTypeBuilder<RunCode> e)
    {
        e.HasKey(x => x.CodeHash);
        e.Property(x => x.CodeHash).HasMaxLength(32);
        e.HasIndex(x => x.RunId);
        e.HasOne<SurveyRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.TokenHash).HasMaxLength(32);
        e.HasIndex(x => x.TokenHash).IsUnique();
        e.Property(x => x.Email).HasMaxLength(256);
        e.Property(x => x.CreatedByUserId).HasMaxLength(450);
        e.HasOne(x => x.Organization).WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.Property(x => x.UserName).HasMaxLength(256);
        e.Property(x => x.Action).HasMaxLength(50);
        e.Property(x => x.Target).HasMaxLength(300);
        e.Property(x => x.Detail).HasMaxLength(2000);
        e.HasIndex(x => x.At);
        // An organization's history outlives nothing it refers to: organizations are never deleted while they have
        // audit events (the database refuses), so an event always names the organization it was about.
        e.HasOne<Organization>().WithMany().HasForeignKey(x => x.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsoleSessionConfiguration : IEntityTypeConfiguration<ConsoleSession>
{
    public void Configure(EntityTypeBuilder<ConsoleSession> e)
    {
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(32);
        e.Property(x => x.UserId).HasMaxLength(450);
        e.HasIndex(x => x.UserId);
        e.HasIndex(x => x.StartedAt);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UsedAuthenticatorCodeConfiguration : IEntityTypeConfiguration<UsedAuthenticatorCode>
{
    public void Configure(EntityTypeBuilder<UsedAuthenticatorCode> e)
    {
        e.HasKey(x => new { x.UserId, x.TimeStep });
        e.Property(x => x.UserId).HasMaxLength(450);
        e.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
