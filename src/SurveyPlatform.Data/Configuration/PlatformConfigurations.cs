using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Data.Configuration;

internal sealed class SharedValueConfiguration : IEntityTypeConfiguration<SharedValue>
{
    public void Configure(EntityTypeBuilder<SharedValue> e)
    {
        e.HasKey(x => x.Name);
        e.Property(x => x.Name).HasMaxLength(200);
    }
}
