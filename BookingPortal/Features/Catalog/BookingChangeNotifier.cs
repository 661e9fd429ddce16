namespace BookingPortal.Features.Catalog;

/// <summary>
/// One booking's status or payment changed (deposit paid, hold expired, cancelled, moved, checked in or
/// missed): its confirmation page reloads it. Keyed by booking id, so an opening that sells thousands of
/// seats reloads each open confirmation page for its own booking only, not for every seat of the service.
/// In this process only, as the seat notifications are: another instance's page hears of its booking
/// when it next renders.
/// </summary>
// One per process: a change published anywhere reaches every page listening, a waiting customer's among them (ServiceLifetimeTests).
[SingletonService]
public sealed class BookingChangeNotifier(ILogger<BookingChangeNotifier> logger) : ChangeNotifier<Guid>(logger);
