namespace BookingPortal.Tests.Unit.Domain;

/// <summary>The seeded demo services, built in memory for rules that need no database.</summary>
internal static class DemoServices
{
    public static Service Consultation() => DemoSeeder.DemoServices().Single(s => s.Name == DemoSeeder.ConsultationName);

    public static Service WithTemplate(TimeOnly start, TimeOnly end, DaysOfWeekMask days = DaysOfWeekMask.All)
    {
        var service = Consultation();
        service.AvailableDays = days;
        service.TimeSlots = [new TimeSlotTemplate { Id = 1, Days = days, Start = start, End = end, Capacity = 3 }];
        return service;
    }
}
