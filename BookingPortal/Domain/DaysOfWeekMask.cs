namespace BookingPortal.Domain;

/// <summary>A set of weekdays stored as one integer column.</summary>
[Flags]
public enum DaysOfWeekMask
{
    None = 0,
    Sunday = 1 << DayOfWeek.Sunday,
    Monday = 1 << DayOfWeek.Monday,
    Tuesday = 1 << DayOfWeek.Tuesday,
    Wednesday = 1 << DayOfWeek.Wednesday,
    Thursday = 1 << DayOfWeek.Thursday,
    Friday = 1 << DayOfWeek.Friday,
    Saturday = 1 << DayOfWeek.Saturday,
    Weekdays = Monday | Tuesday | Wednesday | Thursday | Friday,
    All = Weekdays | Saturday | Sunday,
}

public static class DaysOfWeekMaskExtensions
{
    public static bool Includes(this DaysOfWeekMask mask, DayOfWeek day) =>
        (mask & (DaysOfWeekMask)(1 << (int)day)) != 0;

    public static DaysOfWeekMask From(params DayOfWeek[] days) =>
        days.Aggregate(DaysOfWeekMask.None, (mask, day) => mask | (DaysOfWeekMask)(1 << (int)day));

    public static IEnumerable<DayOfWeek> Days(this DaysOfWeekMask mask) =>
        Enum.GetValues<DayOfWeek>().Where(day => mask.Includes(day));
}
