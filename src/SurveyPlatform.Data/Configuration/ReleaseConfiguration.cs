using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data.Configuration;

internal sealed class RunReleaseConfiguration : IEntityTypeConfiguration<RunRelease>
{
    public void Configure(EntityTypeBuilder<RunRelease> e)
    {
        e.ToTable("Releases");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.InputSha256).HasMaxLength(64);
        e.HasIndex(x => x.RunId);
        e.HasOne<SurveyRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
