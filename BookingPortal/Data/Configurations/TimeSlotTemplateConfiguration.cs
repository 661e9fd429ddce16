using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class TimeSlotTemplateConfiguration : IEntityTypeConfiguration<TimeSlotTemplate>
{
    public void Configure(EntityTypeBuilder<TimeSlotTemplate> builder)
    {
        builder.HasIndex(t => new { t.ServiceId, t.Start });
        builder.ToTable(table =>
        {
            table.HasCheckConstraint("CK_TimeSlotTemplates_Capacity", "\"Capacity\" >= 1");
            table.HasCheckConstraint("CK_TimeSlotTemplates_Order", "\"End\" > \"Start\"");
        });
    }
}
