using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class ServiceConfiguration : IEntityTypeConfiguration<Service>
{
    public void Configure(EntityTypeBuilder<Service> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(120);
        builder.Property(s => s.Description).HasMaxLength(2000);
        builder.CurrencyCodeColumn(s => s.Currency);
        builder.Property(s => s.LocationKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Address).HasMaxLength(400);
        builder.Property(s => s.VideoLink).HasMaxLength(400);
        builder.Property(s => s.TimeZoneId).HasMaxLength(64);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasMany(s => s.TimeSlots).WithOne().HasForeignKey(t => t.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.Ignore(s => s.TimeZone);
        builder.Ignore(s => s.DepositDueNow);
        builder.Ignore(s => s.GapBetweenSlots);
        builder.Ignore(s => s.EditedFrom);

        builder.ToTable(table =>
        {
            table.HasCheckConstraint("CK_Services_Duration", "\"DurationMinutes\" > 0");
            table.HasCheckConstraint("CK_Services_Price", "\"Price\" >= 0");
            table.HasCheckConstraint("CK_Services_Deposit", "\"DepositAmount\" >= 0");
            table.HasCheckConstraint("CK_Services_AdvanceWindow", "\"MinAdvanceBookingHours\" >= 0 AND \"MaxAdvanceBookingDays\" > 0");
            table.HasCheckConstraint("CK_Services_MaxActive", "\"MaxActiveBookingsPerCustomer\" >= 1");
            table.HasCheckConstraint("CK_Services_Buffers", "\"BufferBeforeMinutes\" >= 0 AND \"BufferAfterMinutes\" >= 0");
            table.HasCheckConstraint("CK_Services_SeatsPerPractitioner", "\"SeatsPerPractitioner\" >= 1");
        });
    }
}
