namespace BookingPortal.Features.Catalog;

/// <summary>A service's seat counts changed: pickers and the waiting room refresh. Keyed by service id.</summary>
// One per process: a change published anywhere reaches every page listening, a waiting customer's among them (ServiceLifetimeTests).
[SingletonService]
public sealed class SlotChangeNotifier(ILogger<SlotChangeNotifier> logger) : ChangeNotifier<int>(logger);
