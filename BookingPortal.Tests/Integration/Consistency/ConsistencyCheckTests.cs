using BookingPortal.Features.Consistency;

namespace BookingPortal.Tests.Integration.Consistency;

/// <summary>The portal's own consistency check: silent on what correct code writes, precise on what it never writes.</summary>
public class ConsistencyCheckTests : ProviderSuite
{
    [Fact]
    public async Task A_portal_used_through_its_own_flows_reports_no_violations()
    {
        await using var stripe = await StripeStandIn.StartAsync();
        await using var factory = new StripePortalFactory(stripe) { Provider = Provider };
        await factory.StartWithoutScheduledJobsAsync();
        var payments = factory.Get<PaymentService>();

        // Two customers book through the weekly clinic's waiting room, each on their own admission.
        var clinic = await factory.ServiceNamedAsync(DemoSeeder.WeeklyClinicName);
        var queued = await factory.CreateCustomersAsync(2);
        await factory.JoinEarlyThenOpenAsync(clinic.Id, queued, early: TimeSpan.FromMinutes(1));
        var clinicSlot = (await factory.BookableSlotsAsync(clinic))[0];
        foreach (var customer in queued)
        {
            var booked = await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, clinic.Id, clinicSlot.StartUtc, "through-the-queue"));
            booked.Succeeded.Should().BeTrue(booked.Message);
            await payments.RecordDepositPaidAsync(booked.Booking!.Id, $"pi_queue_{booked.Booking.ConfirmationNumber}", booked.Booking.DepositAmount);
        }

        var consultation = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var video = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var slots = await factory.BookableSlotsAsync(consultation);
        var videoSlots = await factory.BookableSlotsAsync(video);
        var cancellations = factory.Get<CancellationService>();
        var staff = await factory.StaffAsync();

        // Paid online and kept; paid online and cancelled (refunded); held and left to expire.
        var kept = await factory.BookAsNewCustomerAsync(consultation.Id, slots[0].StartUtc);
        await payments.RecordDepositPaidAsync(kept.Id, "pi_kept", kept.DepositAmount);
        var cancelled = await factory.BookAsNewCustomerAsync(consultation.Id, slots[0].StartUtc);
        await payments.RecordDepositPaidAsync(cancelled.Id, "pi_cancelled", cancelled.DepositAmount);
        (await cancellations.CancelAsync(new CancelRequest(cancelled.ConfirmationNumber, cancelled.CustomerId, false))).Succeeded.Should().BeTrue();
        var expiring = await factory.BookAsNewCustomerAsync(consultation.Id, slots[1].StartUtc);

        // A paid booking moved to another slot; a slot closed with its bookings cancelled.
        var moved = await factory.BookAsNewCustomerAsync(consultation.Id, slots[1].StartUtc);
        await payments.RecordDepositPaidAsync(moved.Id, "pi_moved", moved.DepositAmount);
        (await factory.Get<BookingMover>().RescheduleAsync(new RescheduleRequest(moved.ConfirmationNumber, moved.CustomerId, false, slots[2].StartUtc))).Succeeded.Should().BeTrue();
        var onClosedSlot = await factory.BookAsNewCustomerAsync(consultation.Id, slots[3].StartUtc);
        await payments.RecordDepositPaidAsync(onClosedSlot.Id, "pi_closed", onClosedSlot.DepositAmount);
        (await factory.Get<SlotCalendarService>().CloseSlotAsync(staff, consultation.Id, slots[3].StartUtc, cancelBookings: true)).BookingsCancelled.Should().Be(1);

        // A seat offered from the waitlist and still held; another offered and claimed.
        var offered = await OfferSeatAsync(factory, video, videoSlots[0]);
        var claimedOffer = await OfferSeatAsync(factory, video, videoSlots[1]);
        (await factory.Get<WaitlistService>().ClaimAsync(claimedOffer.EntryId, claimedOffer.CustomerId)).Succeeded.Should().BeTrue();

        var checkedIn = await factory.BookAsNewCustomerAsync(consultation.Id, slots[0].StartUtc);
        await payments.RecordDepositPaidAsync(checkedIn.Id, "pi_checked_in", checkedIn.DepositAmount);
        factory.Clock.Advance(TimeSpan.FromMinutes(11));
        (await factory.Get<HoldExpiryService>().ExpireDueHoldsAsync()).Should().Be(1);
        (await ReportAsync(factory)).Violations.Should().BeEmpty("before the appointments");

        // After the first appointment: one checked in, the other a no-show.
        factory.Clock.Advance(slots[0].StartUtc - factory.Clock.GetUtcNow().UtcDateTime + TimeSpan.FromMinutes(consultation.NoShowGraceMinutes + 1));
        (await factory.Get<FrontDeskService>().CheckInAsync(staff, checkedIn.Id)).Should().BeTrue();
        (await factory.Get<FrontDeskService>().SweepNoShowsAsync()).Should().BePositive();

        var report = await ReportAsync(factory);

        report.Violations.Should().BeEmpty();
        report.IsClean.Should().BeTrue();
        report.CheckedAt.Should().Be(factory.Clock.GetUtcNow());
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        (await db.Bookings.Where(b => b.Id == kept.Id || b.Id == expiring.Id).OrderBy(b => b.Id == kept.Id).Select(b => b.Status).ToListAsync())
            .Should().Equal(BookingStatus.Cancelled, BookingStatus.NoShow);
        (await db.WaitlistEntries.Where(e => e.Id == offered.EntryId).Select(e => e.Status).SingleAsync()).Should().Be(WaitlistStatus.Offered, "its seat is still held");
        (await db.LedgerEntries.CountAsync(e => e.Kind == LedgerEntryKind.DepositRefunded)).Should().Be(2, "the cancelled and the closed slot's paid bookings were refunded");
        (await db.QueueEntries.CountAsync(e => e.Status == QueueEntryStatus.Completed)).Should().Be(2, "each admission was used by its booking");
    }

    [Fact]
    public async Task Every_invariant_broken_on_purpose_is_reported_with_the_ids_involved()
    {
        await using var factory = new PortalFactory { Provider = Provider };
        await factory.StartWithoutScheduledJobsAsync();
        var consultation = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var video = await factory.ServiceNamedAsync(DemoSeeder.VideoConsultationName);
        var slots = await factory.BookableSlotsAsync(consultation);
        var videoSlots = await factory.BookableSlotsAsync(video);
        var staff = await factory.StaffAsync();
        await using var db = await factory.DbFactory.CreateDbContextAsync();

        // A counter one seat off.
        var counted = await factory.BookAsNewCustomerAsync(consultation.Id, slots[0].StartUtc);
        var counter = await db.Bookings.Where(b => b.Id == counted.Id).Select(b => b.SlotInventoryId).SingleAsync();
        await db.SlotInventories.Where(i => i.Id == counter).ExecuteUpdateAsync(i => i.SetProperty(x => x.Booked, x => x.Booked + 1));

        // A booking that escaped its slot's closing with "cancel its bookings" (its neighbour was cancelled).
        await factory.BookAsNewCustomerAsync(consultation.Id, slots[1].StartUtc);
        var escaped = await factory.BookAsNewCustomerAsync(consultation.Id, slots[1].StartUtc);
        (await factory.Get<SlotCalendarService>().CloseSlotAsync(staff, consultation.Id, slots[1].StartUtc, cancelBookings: true)).BookingsCancelled.Should().Be(2);
        await db.Bookings.Where(b => b.Id == escaped.Id).ExecuteUpdateAsync(b => b
            .SetProperty(x => x.Status, BookingStatus.Confirmed)
            .SetProperty(x => x.CancellationReason, (string?)null)
            .SetProperty(x => x.CancelledAtUtc, (DateTime?)null));
        var closedSlot = await db.Bookings.Where(b => b.Id == escaped.Id).Select(b => b.SlotInventoryId).SingleAsync();

        // One queue admission used by two bookings (made at the same instant by its customer).
        var customer = (await factory.CreateCustomersAsync(1))[0];
        var first = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, video.Id, videoSlots[0].StartUtc, "a"))).Booking!;
        var second = (await factory.Get<BookingService>().ReserveAsync(new ReserveRequest(customer, video.Id, videoSlots[1].StartUtc, "b"))).Booking!;
        var shared = await factory.BookAsNewCustomerAsync(video.Id, videoSlots[2].StartUtc);
        var admission = await AddCompletedAdmissionAsync(db, video.Id, customer, first.CreatedAtUtc);

        // An offer that holds no slot; a claim that is another customer's booking; two claims of one booking.
        var claimant = (await factory.CreateCustomersAsync(1))[0];
        var seatless = Waitlist(claimant, video.Id, WaitlistStatus.Offered);
        var wrongClaim = Waitlist(claimant, video.Id, WaitlistStatus.Claimed, counted.Id);
        var claimTwice = Waitlist(shared.CustomerId, video.Id, WaitlistStatus.Claimed, shared.Id);
        var claimAgain = Waitlist(shared.CustomerId, video.Id, WaitlistStatus.Claimed, shared.Id);
        db.WaitlistEntries.AddRange(seatless, wrongClaim, claimTwice, claimAgain);
        await db.SaveChangesAsync();

        // Ledgers: a deposit charged twice; a paid booking cancelled without its refund; a no-show forfeited twice.
        var now = factory.Clock.GetUtcNow().UtcDateTime;
        var chargedTwice = await factory.BookAsNewCustomerAsync(consultation.Id, slots[2].StartUtc);
        await db.Bookings.Where(b => b.Id == chargedTwice.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.PaymentReference, "pi_twice"));
        db.LedgerEntries.AddRange(
            LedgerEntry.For(chargedTwice.Id, "USD", LedgerEntryKind.DepositCharged, 50m, now, "Paid online."),
            LedgerEntry.For(chargedTwice.Id, "USD", LedgerEntryKind.DepositCharged, 50m, now, "Paid online again."));
        var unrefunded = await factory.BookAsNewCustomerAsync(consultation.Id, slots[2].StartUtc);
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(unrefunded.ConfirmationNumber, unrefunded.CustomerId, false));
        await db.Bookings.Where(b => b.Id == unrefunded.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.PaymentReference, "pi_unrefunded"));
        db.LedgerEntries.Add(LedgerEntry.For(unrefunded.Id, "USD", LedgerEntryKind.DepositCharged, 50m, now, "Paid online."));
        // The same, but with its refund written as durable work and not sent yet: owed, not lost, so not reported.
        var refundPending = await factory.BookAsNewCustomerAsync(consultation.Id, slots[2].StartUtc);
        await factory.Get<CancellationService>().CancelAsync(new CancelRequest(refundPending.ConfirmationNumber, refundPending.CustomerId, false));
        await db.Bookings.Where(b => b.Id == refundPending.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.PaymentReference, "pi_pending"));
        db.LedgerEntries.Add(LedgerEntry.For(refundPending.Id, "USD", LedgerEntryKind.DepositCharged, 50m, now, "Paid online."));
        db.RefundRequests.Add(new RefundRequest
        {
            BookingId = refundPending.Id, Amount = 50m, Currency = "USD", PaymentReference = "pi_pending", Reason = "Cancelled.",
            IdempotencyKey = RefundRequest.KeyFor(refundPending.Id, 1), Status = RefundStatus.Pending, CreatedAtUtc = now, NextAttemptAtUtc = now,
        });
        var forfeitedTwice = await factory.BookAsNewCustomerAsync(consultation.Id, slots[2].StartUtc);
        await db.Bookings.Where(b => b.Id == forfeitedTwice.Id).ExecuteUpdateAsync(b => b.SetProperty(x => x.Status, BookingStatus.NoShow));
        db.LedgerEntries.AddRange(
            LedgerEntry.For(forfeitedTwice.Id, "USD", LedgerEntryKind.NoShowForfeited, 50m, now, "No-show."),
            LedgerEntry.For(forfeitedTwice.Id, "USD", LedgerEntryKind.NoShowForfeited, 50m, now, "No-show again."));
        await db.SaveChangesAsync();

        // An event queued twice on one channel (past the unique index, dropped for the purpose).
        await db.Database.ExecuteSqlRawAsync("DROP INDEX \"IX_OutboxMessages_EventKey_Channel\"");
        var message = await db.OutboxMessages.AsNoTracking().Where(m => m.BookingId == counted.Id).OrderBy(m => m.Id).FirstAsync();
        var copy = Copy(message);
        db.OutboxMessages.Add(copy);
        await db.SaveChangesAsync();

        var report = await ReportAsync(factory);

        report.IsClean.Should().BeFalse();
        IReadOnlyList<string> Ids(string invariant, string description)
        {
            var matching = report.Violations.Where(v => v.Invariant == invariant && v.Description.Contains(description, StringComparison.Ordinal)).ToList();
            matching.Should().ContainSingle($"one {invariant} violation should say \"{description}\"; the report has: {string.Join(" | ", report.Violations.Select(v => v.Description))}");
            return matching[0].Ids;
        }

        Ids(ConsistencyInvariants.SlotCounter, $"Slot {counter} ").Should().Equal($"slot:{counter}", $"booking:{counted.ConfirmationNumber}");
        Ids(ConsistencyInvariants.ClosedSlotCancelled, $"Slot {closedSlot} ").Should().Equal($"slot:{closedSlot}", $"booking:{escaped.ConfirmationNumber}");
        Ids(ConsistencyInvariants.AdmissionUsedOnce, $"admission {admission} ").Should().BeEquivalentTo(
            [$"queue:{admission}", $"booking:{first.ConfirmationNumber}", $"booking:{second.ConfirmationNumber}"]);
        Ids(ConsistencyInvariants.WaitlistOffer, $"offer {seatless.Id} holds no slot").Should().Equal($"waitlist:{seatless.Id}");
        Ids(ConsistencyInvariants.WaitlistOffer, $"entry {wrongClaim.Id} is claimed").Should().Equal($"waitlist:{wrongClaim.Id}", $"booking:{counted.ConfirmationNumber}");
        Ids(ConsistencyInvariants.WaitlistOffer, "claimed as the same booking").Should().Equal(
            $"booking:{shared.ConfirmationNumber}", $"waitlist:{claimTwice.Id}", $"waitlist:{claimAgain.Id}");
        Ids(ConsistencyInvariants.Ledger, "charged 2 times").Should().Equal($"booking:{chargedTwice.ConfirmationNumber}");
        Ids(ConsistencyInvariants.Ledger, $"Cancelled booking {unrefunded.ConfirmationNumber} was charged").Should().Equal($"booking:{unrefunded.ConfirmationNumber}");
        report.Violations.Should().NotContain(v => v.Ids.Contains($"booking:{refundPending.ConfirmationNumber}"), "its refund is pending");
        Ids(ConsistencyInvariants.Ledger, "forfeited 2 times").Should().Equal($"booking:{forfeitedTwice.ConfirmationNumber}");
        Ids(ConsistencyInvariants.OutboxOnce, message.EventKey).Should().Equal($"outbox:{message.Id}", $"outbox:{copy.Id}");
        report.Violations.Select(v => v.Invariant).Distinct().Should().HaveCount(6);
    }

    [Fact]
    public async Task More_refunds_waiting_than_the_report_lists_hide_no_broken_ledger()
    {
        await using var factory = new PortalFactory { Provider = Provider };
        await factory.StartWithoutScheduledJobsAsync();
        var consultation = await factory.ServiceNamedAsync(DemoSeeder.ConsultationName);
        var booked = await factory.BookAsNewCustomerAsync(consultation.Id, (await factory.BookableSlotsAsync(consultation))[0].StartUtc);
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(booked.ConfirmationNumber, booked.CustomerId, false))).Succeeded.Should().BeTrue();
        await using var db = await factory.DbFactory.CreateDbContextAsync();
        var cancelled = await db.Bookings.AsNoTracking().SingleAsync(b => b.Id == booked.Id);
        var itsLedger = await db.LedgerEntries.AsNoTracking().Where(e => e.BookingId == booked.Id).ToListAsync();
        // After an outage: more cancelled paid bookings waiting for their refunds than the report lists, none of them wrong;
        // and, sorting after them all, one whose refund failed for good and is owed nowhere.
        for (var i = 0; i <= ConsistencyCheck.MaxListedPerInvariant; i++)
        {
            AddCancelledPaid(db, cancelled, itsLedger, FormattableString.Invariant($"BK-A{i:D5}"), RefundStatus.Pending);
        }

        var lost = AddCancelledPaid(db, cancelled, itsLedger, "BK-Z99999", RefundStatus.Failed);
        await db.SaveChangesAsync();

        var ledger = (await ReportAsync(factory)).Violations.Where(v => v.Invariant == ConsistencyInvariants.Ledger).ToList();

        ledger.Should().ContainSingle("a refund on its way is owed, not lost").Which.Ids.Should().Equal($"booking:{lost}");
    }

    /// <summary>A copy of a cancelled booking, paid 50 online, whose refund of it is in the given state.</summary>
    private static string AddCancelledPaid(BookingDbContext db, Booking cancelled, IReadOnlyList<LedgerEntry> itsLedger, string confirmationNumber, RefundStatus refund)
    {
        var copy = (Booking)db.Entry(cancelled).CurrentValues.ToObject();
        (copy.Id, copy.ConfirmationNumber, copy.IdempotencyKey, copy.PaymentReference) = (Guid.NewGuid(), confirmationNumber, confirmationNumber, $"pi_{confirmationNumber}");
        var at = cancelled.CreatedAtUtc;
        db.Bookings.Add(copy);
        db.LedgerEntries.AddRange(itsLedger.Select(e => LedgerEntry.For(copy.Id, e.Currency, e.Kind, e.Amount, e.AtUtc, e.Note ?? "")));
        db.LedgerEntries.Add(LedgerEntry.For(copy.Id, "USD", LedgerEntryKind.DepositCharged, 50m, at, "Paid online."));
        db.RefundRequests.Add(new RefundRequest
        {
            BookingId = copy.Id, Amount = 50m, Currency = "USD", PaymentReference = copy.PaymentReference, Reason = "Cancelled.",
            IdempotencyKey = RefundRequest.KeyFor(copy.Id, 1), Status = refund, CreatedAtUtc = at, NextAttemptAtUtc = at,
        });
        return confirmationNumber;
    }

    internal static async Task<ConsistencyReport> ReportAsync(PortalFactory factory) => await factory.Get<ConsistencyCheck>().RunAsync();

    /// <summary>Fills a single-seat slot, puts a new customer on its waitlist and cancels the booking: the seat is held for them.</summary>
    private static async Task<(long EntryId, string CustomerId)> OfferSeatAsync(PortalFactory factory, Service service, Features.Catalog.SlotAvailability slot)
    {
        var holder = await factory.BookAsNewCustomerAsync(service.Id, slot.StartUtc);
        var waiting = (await factory.CreateCustomersAsync(1))[0];
        var joined = await factory.Get<WaitlistJoining>().JoinAsync(waiting, service.Id, DateOnly.FromDateTime(slot.LocalStart.DateTime), slot.StartUtc);
        joined.Succeeded.Should().BeTrue(joined.Message);
        (await factory.Get<CancellationService>().CancelAsync(new CancelRequest(holder.ConfirmationNumber, holder.CustomerId, false))).Succeeded.Should().BeTrue();
        return (joined.EntryId!.Value, waiting);
    }

    private static async Task<long> AddCompletedAdmissionAsync(BookingDbContext db, int serviceId, string customerId, DateTime usedAtUtc)
    {
        var release = new Release { ServiceId = serviceId, Name = "Consistency test release", OpensAtUtc = usedAtUtc.AddHours(-1) };
        db.Releases.Add(release);
        await db.SaveChangesAsync();
        var opening = new ReleaseOpening { ReleaseId = release.Id, OpensAtUtc = usedAtUtc.AddHours(-1), EarlyOpensAtUtc = usedAtUtc.AddHours(-1), Seed = "seed" };
        db.ReleaseOpenings.Add(opening);
        await db.SaveChangesAsync();
        var entry = new QueueEntry
        {
            OpeningId = opening.Id,
            CustomerId = customerId,
            JoinedAtUtc = usedAtUtc.AddMinutes(-5),
            Sequence = 1,
            Status = QueueEntryStatus.Completed,
            AdmittedAtUtc = usedAtUtc.AddMinutes(-1),
            ExpiresAtUtc = usedAtUtc.AddMinutes(4),
            FinishedAtUtc = usedAtUtc,
        };
        db.QueueEntries.Add(entry);
        await db.SaveChangesAsync();
        return entry.Id;
    }

    private static WaitlistEntry Waitlist(string customerId, int serviceId, WaitlistStatus status, Guid? claimed = null) => new()
    {
        CustomerId = customerId,
        ServiceId = serviceId,
        LocalDate = new DateOnly(2026, 3, 10),
        Status = status,
        CreatedAtUtc = PortalFactory.DefaultNow.UtcDateTime,
        ClaimedBookingId = claimed,
    };

    private static OutboxMessage Copy(OutboxMessage message) => new()
    {
        EventKey = message.EventKey,
        Kind = message.Kind,
        Channel = message.Channel,
        BookingId = message.BookingId,
        CustomerId = message.CustomerId,
        Recipient = message.Recipient,
        Subject = message.Subject,
        TextBody = message.TextBody,
        Status = OutboxStatus.Pending,
        CreatedAtUtc = message.CreatedAtUtc,
        NextAttemptAtUtc = message.NextAttemptAtUtc,
    };
}

/// <summary>The same scenarios on PostgreSQL: proves every query of the check translates and agrees there.</summary>
public class ConsistencyCheckOnPostgresTests : ConsistencyCheckTests
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
