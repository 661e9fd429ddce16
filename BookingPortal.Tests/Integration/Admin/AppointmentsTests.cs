namespace BookingPortal.Tests.Integration.Admin;

public class AppointmentsTests : PortalSuite
{
    [Fact]
    public async Task Search_filters_sorts_and_pages_in_the_database()
    {
        var (bookings, _) = await BookSomeAsync(factory, 6);
        var staff = await factory.StaffAsync();
        var appointments = factory.Get<AppointmentsService>();
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(bookings[5].ConfirmationNumber, bookings[5].CustomerId, IsStaff: false));

        var firstPage = await appointments.SearchAsync(staff, new AppointmentQuery(Take: 4));
        var secondPage = await appointments.SearchAsync(staff, new AppointmentQuery(Skip: 4, Take: 4));
        var newestFirst = await appointments.SearchAsync(staff, new AppointmentQuery(SortBy: AppointmentSort.Created, Descending: true, Take: 1));
        var cancelled = await appointments.SearchAsync(staff, new AppointmentQuery(Status: BookingStatus.Cancelled));
        var byNumber = await appointments.SearchAsync(staff, new AppointmentQuery(Search: bookings[2].ConfirmationNumber.ToLowerInvariant()));

        firstPage.Total.Should().Be(6);
        firstPage.Rows.Should().HaveCount(4).And.BeInAscendingOrder(r => r.StartUtc);
        secondPage.Rows.Should().HaveCount(2);
        firstPage.Rows.Concat(secondPage.Rows).Select(r => r.Id).Should().BeEquivalentTo(bookings.Select(b => b.Id));
        newestFirst.Rows.Single().Id.Should().Be(bookings[5].Id);
        cancelled.Rows.Should().ContainSingle(r => r.Id == bookings[5].Id);
        byNumber.Rows.Should().ContainSingle(r => r.Id == bookings[2].Id);
    }

    [Fact]
    public async Task The_csv_has_one_row_per_booking_and_defuses_spreadsheet_formulas()
    {
        var (bookings, _) = await BookSomeAsync(factory, 2);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            await db.Users.Where(u => u.Id == bookings[0].CustomerId).ExecuteUpdateAsync(u => u.SetProperty(x => x.DisplayName, "=HYPERLINK(\"http://evil\")"));
        }

        using var staff = await factory.SignInAsync(DemoSeeder.StaffEmail, DemoSeeder.StaffPassword);
        var response = await staff.GetAsync($"/admin/appointments.csv?search={bookings[0].ConfirmationNumber}");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Should().HaveCount(2, "a header and the one matching booking");
        lines[0].Should().StartWith("Confirmation,Service,Start (local)");
        lines[1].Should().StartWith(bookings[0].ConfirmationNumber).And.Contain("\"'=HYPERLINK(\"\"http://evil\"\")\"");
    }

    [Fact]
    public async Task The_history_tells_the_story_of_a_booking_with_who_did_what()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var (bookings, service) = await BookSomeAsync(factory, 1);
        var booking = bookings[0];
        var staff = await factory.StaffAsync();
        factory.Clock.SetUtcNow(new DateTimeOffset(booking.StartUtc.AddMinutes(1), TimeSpan.Zero));
        await factory.Get<FrontDeskService>().MarkNoShowAsync(staff, booking.Id);
        await factory.Get<FrontDeskService>().UndoNoShowAsync(staff, booking.Id);

        var history = await factory.Get<AppointmentsService>().GetHistoryAsync(staff, booking.ConfirmationNumber);

        history!.Appointment.Status.Should().Be(BookingStatus.Completed);
        history.Events.Select(e => e.What).Should().ContainInOrder(
            "Booked", "BookingConfirmation email to " + history.Appointment.CustomerEmail + ": Pending", "No-show: deposit forfeited", "booking.no_show_marked",
            "booking.no_show_undone: Marked as attended.");
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var staffName = await db.Users.Where(u => u.Id == staff.Id).Select(u => u.DisplayName).SingleAsync();
        history.Events.Should().ContainSingle(e => e.What == "Checked in").Which.Who.Should().Be(staffName);
        history.LedgerEntries.Select(e => e.Kind).Should().Equal(LedgerEntryKind.DepositDue, LedgerEntryKind.NoShowForfeited, LedgerEntryKind.NoShowForfeitReversed);
        service.Name.Should().Be(history.Appointment.ServiceName);
    }

    private static async Task<(List<BookingView> Bookings, Service Service)> BookSomeAsync(PortalFactory factory, int count)
    {
        var (service, slots) = await factory.ServiceAndSlotsAsync(DemoSeeder.ConsultationName);
        var bookings = new List<BookingView>();
        for (var i = 0; i < count; i++)
        {
            factory.Clock.Advance(TimeSpan.FromSeconds(1));
            bookings.Add(await factory.BookAsNewCustomerAsync(service.Id, slots[i].StartUtc));
        }

        return (bookings, service);
    }
}
