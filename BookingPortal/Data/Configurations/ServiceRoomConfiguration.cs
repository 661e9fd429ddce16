using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

public sealed class ServiceRoomConfiguration : IEntityTypeConfiguration<ServiceRoom>
{
    public void Configure(EntityTypeBuilder<ServiceRoom> builder)
    {
        builder.HasKey(s => new { s.ServiceId, s.RoomId });
        builder.HasIndex(s => s.RoomId);
        builder.HasOne<Service>().WithMany().HasForeignKey(s => s.ServiceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Room>().WithMany().HasForeignKey(s => s.RoomId).OnDelete(DeleteBehavior.Cascade);
    }
}
