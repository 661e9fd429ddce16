using BookingPortal.Features.Audit;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Practitioners;

/// <summary>A practitioner another booking could go to.</summary>
public sealed record Colleague(int Id, string DisplayName);

/// <summary>A booking that falls in a practitioner's time off, with the colleagues it could be given to.</summary>
public sealed record AffectedBooking(PractitionerAppointment Appointment, IReadOnlyList<Colleague> Colleagues);

/// <summary>Whether a booking went to the colleague chosen, in words for staff.</summary>
public sealed record ReassignResult(bool Succeeded, string Message);

/// <summary>The outcome of adding time off: the field errors, or the bookings it falls on (none: nothing else to do).</summary>
public sealed record TimeOffResult(int? ExceptionId, IReadOnlyList<FieldError> Errors, IReadOnlyList<AffectedBooking> Affected);

/// <summary>
/// Time off and extra hours. Time off is saved first, so no new booking lands in it, and then the bookings
/// already in it are listed; for each, staff choose what closing a slot offers: give it to a free colleague
/// (the customer is told), or cancel it through <see cref="ClinicCancellation"/>, the very path closing a slot
/// takes (full refund, the customer told, the seat to the waitlist).
/// </summary>
[ScopedService]
public sealed class TimeOffService(
    IDbContextFactory<BookingDbContext> dbFactory, PractitionerValidation validation, ClinicCancellation cancellations, PractitionerReassignment reassignment,
    FreedTimeOffers freedTime, NotificationOutbox outbox, AuditLog audit, TimeProvider time, IStringLocalizer<PractitionersText> text)
{
    /// <summary>Recorded on bookings cancelled because their practitioner is away.</summary>
    public const string CancelledReason = "The practitioner is away; the clinic cancelled with a full refund.";

    public async Task<TimeOffResult> AddAsync(StaffActor actor, int practitionerId, ExceptionDraft draft, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var (startLocal, endLocal, errors) = validation.Exception(draft);
        if (errors.Count > 0)
        {
            return new TimeOffResult(null, errors, []);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The lock every booking with them takes before it reads their hours: one made meanwhile commits first and is
        // listed below, or waits and then sees the time off. Without it, on a server database, one could land unlisted.
        await PractitionerSeats.LockAsync(db, [practitionerId], [], cancellationToken);
        if (!await db.Practitioners.AnyAsync(p => p.Id == practitionerId, cancellationToken))
        {
            return new TimeOffResult(null, [new FieldError(nameof(draft.FromDate), text["That practitioner no longer exists."])], []);
        }

        var exception = new AvailabilityException
        {
            PractitionerId = practitionerId, Kind = draft.Kind, StartLocal = startLocal, EndLocal = endLocal, Reason = draft.Reason?.Trim() ?? "",
        };
        db.AvailabilityExceptions.Add(exception);
        audit.Record(db, actor, draft.Kind == AvailabilityExceptionKind.TimeOff ? "practitioner.time_off_added" : "practitioner.extra_hours_added",
            $"practitioner {practitionerId}", $"{startLocal:yyyy-MM-dd HH:mm} to {endLocal:yyyy-MM-dd HH:mm} {exception.Reason}".Trim());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var affected = draft.Kind == AvailabilityExceptionKind.TimeOff ? await AffectedAsync(db, exception, cancellationToken) : [];
        return new TimeOffResult(exception.Id, [], affected);
    }

    /// <summary>The bookings still in a time off (the page asks again after each one is dealt with).</summary>
    public async Task<IReadOnlyList<AffectedBooking>> AffectedAsync(StaffActor actor, int exceptionId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var exception = await db.AvailabilityExceptions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == exceptionId, cancellationToken);
        return exception is { Kind: AvailabilityExceptionKind.TimeOff } ? await AffectedAsync(db, exception, cancellationToken) : [];
    }

    /// <summary>How many upcoming bookings are still in each of the practitioner's time off entries (those with none left out).</summary>
    public async Task<IReadOnlyDictionary<int, int>> StillInAsync(StaffActor actor, int practitionerId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var entries = await BookingsInTimeOff.AheadAsync(db, [practitionerId], time.GetUtcNow().UtcDateTime, cancellationToken);
        return entries.Where(e => e.BookingIds.Count > 0).ToDictionary(e => e.TimeOff.Id, e => e.BookingIds.Count);
    }

    /// <returns>Null when removed; otherwise why not (gone already, or extra hours that upcoming bookings sit in).</returns>
    public async Task<string?> RemoveAsync(StaffActor actor, int practitionerId, int exceptionId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Removing extra hours takes time away as new weekly hours do: under the same lock, and not from under a booking.
        await PractitionerSeats.LockAsync(db, [practitionerId], [], cancellationToken);
        var before = await StrandedBookings.AvailabilityAsync(db, practitionerId, cancellationToken);
        var after = before with { Exceptions = before.Exceptions.Where(e => e.Id != exceptionId).ToList() };
        var stranded = StrandedBookings.LeftOutBy(await StrandedBookings.OfAsync(db, practitionerId, time.GetUtcNow().UtcDateTime, cancellationToken), before, after);
        if (stranded.Count > 0)
        {
            return text["These extra hours hold {0}. Add time off over them to give them to a colleague or cancel them, then remove the extra hours.", StrandedBookings.Describe(stranded, text)];
        }

        var removing = before.Exceptions.FirstOrDefault(e => e.Id == exceptionId);
        var removed = await db.AvailabilityExceptions.Where(e => e.Id == exceptionId && e.PractitionerId == practitionerId).ExecuteDeleteAsync(cancellationToken);
        if (removed == 1)
        {
            audit.Record(db, actor, "practitioner.exception_removed", $"practitioner {practitionerId}", $"entry {exceptionId}");
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        if (removed != 1)
        {
            return text["That entry was removed meanwhile."].Value;
        }

        await OfferFreedTimeAsync(practitionerId, removing);
        return null;
    }

    /// <summary>
    /// Time off removed gives its time back: seats nobody could give then go to the people waiting (SeatReleaser's rule),
    /// after the commit as for any freed appointment (<see cref="FreedTimeOffers"/>). Its wall time is in the services'
    /// zone, within 14 hours of UTC; the releaser judges each slot in that reach exactly.
    /// </summary>
    private async Task OfferFreedTimeAsync(int practitionerId, AvailabilityException? removed)
    {
        if (removed is { Kind: AvailabilityExceptionKind.TimeOff })
        {
            var reach = TimeSpan.FromHours(14);
            var (fromUtc, toUtc) = (DateTime.SpecifyKind(removed.StartLocal - reach, DateTimeKind.Utc), DateTime.SpecifyKind(removed.EndLocal + reach, DateTimeKind.Utc));
            await freedTime.OfferAsync(practitionerId, roomId: null, fromUtc, toUtc);
        }
    }

    /// <summary>Cancels one booking of the time off as closing a slot does; only while it is still on the slot and with the practitioner listed.</summary>
    public Task<CancelResult> CancelAsync(StaffActor actor, PractitionerAppointment appointment, CancellationToken cancellationToken = default) =>
        cancellations.CancelAsync(actor.EnsureStaff().Id, appointment.ConfirmationNumber, appointment.SlotInventoryId, CancelledReason, appointment.PractitionerId, cancellationToken);

    /// <summary>
    /// Gives one booking of the time off to a colleague through the booking core's reassignment (their and the
    /// rooms' locks, their overlaps, the booking changed only while still as listed: at its time, with the one away);
    /// the customer's e-mail and the audit entry commit with it or not at all.
    /// </summary>
    public async Task<ReassignResult> ReassignAsync(StaffActor actor, PractitionerAppointment appointment, int toPractitionerId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        string? name;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            name = await db.Practitioners.Where(p => p.Id == toPractitionerId).Select(p => p.DisplayName).FirstOrDefaultAsync(cancellationToken);
        }

        if (name is null)
        {
            return new ReassignResult(false, text["That practitioner no longer exists."]);
        }

        var outcome = await reassignment.ReassignAsync(appointment.BookingId, toPractitionerId, (appointment.PractitionerId, appointment.StartUtc), async (db, booking) =>
        {
            await outbox.QueuePractitionerChangedAsync(db, booking.Id, name, cancellationToken);
            audit.Record(db, actor, "booking.reassigned", booking.ConfirmationNumber, $"to practitioner {toPractitionerId} ({name})");
        }, cancellationToken);
        return new ReassignResult(outcome == ReassignmentOutcome.Reassigned, outcome switch
        {
            ReassignmentOutcome.Reassigned => text["{0} now has this booking; the customer is told by e-mail.", name],
            ReassignmentOutcome.PractitionerUnavailable => text["{0} is not free then (hours, time off, another appointment or busy time).", name],
            ReassignmentOutcome.NotPerformedByPractitioner => text["{0} does not give this service.", name],
            ReassignmentOutcome.AlreadyTheirs => text["It is already theirs."],
            _ => text["This booking changed meanwhile; look at the list again."],
        });
    }

    private async Task<List<AffectedBooking>> AffectedAsync(BookingDbContext db, AvailabilityException exception, CancellationToken cancellationToken)
    {
        var zone = TimeZoneCache.Find(await PractitionerZone.OfAsync(db, exception.PractitionerId, cancellationToken));
        var inIt = BookingsInTimeOff.Of(db, exception, zone, time.GetUtcNow().UtcDateTime);
        var appointments = await PractitionerAppointments.ListAsync(db, inIt, exception.PractitionerId, cancellationToken);
        var affected = new List<AffectedBooking>();
        foreach (var appointment in appointments)
        {
            affected.Add(new AffectedBooking(appointment, await ColleaguesAsync(db, exception.PractitionerId, appointment, cancellationToken)));
        }

        return affected;
    }

    /// <summary>The service's practitioners free for the booking's time (as the booking path judges it), the one away excluded.</summary>
    private static async Task<List<Colleague>> ColleaguesAsync(BookingDbContext db, int awayId, PractitionerAppointment appointment, CancellationToken cancellationToken)
    {
        var service = await db.Services.AsNoTracking().SingleAsync(s => s.Id == appointment.ServiceId, cancellationToken);
        var staffing = await PractitionerSeats.LoadAsync(db, service, appointment.StartUtc, appointment.EndUtc, appointment.BookingId, cancellationToken);
        var free = staffing.FreePractitioners(appointment.StartUtc, appointment.EndUtc).Where(id => id != awayId).ToList();
        return await db.Practitioners.AsNoTracking().Where(p => free.Contains(p.Id)).OrderBy(p => p.DisplayName)
            .Select(p => new Colleague(p.Id, p.DisplayName)).ToListAsync(cancellationToken);
    }
}
