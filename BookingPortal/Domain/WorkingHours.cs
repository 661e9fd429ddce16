namespace BookingPortal.Domain;

/// <summary>
/// One range of a practitioner's weekly rota, in wall time of the service's zone; several on one day leave breaks
/// between them. Valid from and to dates (both included) let a new rota start on a later date.
/// </summary>
public class WorkingHours
{
    public int Id { get; set; }
    public int PractitionerId { get; set; }
    public DayOfWeek Day { get; set; }
    public TimeOnly Start { get; set; }
    public TimeOnly End { get; set; }
    public DateOnly? ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }

    public bool AppliesOn(DateOnly localDate) =>
        localDate.DayOfWeek == Day && (ValidFrom is not { } from || localDate >= from) && (ValidTo is not { } to || localDate <= to);
}
