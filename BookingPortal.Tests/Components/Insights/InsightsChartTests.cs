using System.Globalization;
using System.Text;
using BookingPortal.Features.Insights;
using BookingPortal.Features.Insights.Components;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
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
            IsLive: false, [], Joined: 5, Admitted: 4, Lapsed: 1, MedianWait: TimeSpan.FromSeconds(10), P90Wait: TimeSpan.FromSeconds(210), SeatsBooked: 3, SeatsLeftNow: null, Trust: null);

        var summary = context.Render<OpeningSummary>(p => p.Add(c => c.Insights, opening));
        var chart = context.Render<InsightsChart>(p => p.Add(c => c.Figure, new OpeningCharts(Text).For(opening)[1]));

        summary.Find("[data-testid=median-wait]").TextContent.Should().Be("0 min 10 s");
        summary.Find("[data-testid=p90-wait]").TextContent.Should().Be("3 min 30 s");
        summary.Find("[data-testid=bookings-per-admission]").TextContent.Should().Be("0,75");
        summary.Markup.Should().Contain("aún no se registra", "challenge failures and draw checks are not recorded yet");
        chart.Find("figcaption").TextContent.Trim().Should().Be("Personas en la fila y admitidas por minuto: llegaron 5, se admitió a 4, la fila más larga fue de 0.");
        chart.Find("[data-testid=download-csv]").TextContent.Trim().Should().Be("Descargar CSV");
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
