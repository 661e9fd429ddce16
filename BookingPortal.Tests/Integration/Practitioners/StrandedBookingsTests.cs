namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>
/// Staff cannot take from a practitioner what their upcoming bookings rely on (their hours, being active, the service)
/// without dealing with those bookings first: the change is refused, beside its field, with the bookings counted.
/// </summary>
public class StrandedBookingsTests : TimeOffSuite
{
    private static readonly List<HoursDraft> AllDay = Week(new TimeOnly(6, 0), new TimeOnly(22, 0));
    private static readonly List<HoursDraft> EarlyOnly = Week(new TimeOnly(6, 0), new TimeOnly(7, 0));

    [Fact]
    public async Task New_hours_that_leave_out_an_upcoming_booking_are_refused_until_it_is_given_to_a_colleague()
    {
        var (admin, staff) = (s.Factory.Get<PractitionerAdminService>(), await s.Factory.StaffAsync());
        (await admin.SaveHoursAsync(staff, s.Away, AllDay)).Errors.Should().BeEmpty();

        var refused = await admin.SaveHoursAsync(staff, s.Away, EarlyOnly);

        refused.Errors.Should().ContainSingle().Which.Should().Match<FieldError>(e => e.Field == "Hours" && e.Message.StartsWith("These hours leave out 2 upcoming booking(s), the first on "));
        (await admin.GetAsync(staff, s.Away))!.Hours.Should().OnlyContain(h => h.Start == new TimeOnly(6, 0) && h.End == new TimeOnly(22, 0), "the refused hours were not saved");
        var dayOff = new ExceptionDraft { Kind = AvailabilityExceptionKind.TimeOff, FromDate = s.Day, FromTime = new TimeOnly(6, 0), ToTime = new TimeOnly(22, 0), Reason = "Away" };
        (await s.Factory.Get<TimeOffService>().AddAsync(staff, s.Away, dayOff)).Affected.Should().HaveCount(2, "time off is the way to deal with them");
        (await admin.SaveHoursAsync(staff, s.Away, EarlyOnly)).Errors.Should().BeEmpty("bookings already in time off (and listed by it) are not the new hours' doing");
    }

    [Fact]
    public async Task Extra_hours_that_upcoming_bookings_sit_in_are_not_removed_from_under_them()
    {
        var (timeOff, staff) = (s.Factory.Get<TimeOffService>(), await s.Factory.StaffAsync());
        var extra = new ExceptionDraft { Kind = AvailabilityExceptionKind.ExtraHours, FromDate = s.Day, FromTime = new TimeOnly(6, 0), ToTime = new TimeOnly(22, 0), Reason = "Saturday clinic" };
        var added = (await timeOff.AddAsync(staff, s.Away, extra)).ExceptionId!.Value;

        var refused = await timeOff.RemoveAsync(staff, s.Away, added);

        refused.Should().StartWith("These extra hours hold 2 upcoming booking(s), the first on ");
        await s.Factory.AssignAsync(s.Inside.Id, s.Colleague);
        await s.Factory.AssignAsync(s.Outside.Id, s.Colleague);
        (await timeOff.RemoveAsync(staff, s.Away, added)).Should().BeNull("nothing of theirs sits in them any more");
        (await timeOff.RemoveAsync(staff, s.Away, added)).Should().Be("That entry was removed meanwhile.");
    }

    [Fact]
    public async Task Making_a_booked_practitioner_inactive_or_taking_away_their_booked_service_is_refused_beside_the_field()
    {
        var (admin, staff) = (s.Factory.Get<PractitionerAdminService>(), await s.Factory.StaffAsync());
        var profile = (await admin.GetAsync(staff, s.Away))!.Profile;
        var extra = await s.Factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);

        profile.IsActive = false;
        var deactivated = await admin.SaveProfileAsync(staff, s.Away, profile);
        (profile.IsActive, profile.ServiceIds) = (true, [extra.Id]);
        var serviceTaken = await admin.SaveProfileAsync(staff, s.Away, profile);
        profile.ServiceIds = [s.Inside.ServiceId, extra.Id];
        var serviceAdded = await admin.SaveProfileAsync(staff, s.Away, profile);

        deactivated.Errors.Should().ContainSingle(e => e.Field == nameof(PractitionerDraft.IsActive) && e.Message.StartsWith("They still have 2 upcoming booking(s)"));
        serviceTaken.Errors.Should().ContainSingle(e => e.Field == nameof(PractitionerDraft.ServiceIds) && e.Message.Contains("still has 2 upcoming booking(s)"));
        serviceAdded.Errors.Should().BeEmpty("adding a service strands nobody");
        var saved = (await admin.GetAsync(staff, s.Away))!.Profile;
        (saved.IsActive, saved.ServiceIds.Order()).Should().BeEquivalentTo((true, new[] { s.Inside.ServiceId, extra.Id }.Order()));
    }

    private static List<HoursDraft> Week(TimeOnly start, TimeOnly end) =>
        Enum.GetValues<DayOfWeek>().Select(d => new HoursDraft { Day = d, Start = start, End = end }).ToList();
}

/// <summary>The same on PostgreSQL.</summary>
public class StrandedBookingsOnPostgresTests : StrandedBookingsTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
