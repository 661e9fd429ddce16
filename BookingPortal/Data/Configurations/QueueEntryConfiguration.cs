using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class QueueEntryConfiguration : IEntityTypeConfiguration<QueueEntry>
{
    public void Configure(EntityTypeBuilder<QueueEntry> builder)
    {
        builder.UserIdColumn(e => e.CustomerId);
        builder.Property(e => e.VisitorKey).HasMaxLength(64);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ProofChallenge).HasMaxLength(64);
        builder.Property(e => e.JoinNetwork).HasMaxLength(32);
        builder.HasIndex(e => new { e.OpeningId, e.JoinNetwork });
        // One entry per customer per opening, in any number of tabs.
        builder.HasIndex(e => new { e.OpeningId, e.CustomerId }).IsUnique();
        // One place per visitor per opening too; led by the key so a sign-in finds the visitor's places.
        builder.HasIndex(e => new { e.VisitorKey, e.OpeningId }).IsUnique();
        builder.ToTable(t => t.HasCheckConstraint("CK_QueueEntries_Owner", "\"CustomerId\" IS NOT NULL OR \"VisitorKey\" IS NOT NULL"));
        // Places are unique within an opening (null until drawn).
        builder.HasIndex(e => new { e.OpeningId, e.Sequence }).IsUnique();
        builder.HasIndex(e => new { e.OpeningId, e.Status, e.Sequence });
        builder.HasOne<ReleaseOpening>().WithMany().HasForeignKey(e => e.OpeningId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(e => e.CustomerId).OnDelete(DeleteBehavior.Cascade);
    }
}
