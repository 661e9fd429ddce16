namespace BookingPortal.Features.Branding;

/// <summary>
/// Light or dark, as the request that rendered the page chose it (the theme cookie). Routes sets it from
/// its parameter, which carries the choice into the circuit; the layout reads it. A scoped value, not a
/// cascading one: a CascadingValue is one more component in every circuit.
/// </summary>
[ScopedService]
public sealed class ChosenTheme
{
    public bool Dark { get; set; }
}
