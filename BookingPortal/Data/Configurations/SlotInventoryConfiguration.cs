using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class SlotInventoryConfiguration : IEntityTypeConfiguration<SlotInventory>
{
    public void Configure(EntityTypeBuilder<SlotInventory> builder)
    {
        // One counter per concrete slot: the unique index makes concurrent first bookings
        // agree on a single row instead of each creating its own.
        builder.HasIndex(s => new { s.ServiceId, s.StartUtc }).IsUnique();
        builder.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(s => s.Remaining);
        builder.ToTable(table =>
        {
            // The database itself refuses an overbooked or negative counter, whatever the code does.
            table.HasCheckConstraint("CK_SlotInventories_Booked", "\"Booked\" >= 0 AND \"Booked\" <= \"Capacity\"");
            table.HasCheckConstraint("CK_SlotInventories_Capacity", "\"Capacity\" >= 0");
        });
    }
}
