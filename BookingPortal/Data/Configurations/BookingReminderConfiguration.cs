using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class BookingReminderConfiguration : IEntityTypeConfiguration<BookingReminder>
{
    public void Configure(EntityTypeBuilder<BookingReminder> builder)
    {
        // The exactly-once guarantee: a second claim of the same reminder for the same start is refused.
        builder.HasIndex(r => new { r.BookingId, r.MinutesBefore, r.AppointmentStartUtc }).IsUnique();
        builder.HasOne<Booking>().WithMany().HasForeignKey(r => r.BookingId).OnDelete(DeleteBehavior.Cascade);
    }
}
