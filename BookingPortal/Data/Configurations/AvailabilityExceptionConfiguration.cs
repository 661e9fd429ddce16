using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class AvailabilityExceptionConfiguration : IEntityTypeConfiguration<AvailabilityException>
{
    public void Configure(EntityTypeBuilder<AvailabilityException> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(200);
        // Wall time, not an instant: the model-wide UTC conversion would shift it by the server's own zone. It is
        // stored labelled UTC but never converted (PostgreSQL's timestamptz takes only UTC), and read back as wall time.
        builder.Property(e => e.StartLocal).HasConversion(WallTime);
        builder.Property(e => e.EndLocal).HasConversion(WallTime);
        builder.HasIndex(e => new { e.PractitionerId, e.StartLocal });
        builder.ToTable(table => table.HasCheckConstraint("CK_AvailabilityExceptions_Order", "\"EndLocal\" > \"StartLocal\""));
    }

    private static readonly Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime> WallTime = new(
        toStore => DateTime.SpecifyKind(toStore, DateTimeKind.Utc),
        fromStore => DateTime.SpecifyKind(fromStore, DateTimeKind.Unspecified));
}
