using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class ReleaseConfiguration : IEntityTypeConfiguration<Release>
{
    public void Configure(EntityTypeBuilder<Release> builder)
    {
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.FairnessMode).HasConversion<string>().HasMaxLength(16);
        // One release per service: the service's waiting room has one set of rules.
        builder.HasIndex(r => r.ServiceId).IsUnique();
        builder.HasOne<Service>().WithMany().HasForeignKey(r => r.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Audience>().WithMany().HasForeignKey(r => r.EarlyAccessAudienceId).OnDelete(DeleteBehavior.SetNull);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Releases_Queue", "\"AdmissionWindowSeconds\" > 0 AND \"MaxConcurrentAdmissions\" > 0 AND \"AdmissionRatePerMinute\" > 0 AND \"EarlyAccessMinutes\" >= 0");
        });
    }
}
