using BookingPortal.Features.Releases;

namespace BookingPortal.Tests.Integration.Queue;

public class ReleaseAdminTests : PortalSuite
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    [Fact]
    public async Task The_demo_release_is_on_a_Quartz_cron_trigger_at_nine_New_York_time_on_a_Monday()
    {
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var release = (await factory.Get<ReleaseService>().GetAsync(await factory.StaffAsync(), clinic.Id))!;

        var next = await factory.Get<ReleaseScheduler>().NextFireTimeAsync(release.Id);

        var local = TimeZoneInfo.ConvertTime(next!.Value, NewYork);
        (local.DayOfWeek, local.Hour, local.Minute).Should().Be((DayOfWeek.Monday, 9, 0));
    }

    [Fact]
    public async Task Saving_a_release_validates_it_and_moves_its_trigger()
    {
        var staff = await factory.StaffAsync();
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var releases = factory.Get<ReleaseService>();
        var draft = (await releases.GetAsync(staff, clinic.Id))!;

        draft.AdmissionRatePerMinute = 0;
        draft.EarlyAccessAudienceId = null;
        draft.EarlyAccessMinutes = 10;
        (draft.SlotsFrom, draft.SlotsUntil) = (new DateOnly(2026, 12, 31), new DateOnly(2026, 12, 1));
        (await releases.SaveAsync(staff, clinic.Id, draft)).Select(e => e.Field).Should().BeEquivalentTo(["AdmissionRatePerMinute", "EarlyAccessAudienceId", "SlotsUntil"]);

        draft = (await releases.GetAsync(staff, clinic.Id))!;
        draft.RecurringDays = DaysOfWeekMask.Thursday;
        draft.RecurringLocalTime = new TimeOnly(18, 30);
        (draft.SlotsFrom, draft.SlotsUntil) = (new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31));
        (await releases.SaveAsync(staff, clinic.Id, draft)).Should().BeEmpty();
        (await releases.GetAsync(staff, clinic.Id))!.SlotDates.Should().Be(new SlotDateRange(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)));

        var local = TimeZoneInfo.ConvertTime((await factory.Get<ReleaseScheduler>().NextFireTimeAsync(draft.Id))!.Value, NewYork);
        (local.DayOfWeek, local.Hour, local.Minute).Should().Be((DayOfWeek.Thursday, 18, 30));
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.AuditEntries.Select(a => a.Action).ToListAsync()).Should().Equal("release.saved");
    }

    [Fact]
    public async Task A_one_off_opening_may_keep_its_past_time_but_not_move_into_the_past()
    {
        var staff = await factory.StaffAsync();
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var releases = factory.Get<ReleaseService>();
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var draft = (await releases.GetAsync(staff, clinic.Id))!;
        (draft.RecurringDays, draft.OpensAtUtc) = (DaysOfWeekMask.None, now.AddHours(2));
        (await releases.SaveAsync(staff, clinic.Id, draft)).Should().BeEmpty();
        factory.Clock.Advance(TimeSpan.FromHours(3));

        draft = (await releases.GetAsync(staff, clinic.Id))!;
        draft.Name = "Opened already, renamed";
        var renamed = await releases.SaveAsync(staff, clinic.Id, draft);
        draft.OpensAtUtc = now.AddHours(1);
        var movedIntoThePast = await releases.SaveAsync(staff, clinic.Id, draft);

        renamed.Should().BeEmpty("its past opening is left as it was");
        movedIntoThePast.Should().ContainSingle().Which.Should().Be(new FieldError(nameof(Release.OpensAtUtc), "That time has passed: choose when it opens in the future."));
        (await releases.GetAsync(staff, clinic.Id))!.OpensAtUtc.Should().Be(now.AddHours(2), "the refused time was not stored");
    }

    [Fact]
    public async Task Pausing_holds_admissions_and_the_monitor_counts_the_queue()
    {
        await factory.StartWithoutScheduledJobsAsync();
        var staff = await factory.StaffAsync();
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var opening = new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);
        await LeaveOnePlaceWaitingLastWeekAsync(clinic, opening.UtcDateTime.AddDays(-7));
        factory.Clock.SetUtcNow(opening);
        foreach (var customer in await factory.CreateCustomersAsync(5))
        {
            await factory.Get<QueueService>().JoinAsync(clinic.Id, customer, null);
        }

        await factory.Get<ReleaseService>().SetPausedAsync(staff, clinic.Id, paused: true);
        (await factory.Get<AdmissionController>().TickAllAsync()).Should().Be(0);
        (await factory.Get<ReleaseService>().MonitorAsync(staff, clinic.Id)).Should().Match<QueueMonitor>(m => m.Paused && m.Waiting == 5 && m.AdmittedNow == 0);

        await factory.Get<ReleaseService>().SetPausedAsync(staff, clinic.Id, paused: false);
        (await factory.Get<AdmissionController>().TickAllAsync()).Should().Be(5);
        (await factory.Get<ReleaseService>().MonitorAsync(staff, clinic.Id)).Should().Match<QueueMonitor>(m => !m.Paused && m.Waiting == 0 && m.AdmittedNow == 5 && m.AdmittedLastMinute == 5);
    }

    /// <summary>A place from an earlier opening that never got a turn: the monitor watches this opening's line, not every one's.</summary>
    private async Task LeaveOnePlaceWaitingLastWeekAsync(Service clinic, DateTime opensAtUtc)
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var releaseId = await db.Releases.Where(r => r.ServiceId == clinic.Id).Select(r => r.Id).SingleAsync();
        var opening = new ReleaseOpening { ReleaseId = releaseId, OpensAtUtc = opensAtUtc, EarlyOpensAtUtc = opensAtUtc, Seed = QueueFairness.NewSeed(), EarlyDrawn = true, PublicDrawn = true };
        db.ReleaseOpenings.Add(opening);
        await db.SaveChangesAsync();
        db.QueueEntries.Add(new QueueEntry { OpeningId = opening.Id, VisitorKey = "00112233445566778899aabbccddeeff", JoinedAtUtc = opensAtUtc.AddMinutes(-5), Status = QueueEntryStatus.Waiting, Sequence = 1 });
        await db.SaveChangesAsync();
    }
}
