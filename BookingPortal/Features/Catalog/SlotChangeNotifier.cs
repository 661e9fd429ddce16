namespace BookingPortal.Features.Catalog;

/// <summary>A service's seat counts changed: pickers and the waiting room refresh. Keyed by service id.</summary>
public sealed class SlotChangeNotifier(ILogger<SlotChangeNotifier> logger) : ChangeNotifier<int>(logger);
