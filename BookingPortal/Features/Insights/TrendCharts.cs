using MudBlazor;

namespace BookingPortal.Features.Insights;

/// <summary>The bookings page's charts: outcomes by week, the no-show rate, and waitlist offers.</summary>
public sealed class TrendCharts(IStringLocalizer<InsightsText> text)
{
    public IReadOnlyList<ChartFigure> For(BookingTrends trends)
    {
        var labels = trends.Weeks.Select(w => Week(w.WeekStart)).ToArray();
        return [Outcomes(trends, labels), NoShowRate(trends, labels), Waitlist(trends, labels)];
    }

    public static string Week(DateOnly monday) => monday.ToString("d MMM", CultureInfo.CurrentCulture);

    private ChartFigure Outcomes(BookingTrends trends, string[] labels)
    {
        var weeks = trends.Weeks;
        var caption = string.Format(CultureInfo.CurrentCulture,
            text["Appointments by week and what became of them: {0} kept, {1} no-shows, {2} cancelled ({3} with the fee kept), {4} moved."],
            weeks.Sum(w => w.Kept), weeks.Sum(w => w.NoShows), weeks.Sum(w => w.Cancelled), weeks.Sum(w => w.CancelledWithFee), weeks.Sum(w => w.Moved));
        var rows = weeks.Select(w => OpeningCharts.Row(Week(w.WeekStart), w.Kept, w.NoShows, w.Cancelled, w.CancelledWithFee, w.Moved));
        return new ChartFigure("bookings-by-week", text["Appointments by week"], caption, ChartType.StackedBar, labels,
            [
                ChartFigure.Line(text["Kept"], weeks.Select(w => (double)w.Kept)),
                ChartFigure.Line(text["No-shows"], weeks.Select(w => (double)w.NoShows)),
                ChartFigure.Line(text["Cancelled"], weeks.Select(w => (double)w.Cancelled)),
            ],
            new FigureTable([text["Week of"], text["Kept"], text["No-shows"], text["Cancelled"], text["Cancelled with fee kept"], text["Moved"]], rows.ToList()));
    }

    private ChartFigure NoShowRate(BookingTrends trends, string[] labels)
    {
        var caption = string.Format(CultureInfo.CurrentCulture, text["No-show rate by week, of the appointments that were due: {0} over the period."], Percent(trends.NoShowRate));
        var rows = trends.Weeks.Select(w => (IReadOnlyList<string>)[Week(w.WeekStart), Percent(w.NoShowRate)]);
        return new ChartFigure("no-show-rate", text["No-show rate"], caption, ChartType.Line, labels,
            [ChartFigure.Line(text["No-show rate (%)"], trends.Weeks.Select(w => Math.Round(100 * (w.NoShowRate ?? 0), 1)))],
            new FigureTable([text["Week of"], text["No-show rate"]], rows.ToList()));
    }

    private ChartFigure Waitlist(BookingTrends trends, string[] labels)
    {
        var weeks = trends.Waitlist;
        var caption = string.Format(CultureInfo.CurrentCulture, text["Waitlist offers by the week of the date offered: {0} made, {1} claimed, {2} lapsed."],
            weeks.Sum(w => w.Offered), weeks.Sum(w => w.Claimed), weeks.Sum(w => w.Lapsed));
        var rows = weeks.Select(w => OpeningCharts.Row(Week(w.WeekStart), w.Offered, w.Claimed, w.Lapsed));
        return new ChartFigure("waitlist-offers", text["Waitlist offers"], caption, ChartType.Bar, labels,
            [
                ChartFigure.Line(text["Offered"], weeks.Select(w => (double)w.Offered)),
                ChartFigure.Line(text["Claimed"], weeks.Select(w => (double)w.Claimed)),
                ChartFigure.Line(text["Lapsed"], weeks.Select(w => (double)w.Lapsed)),
            ],
            new FigureTable([text["Week of"], text["Offered"], text["Claimed"], text["Lapsed"]], rows.ToList()));
    }

    private string Percent(double? rate) => rate is { } r ? r.ToString("0.#%", CultureInfo.CurrentCulture) : text["none due"];
}
