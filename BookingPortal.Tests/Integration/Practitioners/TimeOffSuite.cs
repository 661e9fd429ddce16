namespace BookingPortal.Tests.Integration.Practitioners;

/// <summary>Two bookings of one practitioner on one day, the first inside the time off a test adds, and a colleague for the same service.</summary>
public abstract class TimeOffSuite() : PortalSuite(scheduledJobs: false)
{
    protected sealed record Setup(PortalFactory Factory, int Away, int Colleague, Features.Bookings.BookingView Inside, Features.Bookings.BookingView Outside, DateOnly Day);

    protected Setup s = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        var service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var away = await factory.CreatePractitionerAsync("Dr Away", service.Id);
        var colleague = await factory.CreatePractitionerAsync("Dr Colleague", service.Id);
        var slots = await factory.BookableSlotsAsync(service);
        var day = slots.Where(s => s.LocalStart.Date == slots[0].LocalStart.Date).ToList();
        var inside = await factory.BookAsNewCustomerAsync(service.Id, day[0].StartUtc);
        var outside = await factory.BookAsNewCustomerAsync(service.Id, day[^1].StartUtc);
        await factory.AssignAsync(inside.Id, away);
        await factory.AssignAsync(outside.Id, away);
        await factory.WorkingAllDayAsync(colleague);
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // Named practitioners from here on (after the bookings, so the booking path's choice does not matter to the test).
            await db.Services.Where(x => x.Id == service.Id).ExecuteUpdateAsync(x => x.SetProperty(v => v.BooksPractitioners, true));
        }

        s = new Setup(factory, away, colleague, inside, outside, DateOnly.FromDateTime(day[0].LocalStart.DateTime));
    }

    protected static ExceptionDraft MorningOff(Setup s) => new()
    {
        Kind = AvailabilityExceptionKind.TimeOff, FromDate = s.Day, FromTime = TimeOnly.FromDateTime(s.Inside.LocalStart.DateTime), ToTime = TimeOnly.FromDateTime(s.Inside.LocalEnd.DateTime), Reason = "Dentist",
    };
}
