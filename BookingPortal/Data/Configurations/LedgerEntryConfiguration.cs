using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.CurrencyCodeColumn(e => e.Currency);
        builder.Property(e => e.Note).HasMaxLength(LedgerEntry.MaxNoteLength);
        builder.UserIdColumn(e => e.ActorId);
        // With the kind, "was a fee kept on this booking" is answered from the index alone.
        builder.HasIndex(e => new { e.BookingId, e.Kind });
        // Ledger rows are history: deleting a booking must not silently take its money trail with it.
        builder.HasOne<Booking>().WithMany().HasForeignKey(e => e.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(table => table.HasCheckConstraint("CK_LedgerEntries_Amount", "\"Amount\" >= 0"));
    }
}
