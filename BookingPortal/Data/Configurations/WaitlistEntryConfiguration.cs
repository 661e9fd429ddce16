using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class WaitlistEntryConfiguration : IEntityTypeConfiguration<WaitlistEntry>
{
    public void Configure(EntityTypeBuilder<WaitlistEntry> builder)
    {
        builder.UserIdColumn(e => e.CustomerId);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        // First come, first served: the queue for a service and date is read in this order.
        builder.HasIndex(e => new { e.ServiceId, e.LocalDate, e.Status, e.CreatedAtUtc });
        builder.HasIndex(e => new { e.Status, e.OfferExpiresAtUtc });
        builder.HasIndex(e => e.CustomerId);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Service>().WithMany().HasForeignKey(e => e.ServiceId).OnDelete(DeleteBehavior.Restrict);
    }
}
