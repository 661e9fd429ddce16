namespace BookingPortal.Domain;

/// <summary>One concrete occurrence of a time-slot template on a date, in UTC and in the service's zone.</summary>
public sealed record SlotOccurrence(
    int TemplateId,
    DateOnly LocalDate,
    DateTime StartUtc,
    DateTime EndUtc,
    DateTimeOffset LocalStart,
    DateTimeOffset LocalEnd,
    int Capacity);

/// <summary>Turns a service's weekly templates into concrete slots, honouring its time zone and DST.</summary>
public static class SlotSchedule
{
    /// <summary>
    /// The slots on one local date. With buffers, a slot that would start sooner than the buffers
    /// allow after the previous slot's end (in real elapsed time, which a DST change can shorten
    /// below the wall-clock gap staff checked) is not offered; the earlier slot wins, and the
    /// previous date's slots count too, so a late-evening slot keeps its gap past midnight.
    /// </summary>
    public static IReadOnlyList<SlotOccurrence> ForDate(Service service, DateOnly localDate)
    {
        var slots = ScheduledOn(service, localDate);
        if (service.GapBetweenSlots <= TimeSpan.Zero || slots.Count == 0)
        {
            return slots;
        }

        var candidates = ScheduledOn(service, localDate.AddDays(-1)).Concat(slots).OrderBy(s => s.StartUtc);
        return KeepBufferedGaps(candidates, service.GapBetweenSlots).Where(s => s.LocalDate == localDate).ToList();
    }

    /// <summary>Walks the slots in time order and keeps each one that leaves the gap after the last one kept.</summary>
    public static IEnumerable<SlotOccurrence> KeepBufferedGaps(IEnumerable<SlotOccurrence> slotsInOrder, TimeSpan gap)
    {
        DateTime? lastEndUtc = null;
        foreach (var slot in slotsInOrder)
        {
            if (lastEndUtc is { } end && slot.StartUtc - end < gap)
            {
                continue;
            }

            lastEndUtc = slot.EndUtc;
            yield return slot;
        }
    }

    private static List<SlotOccurrence> ScheduledOn(Service service, DateOnly localDate)
    {
        if (!service.AvailableDays.Includes(localDate.DayOfWeek))
        {
            return [];
        }

        var zone = service.TimeZone;
        var slots = new List<SlotOccurrence>();
        foreach (var template in service.TimeSlots.Where(t => t.Days.Includes(localDate.DayOfWeek)).OrderBy(t => t.Start))
        {
            var start = ToInstant(localDate.ToDateTime(template.Start), zone);
            var end = ToInstant(localDate.ToDateTime(template.End), zone);
            // A wall-clock time that does not exist (spring forward) is skipped rather than shifted:
            // shifting would silently move a customer's appointment by an hour.
            if (start is null || end is null || end <= start)
            {
                continue;
            }

            slots.Add(new SlotOccurrence(
                template.Id,
                localDate,
                start.Value.UtcDateTime,
                end.Value.UtcDateTime,
                start.Value,
                end.Value,
                template.Capacity));
        }

        return slots;
    }

    public static IEnumerable<SlotOccurrence> ForRange(Service service, DateOnly fromLocal, DateOnly toLocal)
    {
        for (var date = fromLocal; date <= toLocal; date = date.AddDays(1))
        {
            foreach (var slot in ForDate(service, date))
            {
                yield return slot;
            }
        }
    }

    /// <summary>Finds the slot that starts at the given instant, if the schedule has one.</summary>
    public static SlotOccurrence? Find(Service service, DateTime startUtc)
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(startUtc, service.TimeZone));
        return ForDate(service, localDate).FirstOrDefault(s => s.StartUtc == startUtc);
    }

    public static DateOnly LocalToday(Service service, DateTimeOffset now) => WallTime.LocalDateOf(now.UtcDateTime, service.TimeZone);

    /// <summary>
    /// Maps a wall-clock time in a zone to an instant: null inside a DST gap, the earlier
    /// instant (the offset before the clocks go back) when the time happens twice.
    /// </summary>
    public static DateTimeOffset? ToInstant(DateTime wallClock, TimeZoneInfo zone)
    {
        var local = DateTime.SpecifyKind(wallClock, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return null;
        }

        var offset = zone.IsAmbiguousTime(local)
            ? zone.GetAmbiguousTimeOffsets(local).Max()
            : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset);
    }
}
