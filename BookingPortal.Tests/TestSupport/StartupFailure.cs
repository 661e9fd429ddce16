namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// The app's own start-up exception for a portal that must refuse to start. When start-up fails
/// fast on a busy machine, WebApplicationFactory's deferred host can find the failed host already
/// disposed and throw ObjectDisposedException instead (seen under load); that says nothing about
/// the app, so it starts a fresh portal and tries again.
/// </summary>
public static class StartupFailure
{
    public static async Task<Exception?> OfAsync(Func<WebApplicationFactory<Program>> newPortal)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var factory = newPortal();
            try
            {
                factory.CreateClient();
                return null;
            }
            catch (ObjectDisposedException) when (attempt < 5)
            {
            }
            catch (Exception ex)
            {
                return ex;
            }
        }
    }
}
