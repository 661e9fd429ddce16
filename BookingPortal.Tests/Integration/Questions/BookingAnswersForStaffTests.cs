using BookingPortal.Features.Accounts;

namespace BookingPortal.Tests.Integration.Questions;

/// <summary>Answers reach staff (search, CSV) and the customer's own data, and go with the account.</summary>
public class BookingAnswersForStaffTests : QuestionsSuite
{
    [Fact]
    public async Task Staff_find_bookings_by_an_answer_and_export_it_the_customer_downloads_it_and_closing_the_account_removes_it()
    {
        var slots = await factory.BookableSlotsAsync(service);
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var booked = await BookAsync(factory, service, slots[0].StartUtc, Answers("en", (referral, "=HYPERLINK(\"x\") Dr. Ruiz"), (terms, "yes")), customer);
        await BookAsync(factory, service, slots[1].StartUtc, Answers("en", (referral, "Dr. Soto"), (terms, "yes")));
        var staff = await factory.StaffAsync();
        var appointments = factory.Get<AppointmentsService>();

        var found = await appointments.SearchAsync(staff, new AppointmentQuery(Search: "Dr. Ruiz", Take: 50));
        var csv = await appointments.ExportCsvAsync(staff, new AppointmentQuery(Search: "Dr. Ruiz"));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == customer);
        var download = System.Text.Encoding.UTF8.GetString(await factory.Get<PersonalDataExport>().ExportAsync(user));
        await factory.Get<AccountClosing>().CloseAsync(customer);

        found.Rows.Select(r => r.ConfirmationNumber).Should().Equal(booked.Booking!.ConfirmationNumber);
        csv.Should().Contain(",Answers\r\n").And.Contain("\"Who referred you?: =HYPERLINK(\"\"x\"\") Dr. Ruiz | I accept the terms (2026).: yes (v1)\"");
        download.Should().Contain("Who referred you?").And.Contain("Dr. Ruiz");
        (await db.BookingAnswers.CountAsync(a => a.BookingId == booked.Booking.Id)).Should().Be(0);
        (await db.BookingAnswers.CountAsync()).Should().Be(2, "the other customer's answers stay");
    }
}
