using MudBlazor;

namespace BookingPortal.Features.Insights;

/// <summary>The opening page's charts, captions and tables, with times on the service's clock.</summary>
public sealed class OpeningCharts(IStringLocalizer<InsightsText> text)
{
    public IReadOnlyList<ChartFigure> For(OpeningInsights insights)
    {
        var calendar = new InsightsCalendar(insights.Opening.TimeZoneId);
        var minutes = insights.Minutes;
        var times = minutes.Select(m => calendar.Local(m.MinuteUtc).ToString("HH:mm", CultureInfo.CurrentCulture)).ToArray();
        var labels = times.Select((t, i) => i % LabelEvery(minutes.Count) == 0 ? t : "").ToArray();
        var booked = Cumulative(minutes.Select(m => m.SeatsBooked)).ToList();
        var seatsLeft = SeatsLeft(insights, times);
        return seatsLeft is null
            ? [Seats(insights, labels, times, booked), Queue(insights, labels, times), Lapsed(insights, labels, times)]
            : [seatsLeft, Seats(insights, labels, times, booked), Queue(insights, labels, times), Lapsed(insights, labels, times)];
    }

    /// <summary>The sell-out curve from the minutes that have a reading of seats left; null when the opening has none.</summary>
    private ChartFigure? SeatsLeft(OpeningInsights insights, string[] times)
    {
        var read = insights.Minutes.Select((m, i) => (Time: times[i], Left: m.SeatsLeft)).Where(m => m.Left is not null).Select(m => (m.Time, Left: m.Left!.Value)).ToList();
        if (read.Count == 0)
        {
            return null;
        }

        var caption = string.Format(CultureInfo.CurrentCulture, text["Seats left on the service, minute by minute: {0} at {1}, {2} at {3}."],
            read[0].Left, read[0].Time, read[^1].Left, read[^1].Time);
        var labels = read.Select((m, i) => i % LabelEvery(read.Count) == 0 ? m.Time : "").ToArray();
        return new ChartFigure("opening-seats-left", text["Seats left (the sell-out curve)"], caption, ChartType.Line, labels,
            [ChartFigure.Line(text["Seats left"], read.Select(m => (double)m.Left))],
            new FigureTable([text["Time"], text["Seats left"]], read.Select(m => Row(m.Time, m.Left)).ToList()));
    }

    private ChartFigure Seats(OpeningInsights insights, string[] labels, string[] times, List<int> booked)
    {
        var caption = string.Format(CultureInfo.CurrentCulture, text["Seats booked on the service since the doors opened, minute by minute: {0} in all."], insights.SeatsBooked);
        if (insights.SeatsLeftNow is { } left)
        {
            caption += " " + string.Format(CultureInfo.CurrentCulture, text["{0} seats are left now."], left);
        }

        if (insights.Minutes.All(m => m.SeatsLeft is null))
        {
            caption += " " + text["Seats left were not read during this opening."];
        }

        var rows = times.Select((t, i) => Row(t, booked[i]));
        return new ChartFigure("opening-seats", text["Seats booked (the sell-out curve)"], caption, ChartType.Line, labels,
            [ChartFigure.Line(text["Seats booked"], booked.Select(b => (double)b))],
            new FigureTable([text["Time"], text["Seats booked"]], rows.ToList()));
    }

    private ChartFigure Queue(OpeningInsights insights, string[] labels, string[] times)
    {
        var minutes = insights.Minutes;
        var longest = minutes.Count == 0 ? 0 : minutes.Max(m => m.InLine);
        var caption = string.Format(CultureInfo.CurrentCulture, text["People in line and admitted per minute: {0} joined, {1} were admitted, the longest line was {2}."],
            insights.Joined, insights.Admitted, longest);
        var rows = minutes.Select((m, i) => Row(times[i], m.InLine, m.Joined, m.Admitted));
        return new ChartFigure("opening-queue", text["People in line and admitted"], caption, ChartType.Line, labels,
            [ChartFigure.Line(text["In line"], minutes.Select(m => (double)m.InLine)), ChartFigure.Line(text["Admitted"], minutes.Select(m => (double)m.Admitted))],
            new FigureTable([text["Time"], text["In line"], text["Joined"], text["Admitted"]], rows.ToList()));
    }

    private ChartFigure Lapsed(OpeningInsights insights, string[] labels, string[] times)
    {
        var minutes = insights.Minutes;
        var caption = string.Format(CultureInfo.CurrentCulture, text["Turns that lapsed unused, per minute: {0} of {1} admissions."], insights.Lapsed, insights.Admitted);
        var rows = minutes.Select((m, i) => Row(times[i], m.Lapsed));
        return new ChartFigure("opening-lapsed", text["Turns that lapsed"], caption, ChartType.Bar, labels,
            [ChartFigure.Line(text["Lapsed"], minutes.Select(m => (double)m.Lapsed))],
            new FigureTable([text["Time"], text["Lapsed"]], rows.ToList()));
    }

    /// <summary>"3 min 20 s": waits are minutes long, so seconds are enough precision.</summary>
    public string Duration(TimeSpan? wait) => wait is { } w
        ? string.Format(CultureInfo.CurrentCulture, text["{0} min {1} s"], (int)w.TotalMinutes, w.Seconds)
        : text["nobody admitted yet"];

    /// <summary>"3 of 40 entries asked": entries that never proved the work they were asked for.</summary>
    public string Challenges(OpeningTrustFigures trust) => trust.ChallengesAsked == 0
        ? text["no entry was asked"]
        : string.Format(CultureInfo.CurrentCulture, text["{0} of {1} entries asked"], trust.ChallengesUnmet, trust.ChallengesAsked);

    public string Draw(OpeningTrustFigures trust) => trust.Draw switch
    {
        null => text["not drawn yet"],
        DrawCheck.Verified => text["verified"],
        _ => text["does not verify"],
    };

    internal static IReadOnlyList<string> Row(string first, params int[] numbers) => [first, .. numbers.Select(n => n.ToString(CultureInfo.CurrentCulture))];

    private static IEnumerable<int> Cumulative(IEnumerable<int> values)
    {
        var sum = 0;
        foreach (var value in values)
        {
            yield return sum += value;
        }
    }

    /// <summary>About a dozen time labels under the chart; the table has every minute.</summary>
    private static int LabelEvery(int count) => count <= 15 ? 1 : count <= 60 ? 5 : count <= 180 ? 15 : 30;
}
