namespace BookingPortal.Tests.Integration.Data;

/// <summary>The demo's Specialist Consultation: three named specialists on different days, one on holiday next week (the factory's clock starts on Monday 2 March 2026).</summary>
public class DemoPractitionersTests(PortalFactory factory) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Three_specialists_give_the_consultation_on_different_days_and_one_is_on_holiday_next_week()
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var consultation = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var specialists = await db.Practitioners.AsNoTracking().Include(p => p.Hours).Include(p => p.Exceptions).Include(p => p.Services).ToListAsync();

        consultation.BooksPractitioners.Should().BeTrue();
        specialists.Should().HaveCount(3).And.OnlyContain(p => p.Services.Single().ServiceId == consultation.Id && p.Title != "");
        specialists.Select(p => string.Join(",", p.Hours.Select(h => h.Day).Distinct().Order())).Should().OnlyHaveUniqueItems("each works other days");
        var holiday = specialists.SelectMany(p => p.Exceptions).Should().ContainSingle().Subject;
        specialists.Single(p => p.Id == holiday.PractitionerId).DisplayName.Should().Be(DemoPractitioners.NeurologistName);
        (holiday.Kind, holiday.StartLocal, holiday.EndLocal).Should().Be((AvailabilityExceptionKind.TimeOff, new DateTime(2026, 3, 9), new DateTime(2026, 3, 16)));
        (await db.Services.AsNoTracking().Where(s => s.Name != DemoSeeder.ConsultationName).AllAsync(s => !s.BooksPractitioners)).Should().BeTrue("the other services show the simple mode");
    }

    [Fact]
    public async Task Next_mondays_slots_have_one_specialist_this_mondays_two()
    {
        var consultation = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var catalog = factory.Get<CatalogService>();

        var thisMonday = await catalog.GetSlotsAsync(consultation, new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 2));
        var nextMonday = await catalog.GetSlotsAsync(consultation, new DateOnly(2026, 3, 9), new DateOnly(2026, 3, 9));

        thisMonday.Should().HaveCount(4).And.OnlyContain(s => s.Remaining == 2);
        nextMonday.Should().HaveCount(4).And.OnlyContain(s => s.Remaining == 1 && s.FreePractitionerIds!.Count == 1, "Dr. Chen is on holiday");
    }
}
