using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class PractitionerBusyPeriodConfiguration : IEntityTypeConfiguration<PractitionerBusyPeriod>
{
    public void Configure(EntityTypeBuilder<PractitionerBusyPeriod> builder)
    {
        builder.Property(p => p.Source).HasMaxLength(200);
        builder.HasIndex(p => new { p.PractitionerId, p.StartUtc });
        builder.HasOne<Practitioner>().WithMany().HasForeignKey(p => p.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.ToTable(table => table.HasCheckConstraint("CK_PractitionerBusyPeriods_Order", "\"EndUtc\" > \"StartUtc\""));
    }
}
