namespace BookingPortal.Features.Questions;

/// <summary>
/// A number as a customer types it on the booking form. The culture's own reading comes first ("3,5" and "1.500" in
/// Spanish, "3.5" and "1,500" in English), but only where its group marks stand in threes: .NET accepts a group mark
/// anywhere, so "72.5" on the Spanish page was read as 725. A phone's keypad offers whichever decimal mark its region
/// uses, so one mark of the other kind that cannot be grouping is the decimal point.
/// </summary>
public static class TypedNumber
{
    private const NumberStyles Plain = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public static decimal? Parse(string? typed, CultureInfo culture)
    {
        var text = typed?.Trim() ?? "";
        var format = culture.NumberFormat;
        var (point, group) = (format.NumberDecimalSeparator, format.NumberGroupSeparator);
        var pieces = text.Split(point);
        if (pieces.Length > 2 || (pieces.Length == 2 && pieces[1].Contains(group)))
        {
            return null;
        }

        if (GroupedInThrees(pieces[0], group))
        {
            return decimal.TryParse(text.Replace(group, ""), Plain, culture, out var number) ? number : null;
        }

        var marks = text.Count(c => c is '.' or ',');
        return marks == 1 && !text.Contains(point) && decimal.TryParse(text.Replace(group, point), Plain, culture, out var swapped) ? swapped : null;
    }

    /// <summary>"1.234.567" and "12" are; "72.5" and "1.2345" are not.</summary>
    private static bool GroupedInThrees(string whole, string group)
    {
        var parts = whole.TrimStart('-', '+').Split(group);
        return parts.Length == 1 || (parts[0].Length is >= 1 and <= 3 && parts.Skip(1).All(p => p.Length == 3));
    }
}
