using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class ApiKeyConfiguration : IEntityTypeConfiguration<ApiKey>
{
    public void Configure(EntityTypeBuilder<ApiKey> builder)
    {
        builder.UserIdColumn(k => k.OwnerId);
        builder.Property(k => k.Name).HasMaxLength(100);
        builder.Property(k => k.Prefix).HasMaxLength(16);
        builder.Sha256HexColumn(k => k.Hash);
        builder.Property(k => k.Scopes).HasConversion<int>();
        builder.Ignore(k => k.IsActive);
        // Every API request looks its key up by hash.
        builder.HasIndex(k => k.Hash).IsUnique();
        builder.HasIndex(k => k.OwnerId);
        builder.Property(k => k.FormToken).HasMaxLength(ApiKey.FormTokenLength);
        // What makes a resent form a no-op. Not the owner's listing too: SQL Server filters out the rows without a token.
        builder.HasIndex(k => new { k.OwnerId, k.FormToken }).IsUnique();
        builder.HasOne<ApplicationUser>().WithMany().HasForeignKey(k => k.OwnerId).OnDelete(DeleteBehavior.Cascade);
    }
}
