using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class AttemptCounterConfiguration : IEntityTypeConfiguration<AttemptCounter>
{
    public void Configure(EntityTypeBuilder<AttemptCounter> builder)
    {
        // The upsert's conflict target: one row per key and window.
        builder.HasKey(c => new { c.Key, c.WindowStart });
        builder.Sha256HexColumn(c => c.Key);
        builder.HasIndex(c => c.WindowEnds);
    }
}
