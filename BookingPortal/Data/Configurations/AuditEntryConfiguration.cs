using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.UserIdColumn(a => a.ActorId);
        builder.Property(a => a.ActorName).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Subject).HasMaxLength(256);
        builder.Property(a => a.Details).HasMaxLength(4000);
        builder.HasIndex(a => a.AtUtc);
        builder.HasIndex(a => new { a.Subject, a.AtUtc });
    }
}
