namespace BookingPortal.Infrastructure.Http;

/// <summary>The Retry-After header of a refusal: whole seconds, rounded up, so a client that waits that long is let in.</summary>
public static class RetryAfter
{
    public static void Set(HttpResponse response, TimeSpan wait) =>
        response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
}
