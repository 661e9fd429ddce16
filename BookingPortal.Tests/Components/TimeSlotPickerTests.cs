using BookingPortal.Features.Booking.Components;

namespace BookingPortal.Tests.Components;

public class TimeSlotPickerTests : BookingComponentsTestContext
{
    private readonly IReadOnlyList<SlotAvailability> slots = [Slot(4, 9, remaining: 0), Slot(4, 10, remaining: 1), Slot(4, 14, remaining: 5)];

    [Fact]
    public void A_full_slot_is_struck_through_disabled_and_says_full()
    {
        var picker = Render<TimeSlotPicker>(p => p.Add(x => x.Slots, slots).Add(x => x.TimeZoneId, "America/New_York"));

        var full = picker.FindAll("button.slot-button").Single(b => b.TextContent.Contains("9:00 AM"));
        full.ClassList.Should().Contain("slot-full");
        full.HasAttribute("disabled").Should().BeTrue();
        full.TextContent.Should().Contain("Full");

        var open = picker.FindAll("button.slot-button").Where(b => !b.HasAttribute("disabled")).Select(b => b.TextContent).ToList();
        open.Should().HaveCount(2);
        open.Should().Contain(t => t.Contains("10:00 AM") && t.Contains("1 seat left"));
        open.Should().Contain(t => t.Contains("2:00 PM") && t.Contains("5 seats left"));
    }

    [Fact]
    public void Slots_are_grouped_into_morning_and_afternoon_and_the_zone_is_named()
    {
        var picker = Render<TimeSlotPicker>(p => p.Add(x => x.Slots, slots).Add(x => x.TimeZoneId, "America/New_York"));

        picker.FindAll("h3").Select(h => h.TextContent).Should().Equal("Morning", "Afternoon");
        picker.Markup.Should().Contain("New York time (America/New_York)");
    }

    [Fact]
    public void Clicking_an_open_slot_selects_it()
    {
        SlotAvailability? selected = null;
        var picker = Render<TimeSlotPicker>(p => p
            .Add(x => x.Slots, slots)
            .Add(x => x.TimeZoneId, "America/New_York")
            .Add(x => x.SelectedChanged, (SlotAvailability s) => selected = s));

        picker.FindAll("button.slot-button").Single(b => b.TextContent.Contains("2:00 PM")).Click();

        selected.Should().Be(slots[2]);
    }
}
