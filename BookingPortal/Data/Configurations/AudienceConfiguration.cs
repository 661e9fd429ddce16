using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class AudienceConfiguration : IEntityTypeConfiguration<Audience>
{
    public void Configure(EntityTypeBuilder<Audience> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(64);
        builder.HasIndex(a => a.Name).IsUnique();
        builder.HasMany<AudienceMember>().WithOne().HasForeignKey(m => m.AudienceId).OnDelete(DeleteBehavior.Cascade);
    }
}
