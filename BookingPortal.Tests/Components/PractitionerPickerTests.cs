using BookingPortal.Features.Booking.Components;

namespace BookingPortal.Tests.Components;

public class PractitionerPickerTests : BookingComponentsTestContext
{
    private readonly IReadOnlyList<PractitionerProfile> practitioners =
    [
        new(1, "Dr. Ana Bell", "Cardiologist", ["en", "es"], "/images/ana.jpg"),
        new(2, "Dr. Omar Díaz", "", [], "https://photos.example/omar.jpg"),
    ];

    [Fact]
    public void Any_available_comes_first_and_is_chosen_by_default()
    {
        var picker = Render<PractitionerPicker>(p => p.Add(x => x.Practitioners, practitioners));

        var options = picker.FindAll("button.practitioner-option");
        options.Should().HaveCount(3);
        options[0].TextContent.Should().Contain("Any available");
        options.Select(o => o.GetAttribute("aria-pressed")).Should().Equal("true", "false", "false");
    }

    [Fact]
    public void Each_practitioner_shows_name_title_languages_and_a_photo_from_the_site_or_initials()
    {
        var picker = Render<PractitionerPicker>(p => p.Add(x => x.Practitioners, practitioners).Add(x => x.Selected, 2));

        var ana = picker.Find("[data-testid=practitioner-1]");
        ana.TextContent.Should().Contain("Dr. Ana Bell").And.Contain("Cardiologist").And.Contain("Speaks English, español");
        ana.QuerySelector("img")!.GetAttribute("src").Should().Be("/images/ana.jpg");
        var omar = picker.Find("[data-testid=practitioner-2]");
        omar.QuerySelector("img").Should().BeNull("the content security policy would block a photo from another site");
        omar.TextContent.Should().Contain("OD").And.NotContain("Speaks");
        omar.GetAttribute("aria-pressed").Should().Be("true");
    }

    [Fact]
    public void Clicking_a_practitioner_or_any_available_reports_the_choice()
    {
        var chosen = new List<int?>();
        var picker = Render<PractitionerPicker>(p => p.Add(x => x.Practitioners, practitioners).Add(x => x.Selected, 1)
            .Add(x => x.SelectedChanged, (int? id) => chosen.Add(id)));

        picker.Find("[data-testid=practitioner-2]").Click();
        picker.Find("[data-testid=practitioner-any]").Click();

        chosen.Should().Equal(2, null);
    }
}
