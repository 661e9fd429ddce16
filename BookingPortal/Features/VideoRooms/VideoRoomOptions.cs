namespace BookingPortal.Features.VideoRooms;

/// <summary>
/// Bound from the "Video" section. With a base URL (a Jitsi server, say) every booking of a video
/// service gets a room of its own under it; without one, the service's shared video link is kept.
/// </summary>
public sealed class VideoRoomOptions
{
    public const string SectionName = "Video";

    /// <summary>Longest base URL taken: the booking's column holds it and the room name.</summary>
    public const int MaxBaseUrlLength = 300;

    /// <summary>For example https://meet.jit.si; empty (the default) keeps each service's shared link.</summary>
    public string? BaseUrl { get; set; }

    public bool HasBaseUrl => !string.IsNullOrWhiteSpace(BaseUrl);
}

internal sealed class VideoRoomOptionsValidator : IValidateOptions<VideoRoomOptions>
{
    public ValidateOptionsResult Validate(string? name, VideoRoomOptions options)
    {
        if (!options.HasBaseUrl)
        {
            return ValidateOptionsResult.Success;
        }

        var text = options.BaseUrl!.Trim();
        var wellFormed = Uri.TryCreate(text, UriKind.Absolute, out var url)
            && url.Scheme == Uri.UriSchemeHttps && url.Query.Length == 0 && url.Fragment.Length == 0 && url.UserInfo.Length == 0;
        if (!wellFormed)
        {
            return ValidateOptionsResult.Fail(
                $"'{VideoRoomOptions.SectionName}:BaseUrl' must be an absolute https:// address without a query or fragment, such as https://meet.jit.si (was '{text}').");
        }

        return text.Length > VideoRoomOptions.MaxBaseUrlLength
            ? ValidateOptionsResult.Fail($"'{VideoRoomOptions.SectionName}:BaseUrl' must be at most {VideoRoomOptions.MaxBaseUrlLength} characters (was {text.Length}).")
            : ValidateOptionsResult.Success;
    }
}
