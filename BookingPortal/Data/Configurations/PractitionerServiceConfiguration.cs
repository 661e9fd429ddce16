using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class PractitionerServiceConfiguration : IEntityTypeConfiguration<PractitionerService>
{
    public void Configure(EntityTypeBuilder<PractitionerService> builder)
    {
        builder.HasKey(s => new { s.PractitionerId, s.ServiceId });
        // Availability asks "who performs this service".
        builder.HasIndex(s => s.ServiceId);
        builder.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
    }
}
