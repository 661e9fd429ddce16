using MudBlazor;

namespace BookingPortal.Features.Insights;

/// <summary>The demand page's heat maps: weekdays down, the service's opening hours across.</summary>
public sealed class DemandCharts(IStringLocalizer<InsightsText> text)
{
    public IReadOnlyList<ChartFigure> For(DemandMap map)
    {
        var hours = Hours(map);
        return
        [
            Heat(map, map.Bookings, hours, "demand-bookings", text["Appointments by weekday and hour"],
                text["Appointments booked by weekday and hour of the service's clock. Busiest: {0} at {1}, {2} appointments."]),
            Heat(map, map.FullSlots, hours, "demand-full-slots", text["Fully booked slots by weekday and hour"],
                text["Slots that were fully booked, by weekday and hour. Most often: {0} at {1}, {2} slots."]),
        ];
    }

    private ChartFigure Heat(DemandMap map, int[,] cells, int[] hours, string id, string title, string headline)
    {
        var caption = map.Busiest(cells) is { } busiest
            ? string.Format(CultureInfo.CurrentCulture, headline, DayName(busiest.Day), Hour(busiest.Hour), busiest.Count)
            : text["Nothing in this period."];
        var days = Enumerable.Range(0, DemandMap.Days).ToList();
        var series = days.Select(d => ChartFigure.Line(DayName(DemandMap.DayOf(d)), hours.Select(h => (double)cells[d, h]))).ToList();
        // The table has an hour a row and a weekday a column: eight columns fit a tablet without scrolling sideways.
        var rows = hours.Select(h => OpeningCharts.Row(Hour(h), days.Select(d => cells[d, h]).ToArray())).ToList();
        return new ChartFigure(id, title, caption, ChartType.HeatMap, hours.Select(Hour).ToArray(), series,
            new FigureTable([text["Time"], .. days.Select(d => DayName(DemandMap.DayOf(d)))], rows));
    }

    /// <summary>The hours that had any slot or booking (a clinic's day, not the whole 24), or 8 to 18 when there is nothing yet.</summary>
    private static int[] Hours(DemandMap map)
    {
        var used = Enumerable.Range(0, DemandMap.Hours)
            .Where(h => Enumerable.Range(0, DemandMap.Days).Any(d => map.Bookings[d, h] > 0 || map.FullSlots[d, h] > 0)).ToList();
        return used.Count == 0 ? [.. Enumerable.Range(8, 11)] : [.. Enumerable.Range(used.Min(), used.Max() - used.Min() + 1)];
    }

    private static string DayName(DayOfWeek day) => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(day);

    private static string Hour(int hour) => new TimeOnly(hour, 0).ToString("HH:mm", CultureInfo.CurrentCulture);
}
