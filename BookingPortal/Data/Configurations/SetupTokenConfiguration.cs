using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class SetupTokenConfiguration : IEntityTypeConfiguration<SetupToken>
{
    public void Configure(EntityTypeBuilder<SetupToken> builder)
    {
        builder.Sha256HexColumn(t => t.Hash);
        builder.HasIndex(t => t.Hash).IsUnique();
    }
}
