using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class WebhookEndpointConfiguration : IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<WebhookEndpoint> builder)
    {
        builder.Property(e => e.Url).HasMaxLength(256);
        // Encrypted (WebhookSecrets): a 54-character secret takes about 200.
        builder.Property(e => e.Secret).HasMaxLength(400);
        builder.Property(e => e.EventTypes).HasMaxLength(400);
        builder.Property(e => e.Description).HasMaxLength(200);
        builder.UserIdColumn(e => e.CreatedById);
        builder.Ignore(e => e.Events);
        builder.HasMany<OutboxMessage>().WithOne().HasForeignKey(m => m.WebhookEndpointId).OnDelete(DeleteBehavior.Cascade);
    }
}
