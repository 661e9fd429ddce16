using BookingPortal.Infrastructure.Hosting;

namespace BookingPortal.Features.VideoRooms;

public static class VideoRoomsServiceCollectionExtensions
{
    /// <summary>A room per video booking when "Video:BaseUrl" is set (checked at start-up).</summary>
    public static IServiceCollection AddVideoRooms(this IServiceCollection services, IConfiguration configuration) =>
        services.AddValidatedOptions<VideoRoomOptions, VideoRoomOptionsValidator>(configuration, VideoRoomOptions.SectionName)
            .AddDeclaredServices(typeof(VideoRoomsServiceCollectionExtensions));
}
