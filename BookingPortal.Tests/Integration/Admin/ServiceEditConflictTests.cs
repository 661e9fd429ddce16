namespace BookingPortal.Tests.Integration.Admin;

/// <summary>
/// Two staff editing one service: the second save, made from settings read before the first was saved, is refused with
/// what to do, and the first one's values stand; never silently overwritten (price, deposit, capacity, slots).
/// </summary>
public class ServiceEditConflictTests() : PortalSuite(scheduledJobs: false)
{
    [Fact]
    public async Task A_save_from_a_draft_read_before_anothers_save_is_refused_and_the_first_ones_values_are_kept()
    {
        var service = await factory.SimpleConsultationAsync();
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var first = (await admin.GetDraftAsync(staff, service.Id))!;
        var second = (await admin.GetDraftAsync(staff, service.Id))!;
        first.Price = 240m;
        first.TimeSlots.Add(new TimeSlotTemplate { Days = DaysOfWeekMask.Weekdays, Start = new TimeOnly(17, 0), End = new TimeOnly(18, 0), Capacity = 2 });
        second.DepositAmount = 20m;
        second.TimeSlots[0].Capacity += 1;

        var saved = await admin.SaveAsync(staff, first);
        var refused = await admin.SaveAsync(staff, second);

        saved.Succeeded.Should().BeTrue(saved.Message);
        refused.Succeeded.Should().BeFalse();
        refused.Stale.Should().BeTrue();
        refused.Message.Should().Contain("changed by someone else since you opened it").And.Contain("reload");
        (second.DepositAmount, second.TimeSlots[0].Capacity).Should().Be((20m, service.TimeSlots.OrderBy(t => t.Start).First().Capacity + 1), "the refused person's input is kept to make again");
        var now = await factory.ServiceNamedAsync(service.Name);
        (now.Price, now.DepositAmount).Should().Be((240m, service.DepositAmount));
        now.TimeSlots.Should().Contain(t => t.Start == new TimeOnly(17, 0), "the slot the first one added is not reconciled away");
        now.TimeSlots.Select(t => t.Capacity).Should().NotContain(service.TimeSlots.OrderBy(t => t.Start).First().Capacity + 1);
    }

    [Fact]
    public async Task A_draft_read_after_the_save_saves_and_settings_edited_elsewhere_do_not_make_a_draft_stale()
    {
        var service = await factory.SimpleConsultationAsync();
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var first = (await admin.GetDraftAsync(staff, service.Id))!;
        first.Price = 240m;
        (await admin.SaveAsync(staff, first)).Succeeded.Should().BeTrue();
        var reloaded = (await admin.GetDraftAsync(staff, service.Id))!;
        await using (var db = await factory.DbFactory.CreateDbContextAsync())
        {
            // Privacy mode is saved by its own panel, not the service editor, which never writes it back.
            await db.Services.Where(s => s.Id == service.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.PrivacyMode, true));
        }

        reloaded.DepositAmount = 20m;
        var saved = await admin.SaveAsync(staff, reloaded);

        saved.Succeeded.Should().BeTrue(saved.Message);
        var now = await factory.ServiceNamedAsync(service.Name);
        (now.Price, now.DepositAmount, now.PrivacyMode).Should().Be((240m, 20m, true));
    }

    [Fact]
    public async Task Two_saves_of_drafts_read_together_at_once_one_wins_and_the_other_is_refused()
    {
        var service = await factory.SimpleConsultationAsync();
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var drafts = new List<Service>();
        foreach (var price in new[] { 210m, 220m })
        {
            var draft = (await admin.GetDraftAsync(staff, service.Id))!;
            draft.Price = price;
            draft.CancellationFee = price / 10;
            drafts.Add(draft);
        }

        var results = await Race.AllAtOnceAsync(drafts.Select(d => (Func<Task<SaveServiceResult>>)(() => admin.SaveAsync(staff, d))));

        results.Count(r => r.Succeeded).Should().Be(1);
        results.Single(r => !r.Succeeded).Stale.Should().BeTrue();
        var winner = drafts[Array.FindIndex(results, r => r.Succeeded)];
        var now = await factory.ServiceNamedAsync(service.Name);
        (now.Price, now.CancellationFee).Should().Be((winner.Price, winner.CancellationFee), "all of the winner's values, none of the other's");
    }
}

/// <summary>The same on PostgreSQL, where a save's transaction does not hold the database's write lock from its start.</summary>
public class ServiceEditConflictOnPostgresTests : ServiceEditConflictTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    [Fact]
    public async Task A_save_that_starts_while_another_is_committing_waits_for_it_and_is_refused()
    {
        var service = await factory.SimpleConsultationAsync();
        var (admin, staff) = (factory.Get<ServiceAdminService>(), await factory.StaffAsync());
        var first = (await admin.GetDraftAsync(staff, service.Id))!;
        var second = (await admin.GetDraftAsync(staff, service.Id))!;
        (first.Price, second.Price) = (240m, 260m);
        Task<SaveServiceResult>? racing = null;
        // The second save starts while the first holds what it wrote, about to commit, and gets as far as it can.
        factory.Transactions.BeforeNextCommit(async () =>
        {
            racing = Task.Run(() => admin.SaveAsync(staff, second));
            (await Poll.UntilAsync(WaitingOnALockAsync, TimeSpan.FromSeconds(30))).Should().BeTrue("the second save waits for the first");
        });

        var saved = await admin.SaveAsync(staff, first);
        var refused = await racing!;

        saved.Succeeded.Should().BeTrue(saved.Message);
        refused.Stale.Should().BeTrue("it read the service only once the first had saved");
        (await factory.ServiceNamedAsync(service.Name)).Price.Should().Be(240m);
    }

    private async Task<bool> WaitingOnALockAsync()
    {
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        return await db.Database.SqlQueryRaw<int>(
            "SELECT count(*)::int AS \"Value\" FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()").SingleAsync() > 0;
    }
}
