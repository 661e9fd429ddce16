using Microsoft.Extensions.Options;

namespace BookingPortal.Features.VideoRooms;

public static class VideoRoomsServiceCollectionExtensions
{
    /// <summary>A room per video booking when "Video:BaseUrl" is set (checked at start-up).</summary>
    public static IServiceCollection AddVideoRooms(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VideoRoomOptions>().Bind(configuration.GetSection(VideoRoomOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<VideoRoomOptions>, VideoRoomOptionsValidator>();
        services.AddSingleton<VideoRoomLinks>();
        return services;
    }
}
