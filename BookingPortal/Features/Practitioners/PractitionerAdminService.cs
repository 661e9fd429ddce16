using BookingPortal.Features.Audit;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Staff;

namespace BookingPortal.Features.Practitioners;

/// <summary>Staff keep the practitioners' profiles, the services each performs and their weekly hours. Every method checks the role and audits changes.</summary>
[ScopedService]
public sealed class PractitionerAdminService(
    IDbContextFactory<BookingDbContext> dbFactory, PractitionerValidation validation, AuditLog audit, TimeProvider time, IStringLocalizer<PractitionersText> text)
{
    public async Task<IReadOnlyList<PractitionerRow>> ListAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var practitioners = await db.Practitioners.AsNoTracking().OrderBy(p => p.DisplayName).ToListAsync(cancellationToken);
        var services = (await db.PractitionerServices.AsNoTracking().Join(db.Services, ps => ps.ServiceId, s => s.Id, (ps, s) => new { ps.PractitionerId, s.Name })
            .ToListAsync(cancellationToken)).ToLookup(x => x.PractitionerId, x => x.Name);
        return practitioners.Select(p => new PractitionerRow(p.Id, p.DisplayName, p.Title, p.IsActive, services[p.Id].Order().ToList(), p.UserId is not null)).ToList();
    }

    public async Task<PractitionerDetail?> GetAsync(StaffActor actor, int id, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var p = await db.Practitioners.AsNoTracking().Include(x => x.Services).Include(x => x.Hours).Include(x => x.Exceptions)
            .FirstOrDefaultAsync(x => x.Id == id, cancellationToken);
        if (p is null)
        {
            return null;
        }

        var profile = new PractitionerDraft
        {
            DisplayName = p.DisplayName, Title = p.Title, Bio = p.Bio, Languages = p.Languages, PhotoUrl = p.PhotoUrl,
            UserId = p.UserId, IsActive = p.IsActive, ServiceIds = p.Services.Select(s => s.ServiceId).ToHashSet(),
        };
        var hours = p.Hours.OrderBy(h => ((int)h.Day + 6) % 7).ThenBy(h => h.Start)
            .Select(h => new HoursDraft { Day = h.Day, Start = h.Start, End = h.End, ValidFrom = h.ValidFrom, ValidTo = h.ValidTo }).ToList();
        return new PractitionerDetail(p.Id, profile, hours, p.Exceptions.OrderBy(e => e.StartLocal).ToList(),
            BusyFeedService.HostOf(p.ExternalBusyFeedUrl), p.CalendarFeedTokenHash is not null, await PractitionerZone.OfAsync(db, id, cancellationToken));
    }

    /// <summary>The staff accounts a profile can be linked to.</summary>
    public async Task<IReadOnlyList<StaffAccount>> StaffAccountsAsync(StaffActor actor, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.UserRoles.Join(db.Roles.Where(r => r.Name == Roles.Staff || r.Name == Roles.Admin), ur => ur.RoleId, r => r.Id, (ur, r) => ur.UserId)
            .Distinct().Join(db.Users, id => id, u => u.Id, (id, u) => new { u.Id, Name = u.DisplayName ?? u.Email ?? u.UserName ?? u.Id })
            .OrderBy(a => a.Name).Select(a => new StaffAccount(a.Id, a.Name)).ToListAsync(cancellationToken);
    }

    /// <param name="id">Null for a new practitioner.</param>
    public async Task<SaveResult> SaveProfileAsync(StaffActor actor, int? id, PractitionerDraft draft, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var errors = validation.Profile(draft);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await CheckReferencesAsync(db, id, draft, errors, cancellationToken);
        if (errors.Count > 0)
        {
            return SaveResult.Invalid(errors);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var practitioner = id is { } existing
            ? await db.Practitioners.Include(p => p.Services).FirstOrDefaultAsync(p => p.Id == existing, cancellationToken)
            : db.Practitioners.Add(new Practitioner { DisplayName = "" }).Entity;
        if (practitioner is null)
        {
            return SaveResult.Invalid([new FieldError(nameof(draft.DisplayName), text["That practitioner no longer exists."])]);
        }

        if (await StrandingRefusalAsync(db, practitioner, draft, cancellationToken) is { } refused)
        {
            return SaveResult.Invalid([refused]);
        }

        Apply(draft, practitioner);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(db, actor, id is null ? "practitioner.created" : "practitioner.updated", $"practitioner {practitioner.Id}", practitioner.DisplayName);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveResult(practitioner.Id, []);
    }

    private static void Apply(PractitionerDraft draft, Practitioner practitioner)
    {
        practitioner.DisplayName = draft.DisplayName!.Trim();
        practitioner.Title = draft.Title?.Trim() ?? "";
        practitioner.Bio = draft.Bio?.Trim() ?? "";
        practitioner.Languages = string.Join(',', (draft.Languages ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        practitioner.PhotoUrl = string.IsNullOrWhiteSpace(draft.PhotoUrl) ? null : draft.PhotoUrl.Trim();
        practitioner.UserId = string.IsNullOrEmpty(draft.UserId) ? null : draft.UserId;
        practitioner.IsActive = draft.IsActive;
        practitioner.Services.RemoveAll(s => !draft.ServiceIds.Contains(s.ServiceId));
        practitioner.Services.AddRange(draft.ServiceIds.Where(s => practitioner.Services.All(ps => ps.ServiceId != s)).Select(s => new PractitionerService { ServiceId = s }));
    }

    /// <summary>Making them inactive, or taking away a service they are booked for, while such bookings are ahead (see <see cref="StrandedBookings"/>).</summary>
    private async Task<FieldError?> StrandingRefusalAsync(BookingDbContext db, Practitioner practitioner, PractitionerDraft draft, CancellationToken cancellationToken)
    {
        var deactivating = practitioner.IsActive && !draft.IsActive;
        var removed = practitioner.Services.Select(s => s.ServiceId).Where(s => !draft.ServiceIds.Contains(s)).ToList();
        if (practitioner.Id == 0 || (!deactivating && removed.Count == 0))
        {
            return null;
        }

        await PractitionerSeats.LockAsync(db, [practitioner.Id], [], cancellationToken);
        var upcoming = await StrandedBookings.OfAsync(db, practitioner.Id, time.GetUtcNow().UtcDateTime, cancellationToken);
        var stranded = deactivating ? upcoming : upcoming.Where(b => removed.Contains(b.ServiceId)).ToList();
        return stranded.Count == 0 ? null
            : deactivating ? new FieldError(nameof(draft.IsActive), text["They still have {0}. Add time off over them to give them to a colleague or cancel them, then make them inactive.", StrandedBookings.Describe(stranded, text)])
            : new FieldError(nameof(draft.ServiceIds), text["The service you took away still has {0} with them. Keep it until those are given to a colleague or cancelled.", StrandedBookings.Describe(stranded, text)]);
    }

    /// <summary>Replaces the whole weekly rota, so the page sends what it shows.</summary>
    /// <param name="basis">The rota the editor started from; when another save changed it meanwhile, this one is refused
    /// rather than silently undoing that one (the whole rota is rewritten). Null: not checked.</param>
    public async Task<SaveResult> SaveHoursAsync(
        StaffActor actor, int id, IReadOnlyList<HoursDraft> hours, IReadOnlyList<HoursDraft>? basis = null, CancellationToken cancellationToken = default)
    {
        actor.EnsureStaff();
        var errors = validation.Hours(hours);
        if (errors.Count > 0)
        {
            return SaveResult.Invalid(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // New hours can take time away as time off does: under the lock every booking with them takes first.
        await PractitionerSeats.LockAsync(db, [id], [], cancellationToken);
        if (!await db.Practitioners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            return SaveResult.Invalid([new FieldError("Hours", text["That practitioner no longer exists."])]);
        }

        if (basis is not null && !await IsCurrentRotaAsync(db, id, basis, cancellationToken))
        {
            return SaveResult.Invalid([new FieldError("Hours", text["Someone else saved these hours while you were editing them. Open the page again to see theirs, then make your change."])]);
        }

        var rota = hours.Select(h => new WorkingHours
        {
            PractitionerId = id, Day = h.Day, Start = h.Start!.Value, End = h.End!.Value, ValidFrom = h.ValidFrom, ValidTo = h.ValidTo,
        }).ToList();
        var before = await StrandedBookings.AvailabilityAsync(db, id, cancellationToken);
        var stranded = StrandedBookings.LeftOutBy(await StrandedBookings.OfAsync(db, id, time.GetUtcNow().UtcDateTime, cancellationToken), before, before with { Hours = rota });
        if (stranded.Count > 0)
        {
            return SaveResult.Invalid([new FieldError("Hours", text["These hours leave out {0}. Add time off over them to give them to a colleague or cancel them, then change the hours.", StrandedBookings.Describe(stranded, text)])]);
        }

        await db.WorkingHours.Where(h => h.PractitionerId == id).ExecuteDeleteAsync(cancellationToken);
        db.WorkingHours.AddRange(rota);
        audit.Record(db, actor, "practitioner.hours_changed", $"practitioner {id}", $"{hours.Count} range(s)");
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new SaveResult(id, []);
    }

    /// <summary>Whether the saved rota is still the one the editor started from (read under the practitioner's lock).</summary>
    private static async Task<bool> IsCurrentRotaAsync(BookingDbContext db, int id, IReadOnlyList<HoursDraft> basis, CancellationToken cancellationToken)
    {
        var saved = await db.WorkingHours.AsNoTracking().Where(h => h.PractitionerId == id)
            .Select(h => new { h.Day, h.Start, h.End, h.ValidFrom, h.ValidTo }).ToListAsync(cancellationToken);
        var savedRanges = saved.Select(h => (h.Day, (TimeOnly?)h.Start, (TimeOnly?)h.End, h.ValidFrom, h.ValidTo)).Order();
        return savedRanges.SequenceEqual(basis.Select(h => (h.Day, h.Start, h.End, h.ValidFrom, h.ValidTo)).Order());
    }

    private async Task CheckReferencesAsync(BookingDbContext db, int? id, PractitionerDraft draft, List<FieldError> errors, CancellationToken cancellationToken)
    {
        var known = await db.Services.Where(s => draft.ServiceIds.Contains(s.Id)).CountAsync(cancellationToken);
        if (known != draft.ServiceIds.Count)
        {
            errors.Add(new FieldError(nameof(draft.ServiceIds), text["Choose services from the list."]));
        }

        if (string.IsNullOrEmpty(draft.UserId))
        {
            return;
        }

        if (!await Roles.IsStaffAsync(db, draft.UserId, cancellationToken))
        {
            errors.Add(new FieldError(nameof(draft.UserId), text["Choose a staff account from the list."]));
        }
        else if (await db.Practitioners.AnyAsync(p => p.UserId == draft.UserId && p.Id != id, cancellationToken))
        {
            errors.Add(new FieldError(nameof(draft.UserId), text["That account already belongs to another practitioner."]));
        }
    }
}
