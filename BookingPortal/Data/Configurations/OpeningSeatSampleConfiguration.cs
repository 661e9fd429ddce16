using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class OpeningSeatSampleConfiguration : IEntityTypeConfiguration<OpeningSeatSample>
{
    public void Configure(EntityTypeBuilder<OpeningSeatSample> builder)
    {
        builder.HasIndex(s => new { s.OpeningId, s.AtUtc });
        builder.HasOne<ReleaseOpening>().WithMany().HasForeignKey(s => s.OpeningId).OnDelete(DeleteBehavior.Cascade);
    }
}
