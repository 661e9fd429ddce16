using BookingPortal.Features.VideoRooms;

namespace BookingPortal.Tests.Unit.Features.VideoRooms;

public class VideoRoomLinksTests
{
    private static readonly Service VideoService = new() { Name = "Video", TimeZoneId = "UTC", LocationKind = LocationKind.Virtual, VideoLink = "https://meet.example/shared" };

    [Fact]
    public void Room_names_are_32_lower_case_letters_and_digits_and_never_repeat()
    {
        var names = Enumerable.Range(0, 2000).Select(_ => VideoRoomLinks.NewRoomName()).ToList();

        names.Should().AllSatisfy(n => n.Should().MatchRegex("^[a-z2-7]{32}$"));
        names.Distinct().Should().HaveCount(names.Count);
        // 160 random bits spread over every position: each of the 32 letters shows up at the last one.
        names.Select(n => n[^1]).Distinct().Should().HaveCount(32);
    }

    [Theory]
    [InlineData("https://meet.jit.si", "https://meet.jit.si/")]
    [InlineData("https://video.clinic.example/rooms/", "https://video.clinic.example/rooms/")]
    public void A_video_service_gets_a_room_under_the_base_url(string baseUrl, string expectedPrefix)
    {
        var link = Links(baseUrl).NewRoomLinkFor(VideoService);

        link.Should().StartWith(expectedPrefix);
        link![expectedPrefix.Length..].Should().HaveLength(32).And.NotContain("/");
        Uri.IsWellFormedUriString(link, UriKind.Absolute).Should().BeTrue();
    }

    [Fact]
    public void Without_a_base_url_or_for_an_in_person_service_there_is_no_room_of_its_own()
    {
        var inPerson = new Service { Name = "Clinic", TimeZoneId = "UTC", LocationKind = LocationKind.InPerson, Address = "1 Main St" };

        Links(null).NewRoomLinkFor(VideoService).Should().BeNull();
        Links("  ").NewRoomLinkFor(VideoService).Should().BeNull();
        Links("https://meet.jit.si").NewRoomLinkFor(inPerson).Should().BeNull();
    }

    [Theory]
    [InlineData("meet.jit.si")]
    [InlineData("http://meet.jit.si")]
    [InlineData("https://meet.jit.si/?room=1")]
    [InlineData("https://meet.jit.si/#x")]
    public void A_bad_base_url_is_refused_naming_the_key(string baseUrl)
    {
        var result = new VideoRoomOptionsValidator().Validate(null, new VideoRoomOptions { BaseUrl = baseUrl });

        result.Failed.Should().BeTrue();
        result.FailureMessage.Should().Contain("'Video:BaseUrl'").And.Contain(baseUrl);
    }

    [Fact]
    public void No_base_url_and_a_good_one_are_accepted_and_an_overlong_one_is_not()
    {
        var validator = new VideoRoomOptionsValidator();

        validator.Validate(null, new VideoRoomOptions()).Succeeded.Should().BeTrue();
        validator.Validate(null, new VideoRoomOptions { BaseUrl = "https://meet.jit.si" }).Succeeded.Should().BeTrue();
        validator.Validate(null, new VideoRoomOptions { BaseUrl = "https://meet.jit.si/" + new string('a', 300) }).FailureMessage
            .Should().Contain("'Video:BaseUrl'").And.Contain("300");
    }

    private static VideoRoomLinks Links(string? baseUrl) => new(Options.Create(new VideoRoomOptions { BaseUrl = baseUrl }));
}
