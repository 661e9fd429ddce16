using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Localization;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.EntityFrameworkCore.Storage;
using BookingPortal.Features.Staff;
using BookingPortal.Features.Audit;

namespace BookingPortal.Features.Admin;

public sealed record ServiceAdminRow(int Id, string Name, int DurationMinutes, decimal Price, string Currency, bool IsArchived, int SlotCount, int UpcomingBookings);

public sealed record SaveServiceResult(int? ServiceId, IReadOnlyList<FieldError> Errors, string Message)
{
    public bool Succeeded => ServiceId is not null && Errors.Count == 0;

    /// <summary>How many customers of upcoming bookings the save told of the service's new place.</summary>
    public int CustomersTold { get; init; }

    /// <summary>The draft was read before someone else saved the service: saving it would undo their change unseen.</summary>
    public bool Stale { get; init; }

    public const string StaleMessage = "This service was changed by someone else since you opened it, so nothing was saved (your changes are still on this page): reload to see their changes, then make yours again.";
}

/// <summary>
/// Staff create and change services. A change never silently breaks a booking: taking away the
/// slot an upcoming booking sits in, or cutting a slot's capacity below the seats already
/// booked, is refused with the bookings named; everything else is applied in one transaction.
/// </summary>
[ScopedService]
public sealed class ServiceAdminService(
    IDbContextFactory<BookingDbContext> dbFactory,
    SeatReleaser seats,
    AuditLog audit,
    SlotChangeNotifier slotChanges,
    IEnumerable<IFollowServiceZone> zoneFollowers,
    ServiceLocationChange locations,
    ServiceArchiving archiving,
    IOutputCacheStore pageCache,
    IStringLocalizer<PortalText> text,
    TimeProvider time)
{
    public async Task<IReadOnlyList<ServiceAdminRow>> ListAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Services.AsNoTracking()
            .OrderBy(s => s.IsArchived).ThenBy(s => s.Name)
            .Select(s => new ServiceAdminRow(s.Id, s.Name, s.DurationMinutes, s.Price, s.Currency, s.IsArchived, s.TimeSlots.Count,
                db.Bookings.Count(b => b.ServiceId == s.Id && b.StartUtc > nowUtc
                                       && Domain.Booking.ActiveStatuses.Contains(b.Status))))
            .ToListAsync(cancellationToken);
    }

    /// <summary>A new service with the product's defaults (DESIGN.md §1) and one slot to start from.</summary>
    public static Service NewDraft() => new()
    {
        Name = "",
        DurationMinutes = 60,
        TimeZoneId = "America/New_York",
        AvailableDays = DaysOfWeekMask.Weekdays,
        Address = "",
        TimeSlots = [new TimeSlotTemplate { Days = DaysOfWeekMask.Weekdays, Start = new TimeOnly(9, 0), End = new TimeOnly(10, 0), Capacity = 1 }],
    };

    /// <summary>Upcoming bookings of the service still on (pending, requested or confirmed): those a change of place is told to.</summary>
    public async Task<int> UpcomingBookingsAsync(StaffActor actor, int serviceId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var nowUtc = time.GetUtcNow().UtcDateTime;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Bookings.CountAsync(b => b.ServiceId == serviceId && b.StartUtc > nowUtc && Domain.Booking.ActiveStatuses.Contains(b.Status), cancellationToken);
    }

    public async Task<Service?> GetDraftAsync(StaffActor actor, int serviceId, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var service = await db.Services.AsNoTracking().Include(s => s.TimeSlots).FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
        if (service is not null)
        {
            service.TimeSlots.Sort((a, b) => a.Start.CompareTo(b.Start));
            service.EditedFrom = ServiceChanges.Stamp(service);
        }

        return service;
    }

    public async Task<SaveServiceResult> SaveAsync(StaffActor actor, Service draft, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        Normalize(draft);
        var errors = ServiceRules.Validate(draft);
        if (errors.Count > 0)
        {
            return Refused(errors);
        }

        if (await NameTakenAsync(draft, cancellationToken))
        {
            return Refused([NameTakenError(draft.Name)]);
        }

        try
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            return draft.Id == 0
                ? await CreateAsync(db, transaction, actor, draft, cancellationToken)
                : await UpdateAsync(db, transaction, actor, draft, cancellationToken);
        }
        catch (DbUpdateException) when (!cancellationToken.IsCancellationRequested)
        {
            // Two staff saving the same name at once both pass the check above; the unique index
            // refuses the second, which should read as the same field error, not a crash.
            if (await NameTakenAsync(draft, cancellationToken))
            {
                return Refused([NameTakenError(draft.Name)]);
            }

            throw;
        }
    }

    /// <summary>Services.Name is unique (a customer tells services apart by name); another service may not hold it.</summary>
    private async Task<bool> NameTakenAsync(Service draft, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Services.AnyAsync(s => s.Name == draft.Name && s.Id != draft.Id, cancellationToken);
    }

    private FieldError NameTakenError(string name) =>
        new(nameof(Service.Name), text["Another service is already called {0}; choose a different name.", name]);

    /// <summary>Shown above the form in the staff member's language; each field's own message is shown beside it too.</summary>
    private SaveServiceResult Refused(IReadOnlyList<FieldError> errors) =>
        new(null, errors, text["Nothing was saved: {0}", string.Join(" ", errors.Select(e => FieldErrorText.For(e, text)).Distinct())]);

    private async Task<SaveServiceResult> CreateAsync(
        BookingDbContext db, IDbContextTransaction transaction, StaffActor actor, Service draft, CancellationToken cancellationToken)
    {
        var created = ServiceChanges.CopyForInsert(draft);
        db.Services.Add(created);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, "service.created", $"service {created.Id}", created.Name);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await pageCache.ServicesChangedAsync(cancellationToken);
        return new SaveServiceResult(created.Id, [], text["{0} is created.", created.Name]);
    }

    private async Task<SaveServiceResult> UpdateAsync(
        BookingDbContext db, IDbContextTransaction transaction, StaffActor actor, Service draft, CancellationToken cancellationToken)
    {
        var existing = await LockAndLoadAsync(db, draft.Id, cancellationToken);
        if (existing is null || draft.EditedFrom != ServiceChanges.Stamp(existing))
        {
            return existing is null
                ? Refused([new FieldError(nameof(Service.Name), text["This service no longer exists."])])
                : new SaveServiceResult(null, [], SaveServiceResult.StaleMessage) { Stale = true };
        }

        var nowUtc = time.GetUtcNow().UtcDateTime;
        var impact = await ServiceChanges.AssessAsync(db, existing, draft, nowUtc, cancellationToken);
        if (impact.Errors.Count > 0)
        {
            return Refused(impact.Errors);
        }

        var (zoneChanged, place) = (existing.TimeZoneId != draft.TimeZoneId, ServicePlace.Of(existing));
        var changed = ServiceChanges.Apply(existing, draft);
        await db.SaveChangesAsync(cancellationToken);
        if (!await ServiceSlotCounters.ApplyAsync(db, seats, impact, nowUtc, cancellationToken))
        {
            return Refused([new FieldError("TimeSlots", text["A booking came in while saving; look at the slots again and retry."])]);
        }

        var told = await locations.ApplyAsync(db, place, existing, nowUtc, cancellationToken);
        var toldText = ServicePlace.Of(existing) == place ? "" : $" The customers of {told} upcoming booking(s) are told of the new place.";
        audit.Record(db, actor, "service.updated", $"service {existing.Id}", (changed.Count == 0 ? "No changes." : "Changed " + string.Join(", ", changed.Select(c => c.Message)) + ".") + toldText);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var follower in zoneChanged ? zoneFollowers : [])
        {
            await follower.ServiceZoneChangedAsync(existing.Id, cancellationToken);
        }

        slotChanges.NotifyChanged(existing.Id);
        await pageCache.ServicesChangedAsync(cancellationToken);
        return new SaveServiceResult(existing.Id, [], changed.Count == 0 ? text["Nothing to change."] : text["Saved: {0}.", string.Join(", ", changed.Select(c => FieldErrorText.For(c, text)))]) { CustomersTold = told };
    }

    /// <summary>
    /// The service as saved, its row locked to the commit: a second save of it waits here, then reads this one's values, not
    /// those its draft was read from (on SQLite the transaction holds the database's write lock from its start anyway).
    /// </summary>
    private static async Task<Service?> LockAndLoadAsync(BookingDbContext db, int serviceId, CancellationToken cancellationToken)
    {
        await db.Services.Where(s => s.Id == serviceId).ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, x => x.Name), cancellationToken);
        return await db.Services.Include(s => s.TimeSlots).FirstOrDefaultAsync(s => s.Id == serviceId, cancellationToken);
    }

    /// <summary>Archived services leave the catalogue, and their waitlists end (<see cref="ServiceArchiving"/>); bookings already made stay as they are.</summary>
    public async Task<string> SetArchivedAsync(StaffActor actor, int serviceId, bool archived, CancellationToken cancellationToken = default)
    {
        var (_, told) = await archiving.SetArchivedAsync(actor, serviceId, archived, cancellationToken);
        slotChanges.NotifyChanged(serviceId);
        await pageCache.ServicesChangedAsync(cancellationToken);
        return archived
            ? text["Archived: customers no longer see it; bookings already made are kept; {0} customer(s) on its waitlist are told it has ended.", told]
            : text["Restored: customers can book it again."];
    }

    private static void Normalize(Service draft)
    {
        draft.Name = draft.Name.Trim();
        draft.Currency = draft.Currency.Trim().ToUpperInvariant();
        draft.TimeZoneId = draft.TimeZoneId.Trim();
        draft.Address = draft.LocationKind == LocationKind.InPerson ? draft.Address?.Trim() : null;
        draft.VideoLink = draft.LocationKind == LocationKind.Virtual ? draft.VideoLink?.Trim() : null;
        draft.TimeSlots.Sort((a, b) => a.Start.CompareTo(b.Start));
    }
}
