using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class MessageTemplateConfiguration : IEntityTypeConfiguration<MessageTemplate>
{
    public void Configure(EntityTypeBuilder<MessageTemplate> builder)
    {
        builder.Property(t => t.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(t => t.Language).HasMaxLength(8);
        builder.Property(t => t.Subject).HasMaxLength(300);
        builder.Property(t => t.Sms).HasMaxLength(1600);
        builder.UserIdColumn(t => t.CreatedById);
        // Two staff saving at once: the second save of the same version number is refused, not lost silently.
        builder.HasIndex(t => new { t.Kind, t.Language, t.Version }).IsUnique();
    }
}
