using BookingPortal.Features.Admin;
using MudBlazor;

namespace BookingPortal.Features.Insights;

/// <summary>The numbers behind a chart, as its table view and its CSV download show them.</summary>
public sealed record FigureTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    /// <summary>UTF-8 CSV with a header row; cells quoted and formula-defused by the appointments export's own rule.</summary>
    public string ToCsv()
    {
        var csv = new StringBuilder();
        foreach (var row in Rows.Prepend(Headers))
        {
            csv.AppendJoin(',', row.Select(AppointmentsService.Cell)).Append("\r\n");
        }

        return csv.ToString();
    }

    /// <summary>A link target that downloads the CSV without another request (the numbers are already on the page).</summary>
    public string CsvDataUri() =>
        "data:text/csv;charset=utf-8;base64," + Convert.ToBase64String([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(ToCsv())]);
}

/// <summary>
/// One chart of an Insights page: what it draws (a MudBlazor chart type, labels, series), the sentence that says what it
/// shows and its headline figure (read by screen readers, shown to everyone), and the same numbers as a table.
/// </summary>
public sealed record ChartFigure(string Id, string Title, string Caption, ChartType Type, string[] Labels, List<ChartSeries<double>> Series, FigureTable Table)
{
    public string FileName => $"{Id}.csv";

    public static ChartSeries<double> Line(string name, IEnumerable<double> values) => new() { Name = name, Data = values.ToArray() };

    public static string Number(double value) => value.ToString("0.##", CultureInfo.CurrentCulture);
}
