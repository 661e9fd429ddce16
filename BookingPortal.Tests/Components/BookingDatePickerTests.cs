using BookingPortal.Features.Booking.Components;

namespace BookingPortal.Tests.Components;

public class BookingDatePickerTests : BookingComponentsTestContext
{
    private static readonly BookingCalendar Calendar = new(
        new DateOnly(2026, 3, 3),
        new DateOnly(2026, 3, 20),
        new HashSet<DateOnly> { new(2026, 3, 4), new(2026, 3, 5), new(2026, 3, 6), new(2026, 3, 20) },
        new HashSet<DateOnly> { new(2026, 3, 4), new(2026, 3, 6), new(2026, 3, 20) });

    [Fact]
    public void Only_days_inside_the_window_with_slots_can_be_clicked_and_full_days_are_struck_through()
    {
        var picker = Render<BookingDatePicker>(p => p
            .Add(x => x.Calendar, Calendar)
            .Add(x => x.Value, new DateOnly(2026, 3, 4)));

        var days = picker.FindAll("button.mud-picker-calendar-day")
            .Where(b => !b.ClassList.Contains("mud-hidden"))
            .ToDictionary(b => int.Parse(b.TextContent.Trim()), b => !b.HasAttribute("disabled"));

        days.Where(d => d.Value).Select(d => d.Key).Should().BeEquivalentTo([4, 5, 6, 20]);
        days[2].Should().BeFalse("2 March is before the booking window");
        days[7].Should().BeFalse("7 March has no slots");
        days[21].Should().BeFalse("21 March is after the booking window");
        picker.FindAll("button.mud-picker-calendar-day.fully-booked").Select(b => b.TextContent.Trim()).Should().Equal("5");
    }

    [Fact]
    public void Picking_a_day_reports_it_and_keeps_it_selected()
    {
        var picks = new List<DateOnly?>();
        var picker = Render<BookingDatePicker>(p => p
            .Add(x => x.Calendar, Calendar)
            .Add(x => x.Value, new DateOnly(2026, 3, 4))
            .Add(x => x.ValueChanged, (DateOnly? d) => picks.Add(d)));

        picker.FindAll("button.mud-picker-calendar-day").First(b => b.TextContent.Trim() == "6" && !b.ClassList.Contains("mud-hidden")).Click();

        picks.Should().Equal(new DateOnly(2026, 3, 6));
        picker.FindAll("button.mud-picker-calendar-day.mud-selected").Single().TextContent.Trim().Should().Be("6");
    }
}
