using System.Runtime.CompilerServices;

namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// bUnit's WaitFor helpers give up after one second by default. The components tests render with the portal's own
/// services wait for its database and its timers, and on the shared 2-core runner, beside browsers and servers, a
/// render came later than that (WaitingRoomContentTests failed a full run so, its check never reached). The wait ends
/// as soon as its condition holds, so a longer limit slows only a test that is failing anyway.
/// </summary>
internal static class BunitWaits
{
    [ModuleInitializer]
    internal static void AllowForALoadedMachine() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
