using BookingPortal.Infrastructure.Time;

namespace BookingPortal.Tests.Unit.Domain;

/// <summary>Seats of a practitioner-mode slot: free practitioners times seats, clashes across services with both buffers, rooms, "any available".</summary>
public class SlotStaffingTests
{
    private static readonly DateOnly Monday = new(2026, 6, 15);

    private static Service Consultation(int id = 1, int before = 0, int after = 0, int seats = 1) => new()
    {
        Id = id, Name = $"Service {id}", TimeZoneId = "America/New_York", DurationMinutes = 30, BooksPractitioners = true,
        BufferBeforeMinutes = before, BufferAfterMinutes = after, SeatsPerPractitioner = seats,
    };

    private static StaffedPractitioner Working(int id) =>
        new(id, [new WorkingHours { PractitionerId = id, Day = DayOfWeek.Monday, Start = new TimeOnly(9, 0), End = new TimeOnly(17, 0) }], []);

    private static DateTime At(int hour, int minute = 0) =>
        SlotSchedule.ToInstant(Monday.ToDateTime(new TimeOnly(hour, minute)), TimeZoneCache.Find("America/New_York"))!.Value.UtcDateTime;

    private static Appointment Booked(Service service, int practitionerId, int hour, int minute = 0, int? roomId = null) =>
        Appointment.For(service, Guid.NewGuid(), practitionerId, roomId, At(hour, minute), At(hour, minute).AddMinutes(service.DurationMinutes));

    private static SlotStaffing Staffing(Service service, int[] practitioners, Appointment[] booked, int[]? rooms = null, PractitionerBusyPeriod[]? busy = null) =>
        new(service, practitioners.Select(Working), rooms ?? [], booked, busy ?? []);

    [Fact]
    public void Seats_are_the_free_practitioners_times_their_seats_and_none_outside_their_hours()
    {
        var yoga = Consultation(seats: 4);
        var staffing = Staffing(yoga, [1, 2], [Booked(yoga, 1, 10)]);

        staffing.BookableSeats(At(10), At(10, 30)).Should().Be(3 + 4);
        staffing.BookableSeats(At(8), At(8, 30)).Should().Be(0);
        staffing.BookableSeats(At(16, 45), At(17, 15)).Should().Be(0);
    }

    [Fact]
    public void An_appointment_of_another_service_blocks_the_practitioner_with_both_services_buffers()
    {
        var massage = Consultation(id: 1, before: 10);
        var physio = Consultation(id: 2, after: 15);
        var staffing = Staffing(massage, [1], [Booked(physio, 1, 10)]);

        staffing.SeatsLeft(1, At(10, 30), At(11)).Should().Be(0, "15 minutes after physio plus 10 before massage is 25 minutes of gap");
        staffing.SeatsLeft(1, At(10, 50), At(11, 20)).Should().Be(0);
        staffing.SeatsLeft(1, At(10, 55), At(11, 25)).Should().Be(1);
        staffing.SeatsLeft(1, At(9), At(9, 30)).Should().Be(1, "physio's own buffer before is zero and massage's after is zero");
    }

    [Fact]
    public void External_busy_time_blocks_the_practitioner()
    {
        var service = Consultation();
        PractitionerBusyPeriod[] busy = [new() { PractitionerId = 1, StartUtc = At(12), EndUtc = At(13) }];

        Staffing(service, [1], [], busy: busy).SeatsLeft(1, At(12, 30), At(13)).Should().Be(0);
        Staffing(service, [1], [], busy: busy).SeatsLeft(1, At(13), At(13, 30)).Should().Be(1);
    }

    [Fact]
    public void A_service_with_rooms_sells_a_new_practitioners_seat_only_while_a_room_is_free_across_services()
    {
        var consultation = Consultation(id: 1);
        var other = Consultation(id: 2);
        var staffing = Staffing(consultation, [1, 2, 3], [Booked(other, 9, 10, roomId: 100)], rooms: [100, 101]);

        staffing.BookableSeats(At(10), At(10, 30)).Should().Be(1);
        staffing.Choose(At(10), At(10, 30), practitionerId: 2).Should().Be(new SeatAssignment(2, 101));
        staffing.Add(Appointment.For(consultation, Guid.NewGuid(), 2, 101, At(10), At(10, 30)));
        staffing.Choose(At(10), At(10, 30), practitionerId: null).Should().BeNull();
    }

    [Fact]
    public void A_named_practitioner_is_chosen_only_when_free()
    {
        var service = Consultation();
        var staffing = Staffing(service, [1, 2], [Booked(service, 1, 10)]);

        staffing.Choose(At(10), At(10, 30), practitionerId: 1).Should().BeNull();
        staffing.Choose(At(10), At(10, 30), practitionerId: 2).Should().Be(new SeatAssignment(2, null));
        staffing.Choose(At(10), At(10, 30), practitionerId: 7).Should().BeNull();
    }

    [Fact]
    public void Any_available_picks_the_least_booked_practitioner_that_day_across_services()
    {
        var service = Consultation(id: 1);
        var other = Consultation(id: 2);
        var staffing = Staffing(service, [1, 2, 3], [Booked(service, 1, 9), Booked(other, 2, 9), Booked(other, 2, 14), Booked(service, 3, 15)]);

        staffing.Choose(At(11), At(11, 30), practitionerId: null)!.PractitionerId.Should().BeOneOf(1, 3);
        staffing.Add(Booked(service, 1, 11));
        staffing.Choose(At(12), At(12, 30), practitionerId: null)!.PractitionerId.Should().Be(3);
    }

    [Fact]
    public void Ties_are_broken_by_a_rotation_that_starts_one_further_each_day_so_a_day_of_bookings_spreads_evenly()
    {
        var service = Consultation();
        var staffing = Staffing(service, [4, 7, 9], []);
        var firstOfDay = Enumerable.Range(0, 3).Select(d => Monday.AddDays(d))
            .Select(day => new[] { 4, 7, 9 }.OrderBy(id => staffing.RotationRank(id, day)).First()).ToList();

        firstOfDay.Should().OnlyHaveUniqueItems("each practitioner leads the rotation on one of three days");
        var chosen = new List<int>();
        for (var hour = 9; hour < 15; hour++)
        {
            var pick = staffing.Choose(At(hour), At(hour, 30), practitionerId: null)!;
            staffing.Add(Booked(service, pick.PractitionerId, hour));
            chosen.Add(pick.PractitionerId);
        }

        chosen.GroupBy(id => id).Select(g => g.Count()).Should().AllBeEquivalentTo(2);
        chosen.Take(3).Should().Equal(new[] { 4, 7, 9 }.OrderBy(id => staffing.RotationRank(id, Monday)));
    }

    [Fact]
    public void A_class_keeps_its_room_for_every_seat_and_a_moving_booking_does_not_block_itself()
    {
        var yoga = Consultation(seats: 2);
        var first = Booked(yoga, 1, 10, roomId: 100);
        var staffing = new SlotStaffing(yoga, [Working(1)], [100], [first], []) { IgnoredBookingId = null };

        staffing.Choose(At(10), At(10, 30), null).Should().Be(new SeatAssignment(1, 100));
        new SlotStaffing(yoga, [Working(1)], [100], [first, Booked(yoga, 1, 10, roomId: 100)], []) { IgnoredBookingId = first.BookingId }
            .SeatsLeft(1, At(10), At(10, 30)).Should().Be(1);
    }

    /// <summary>Appointments read from the database carry no booking id (Guid.Empty), so "ignore Guid.Empty" would ignore every one.</summary>
    [Fact]
    public void No_booking_is_ignored_by_the_empty_id()
    {
        var act = () => new SlotStaffing(Consultation(seats: 1), [Working(1)], [], [], []) { IgnoredBookingId = Guid.Empty };

        act.Should().Throw<ArgumentException>().WithParameterName(nameof(SlotStaffing.IgnoredBookingId));
    }
}
