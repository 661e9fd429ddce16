namespace BookingPortal.Features.Staff.Components;

/// <summary>
/// A check's errors about the rows of an editable list (keyed <c>Prefix[index]…</c>), kept with the row each was
/// about. Why: removing a row after a failed save moves the rows below it up, and errors looked up by index would
/// then stand beside the wrong row, or beside none when the removed row was the one at fault.
/// </summary>
/// <param name="prefix">The list's name in the error keys, such as <c>TimeSlots</c>.</param>
/// <param name="rowsChecked">The rows as they were checked, in the order the indexes count.</param>
/// <param name="errors">The check's errors by key; several for one key are joined.</param>
public sealed class RowErrors<TRow>(string prefix, IReadOnlyList<TRow> rowsChecked, IEnumerable<KeyValuePair<string, string>> errors)
    where TRow : class
{
    private readonly Dictionary<TRow, int> indexChecked = rowsChecked
        .Select((row, index) => (row, index))
        .ToDictionary<(TRow row, int index), TRow, int>(r => r.row, r => r.index, ReferenceEqualityComparer.Instance);

    private readonly Dictionary<string, string> byKey = errors
        .GroupBy(e => e.Key, e => e.Value)
        .ToDictionary(g => g.Key, g => string.Join(" ", g));

    /// <summary>No check yet: no errors.</summary>
    public static RowErrors<TRow> None { get; } = new("", [], []);

    /// <summary>The error about the list as a whole (keyed by the prefix alone), such as its owner being gone.</summary>
    public string? ForList => byKey.GetValueOrDefault(prefix);

    /// <summary>The row's error for the field (such as <c>.Start</c>, or none for the row as a whole); none for a row added since.</summary>
    public string? For(TRow row, string field = "") =>
        indexChecked.TryGetValue(row, out var index) ? byKey.GetValueOrDefault($"{prefix}[{index}]{field}") : null;
}
