using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class BookingConfiguration : IEntityTypeConfiguration<Booking>
{
    public void Configure(EntityTypeBuilder<Booking> builder)
    {
        builder.Property(b => b.ConfirmationNumber).HasMaxLength(16);
        builder.UserIdColumn(b => b.CustomerId);
        builder.Property(b => b.Status).HasConversion<string>().HasMaxLength(20);
        builder.CurrencyCodeColumn(b => b.Currency);
        builder.Property(b => b.IdempotencyKey).HasMaxLength(100);
        builder.Property(b => b.RequestFingerprint).HasMaxLength(64);
        builder.Property(b => b.CancellationReason).HasMaxLength(500);
        builder.UserIdColumn(b => b.CancelledById);
        builder.Property(b => b.PaymentReference).HasMaxLength(100);
        builder.Property(b => b.CheckoutSessionId).HasMaxLength(255);
        builder.UserIdColumn(b => b.CheckedInById);
        builder.Property(b => b.VideoRoomLink).HasMaxLength(400);
        builder.Property(b => b.PlaceKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(b => b.PlaceAddress).HasMaxLength(400);
        builder.Property(b => b.PlaceVideoLink).HasMaxLength(400);
        ConfigureIndexes(builder);

        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(b => b.CustomerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(b => b.Service).WithMany().HasForeignKey(b => b.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SlotInventory>().WithMany().HasForeignKey(b => b.SlotInventoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Practitioner>().WithMany().HasForeignKey(b => b.PractitionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Room>().WithMany().HasForeignKey(b => b.RoomId).OnDelete(DeleteBehavior.Restrict);

        builder.ToTable(table =>
        {
            table.HasCheckConstraint("CK_Bookings_Amounts", "\"Price\" >= 0 AND \"DepositAmount\" >= 0");
            table.HasCheckConstraint("CK_Bookings_Times", "\"EndUtc\" > \"StartUtc\"");
        });
    }

    private static void ConfigureIndexes(EntityTypeBuilder<Booking> builder)
    {
        // The no-show sweep looks for confirmed bookings whose start has passed.
        builder.HasIndex(b => new { b.Status, b.StartUtc });

        builder.HasIndex(b => b.ConfirmationNumber).IsUnique();
        // A repeated command (double click, retried request) collides here instead of booking twice.
        builder.HasIndex(b => new { b.CustomerId, b.IdempotencyKey }).IsUnique();
        builder.HasIndex(b => new { b.CustomerId, b.ServiceId, b.Status, b.StartUtc });
        // Covering for Insights' counts by slot start, outcome and move (a year of a busy clinic read from the index alone).
        builder.HasIndex(b => new { b.ServiceId, b.StartUtc, b.Status, b.MovedAtUtc });
        // Insights' "cancelled with the fee kept": the cancelled bookings of a service by slot start, with the id the ledger is probed by.
        builder.HasIndex(b => new { b.ServiceId, b.StartUtc, b.Id }, "IX_Bookings_Cancelled_ServiceId_StartUtc").HasFilter("\"Status\" = 'Cancelled'");
        // Bookings made during a release opening, minute by minute.
        builder.HasIndex(b => new { b.ServiceId, b.CreatedAtUtc });
        // A practitioner's and a room's appointments are read by time when checking overlaps.
        builder.HasIndex(b => new { b.PractitionerId, b.StartUtc });
        builder.HasIndex(b => new { b.RoomId, b.StartUtc });
    }
}
