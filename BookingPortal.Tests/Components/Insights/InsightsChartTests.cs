using System.Globalization;
using System.Text;
using BookingPortal.Features.Insights.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using MudBlazor.Services;

namespace BookingPortal.Tests.Components.Insights;

/// <summary>An Insights chart: its caption in words, the same numbers as a table, a formula-safe CSV, in English and Spanish.</summary>
public sealed class InsightsChartTests : IDisposable
{
    private readonly BunitContext context = new();
    private readonly CultureInfo culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo uiCulture = CultureInfo.CurrentUICulture;

    public InsightsChartTests()
    {
        context.Services.AddMudServices();
        context.Services.AddLocalization();
        context.JSInterop.Mode = JSRuntimeMode.Loose;
    }

    private IStringLocalizer<InsightsText> Text => context.Services.GetRequiredService<IStringLocalizer<InsightsText>>();

    [Fact]
    public void A_chart_has_its_caption_and_shows_the_same_numbers_as_a_table_on_request()
    {
        Use("en-US");
        var figure = new TrendCharts(Text).For(Trends()).First();

        var chart = context.Render<InsightsChart>(p => p.Add(c => c.Figure, figure));

        chart.Find("figcaption").TextContent.Trim().Should().Be("Appointments by week and what became of them: 7 kept, 2 no-shows, 1 cancelled (1 with the fee kept), 0 moved.");
        chart.Find("[data-testid=figure-chart]").GetAttribute("role").Should().Be("img");
        chart.FindAll("[data-testid=figure-chart] svg").Should().NotBeEmpty("MudBlazor draws the chart");
        chart.Find("[data-testid=toggle-table]").Click();
        chart.FindAll("[data-testid=figure-chart]").Should().BeEmpty();
        var rows = chart.FindAll("[data-testid=figure-table] tbody tr").Select(r => string.Join("|", r.Children.Select(c => c.TextContent))).ToList();
        rows.Should().Contain("16 Feb|3|2|1|1|0").And.Contain("23 Feb|4|0|0|0|0");
        chart.Find("[data-testid=toggle-table]").GetAttribute("aria-pressed").Should().Be("true");
    }

    [Fact]
    public void The_csv_download_carries_the_table_with_formulas_defused()
    {
        var table = new FigureTable(["Week of", "Name"], [["16 Feb", "=HYPERLINK(\"x\")"], ["23 Feb", "plain"]]);
        var figure = new ChartFigure("test", "Title", "Caption", ChartType.Bar, ["16 Feb", "23 Feb"], [ChartFigure.Line("n", [1, 2])], table);

        var chart = context.Render<InsightsChart>(p => p.Add(c => c.Figure, figure));

        var link = chart.Find("[data-testid=download-csv]");
        link.GetAttribute("download").Should().Be("test.csv");
        var base64 = link.GetAttribute("href")!.Split("base64,")[1];
        var csv = Encoding.UTF8.GetString(Convert.FromBase64String(base64)).TrimStart('\uFEFF');
        csv.Should().Be("Week of,Name\r\n16 Feb,\"'=HYPERLINK(\"\"x\"\")\"\r\n23 Feb,plain\r\n");
    }

    [Fact]
    public void Spanish_staff_read_the_charts_and_the_opening_summary_in_Spanish()
    {
        Use("es-ES");
        var opening = new OpeningInsights(new OpeningChoice(1, "Lunes", 1, "Consulta", "America/New_York", new DateTime(2026, 2, 23, 14, 0, 0, DateTimeKind.Utc)),
            IsLive: false, [], Joined: 5, Admitted: 4, Lapsed: 1, MedianWait: TimeSpan.FromSeconds(10), P90Wait: TimeSpan.FromSeconds(210), SeatsBooked: 3, SeatsLeftNow: null,
            Trust: new OpeningTrustFigures(ChallengesAsked: 40, ChallengesUnmet: 3, DrawCheck.Verified));

        var summary = context.Render<OpeningSummary>(p => p.Add(c => c.Insights, opening));
        var chart = context.Render<InsightsChart>(p => p.Add(c => c.Figure, new OpeningCharts(Text).For(opening)[1]));

        summary.Find("[data-testid=median-wait]").TextContent.Should().Be("0 min 10 s");
        summary.Find("[data-testid=p90-wait]").TextContent.Should().Be("3 min 30 s");
        summary.Find("[data-testid=bookings-per-admission]").TextContent.Should().Be("0,75");
        summary.Find("[data-testid=challenges]").TextContent.Should().Be("3 de 40 entradas a las que se pidió");
        summary.Find("[data-testid=draw]").TextContent.Should().Be("verificado");
        chart.Find("figcaption").TextContent.Trim().Should().Be("Personas en la fila y admitidas por minuto: llegaron 5, se admitió a 4, la fila más larga fue de 0.");
        chart.Find("[data-testid=download-csv]").TextContent.Trim().Should().Be("Descargar CSV");
    }

    [Fact]
    public void The_sell_out_curve_is_drawn_from_the_minutes_that_have_a_reading_of_seats_left()
    {
        Use("en-US");
        var doors = new DateTime(2026, 2, 23, 14, 0, 0, DateTimeKind.Utc);
        OpeningMinute Minute(int i, int? seatsLeft) => new(doors.AddMinutes(i), 0, 0, 0, 0, 0, seatsLeft);
        var opening = new OpeningInsights(new OpeningChoice(1, "Monday", 1, "Consultation", "America/New_York", doors),
            IsLive: false, [Minute(0, null), Minute(1, 12), Minute(2, 5), Minute(3, 0)], Joined: 0, Admitted: 0, Lapsed: 0, MedianWait: null, P90Wait: null,
            SeatsBooked: 0, SeatsLeftNow: null, Trust: new OpeningTrustFigures(0, 0, null));

        var figures = new OpeningCharts(Text).For(opening);

        var curve = figures[0];
        curve.Id.Should().Be("opening-seats-left");
        curve.Caption.Should().Be("Seats left on the service, minute by minute: 12 at 09:01, 0 at 09:03.");
        curve.Series.Single().Data.Should().Equal(12, 5, 0);
        curve.Table.Rows.Should().BeEquivalentTo(new[] { new[] { "09:01", "12" }, ["09:02", "5"], ["09:03", "0"] }, o => o.WithStrictOrdering());
        figures.Should().HaveCount(4);
        var withoutReadings = new OpeningCharts(Text).For(opening with { Minutes = [Minute(0, null)] });
        withoutReadings.Select(f => f.Id).Should().NotContain("opening-seats-left");
        withoutReadings[0].Caption.Should().EndWith("Seats left were not read during this opening.");
    }

    private static BookingTrends Trends() => new(
        new InsightsService(1, "Consultation", "America/New_York"),
        [new BookingWeek(new DateOnly(2026, 2, 16), 3, 1, 1, 0, 2), new BookingWeek(new DateOnly(2026, 2, 23), 4, 0, 0, 0, 0)],
        [new WaitlistWeek(new DateOnly(2026, 2, 16), 3, 1, 1), new WaitlistWeek(new DateOnly(2026, 2, 23), 0, 0, 0)]);

    private static void Use(string name)
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
    }

    public void Dispose()
    {
        (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        context.Dispose();
    }
}
