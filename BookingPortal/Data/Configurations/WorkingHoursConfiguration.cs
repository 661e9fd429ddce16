using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class WorkingHoursConfiguration : IEntityTypeConfiguration<WorkingHours>
{
    public void Configure(EntityTypeBuilder<WorkingHours> builder)
    {
        builder.Property(h => h.Day).HasConversion<string>().HasMaxLength(10);
        builder.HasIndex(h => new { h.PractitionerId, h.Day });
        builder.ToTable(table =>
        {
            table.HasCheckConstraint("CK_WorkingHours_Order", "\"End\" > \"Start\"");
            table.HasCheckConstraint("CK_WorkingHours_Validity", "\"ValidFrom\" IS NULL OR \"ValidTo\" IS NULL OR \"ValidTo\" >= \"ValidFrom\"");
        });
    }
}
