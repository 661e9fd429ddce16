using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class ReleaseOpeningConfiguration : IEntityTypeConfiguration<ReleaseOpening>
{
    public void Configure(EntityTypeBuilder<ReleaseOpening> builder)
    {
        builder.Property(o => o.Seed).HasMaxLength(64);
        // Two instances creating the same opening agree on one row.
        builder.HasIndex(o => new { o.ReleaseId, o.OpensAtUtc }).IsUnique();
        builder.HasOne<Release>().WithMany().HasForeignKey(o => o.ReleaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
