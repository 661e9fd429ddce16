namespace BookingPortal.Features.VideoRooms;

/// <summary>
/// Gives each booking of a video service a room of its own: the configured base URL and a name
/// nobody can guess (160 random bits), so one patient's link never opens another's consultation.
/// </summary>
[SingletonService]
public sealed class VideoRoomLinks(IOptions<VideoRoomOptions> options)
{
    /// <summary>20 random bytes: 160 bits, above the 128 a guess must beat.</summary>
    private const int RoomNameBytes = 20;

    // Lower-case letters and digits only: some video servers fold room names to lower case, which
    // would cost a mixed-case name (base64) a bit in every character.
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary>The new booking's own room link, or null: the service is not a video one, or no base URL is configured (its shared link is shown).</summary>
    public string? NewRoomLinkFor(Service service)
    {
        var settings = options.Value;
        return service.LocationKind == LocationKind.Virtual && settings.HasBaseUrl
            ? $"{settings.BaseUrl!.Trim().TrimEnd('/')}/{NewRoomName()}"
            : null;
    }

    /// <summary>Base32 of 20 random bytes: 32 characters from a URL-safe alphabet.</summary>
    public static string NewRoomName()
    {
        Span<byte> random = stackalloc byte[RoomNameBytes];
        RandomNumberGenerator.Fill(random);
        var name = new char[RoomNameBytes * 8 / 5];
        for (var i = 0; i < name.Length; i++)
        {
            // The i-th group of five bits, read across byte boundaries.
            var bit = i * 5;
            var pair = (random[bit / 8] << 8) | (bit / 8 + 1 < RoomNameBytes ? random[bit / 8 + 1] : 0);
            name[i] = Alphabet[(pair >> (11 - bit % 8)) & 31];
        }

        return new string(name);
    }
}
