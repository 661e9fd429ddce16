using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class RefundRequestConfiguration : IEntityTypeConfiguration<RefundRequest>
{
    public void Configure(EntityTypeBuilder<RefundRequest> builder)
    {
        builder.CurrencyCodeColumn(r => r.Currency);
        builder.Property(r => r.PaymentReference).HasMaxLength(100);
        builder.Property(r => r.Reason).HasMaxLength(300);
        builder.Property(r => r.IdempotencyKey).HasMaxLength(100);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.ProviderRefundId).HasMaxLength(200);
        builder.Property(r => r.LastError).HasMaxLength(2000);
        // Two writers that counted the same refunds cannot both queue one under the same key.
        builder.HasIndex(r => r.IdempotencyKey).IsUnique();
        // The dispatcher's question: what is due now, oldest first.
        builder.HasIndex(r => new { r.Status, r.NextAttemptAtUtc });
        builder.HasIndex(r => r.BookingId);
        // A provider's later news of a refund (it failed after all) names the refund by the provider's id.
        builder.HasIndex(r => r.ProviderRefundId);
        builder.HasOne<Booking>().WithMany().HasForeignKey(r => r.BookingId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(table =>
        {
            table.HasCheckConstraint("CK_RefundRequests_Amount", "\"Amount\" > 0");
            table.HasCheckConstraint("CK_RefundRequests_Attempts", "\"Attempts\" >= 0");
        });
    }
}
