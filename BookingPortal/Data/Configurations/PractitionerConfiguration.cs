using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class PractitionerConfiguration : IEntityTypeConfiguration<Practitioner>
{
    public void Configure(EntityTypeBuilder<Practitioner> builder)
    {
        builder.UserIdColumn(p => p.UserId);
        builder.Property(p => p.DisplayName).HasMaxLength(120);
        builder.Property(p => p.Title).HasMaxLength(120);
        builder.Property(p => p.Bio).HasMaxLength(2000);
        builder.Property(p => p.Languages).HasMaxLength(100);
        builder.Property(p => p.PhotoUrl).HasMaxLength(400);
        builder.Property(p => p.CalendarFeedTokenHash).HasMaxLength(64);
        builder.Property(p => p.ExternalBusyFeedUrl).HasMaxLength(1000);
        builder.Ignore(p => p.LanguageCodes);
        builder.HasIndex(p => p.UserId);
        // The private feed is found by its token's hash.
        builder.HasIndex(p => p.CalendarFeedTokenHash).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(p => p.UserId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(p => p.Services).WithOne().HasForeignKey(s => s.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Hours).WithOne().HasForeignKey(h => h.PractitionerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(p => p.Exceptions).WithOne().HasForeignKey(e => e.PractitionerId).OnDelete(DeleteBehavior.Cascade);
    }
}
