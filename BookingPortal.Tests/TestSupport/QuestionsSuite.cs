namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A suite on the demo consultation with a short-text question and a required consent, as staff set them up in the
/// editor: each test's portal (no scheduled jobs) has them before the test starts.
/// </summary>
public abstract class QuestionsSuite() : PortalSuite(scheduledJobs: false)
{
    protected static readonly QuestionDraft Referral = new(QuestionKind.ShortText, true, "Who referred you?", "¿Quién le derivó?", "", "", "", "");
    protected static readonly QuestionDraft Terms = new(QuestionKind.Consent, true, "I accept the terms (2026).", "Acepto las condiciones (2026).", "", "", "", "");

    protected Service service = null!;

    /// <summary>The ids of the <see cref="Referral"/> and <see cref="Terms"/> questions.</summary>
    protected int referral;
    protected int terms;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        service = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var staff = await factory.StaffAsync();
        var editor = factory.Get<QuestionEditor>();
        (await editor.SaveAsync(staff, service.Id, null, Referral)).Should().BeEmpty();
        (await editor.SaveAsync(staff, service.Id, null, Terms)).Should().BeEmpty();
        var questions = await factory.Get<QuestionBook>().ForServiceAsync(service.Id);
        (referral, terms) = (questions.Single(q => q.Kind == QuestionKind.ShortText).Id, questions.Single(q => q.Kind == QuestionKind.Consent).Id);
    }

    protected static async Task<ReserveResult> BookAsync(PortalFactory factory, Service service, DateTime startUtc, AnswersGiven answers, string? customerId = null)
    {
        customerId ??= (await factory.CreateCustomersAsync(1))[0];
        return await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customerId, service.Id, startUtc, Guid.NewGuid().ToString()) { Answers = answers });
    }

    protected static AnswersGiven Answers(string language, params (int Id, string Value)[] values) =>
        new(values.ToDictionary(v => v.Id, v => (IReadOnlyList<string>)[v.Value]), language);

    protected static async Task<int> BookedSeatsAsync(PortalFactory factory, int serviceId)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.SlotInventories.Where(s => s.ServiceId == serviceId).SumAsync(s => s.Booked);
    }
}
