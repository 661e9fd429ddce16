using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.Property(m => m.EventKey).HasMaxLength(200);
        builder.Property(m => m.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(m => m.Channel).HasConversion<string>().HasMaxLength(8);
        builder.Property(m => m.Status).HasConversion<string>().HasMaxLength(16);
        builder.UserIdColumn(m => m.CustomerId);
        builder.Property(m => m.Recipient).HasMaxLength(256);
        builder.Property(m => m.Subject).HasMaxLength(OutboxMessage.MaxSubjectLength);
        builder.Property(m => m.AttachmentFileName).HasMaxLength(100);
        builder.Property(m => m.AttachmentContentType).HasMaxLength(100);
        builder.Property(m => m.ProviderMessageId).HasMaxLength(200);
        builder.Property(m => m.LastError).HasMaxLength(2000);
        // A cause that runs twice (a replayed webhook, a job run twice) cannot queue the message twice.
        builder.HasIndex(m => new { m.EventKey, m.Channel }).IsUnique();
        // The dispatcher's question: what is due now, oldest first.
        builder.HasIndex(m => new { m.Status, m.NextAttemptAtUtc });
        builder.HasIndex(m => m.BookingId);
        builder.ToTable(t => t.HasCheckConstraint("CK_OutboxMessages_Attempts", "\"Attempts\" >= 0"));
        builder.HasMany<DeliveryAttempt>().WithOne().HasForeignKey(a => a.OutboxMessageId).OnDelete(DeleteBehavior.Cascade);
    }
}
