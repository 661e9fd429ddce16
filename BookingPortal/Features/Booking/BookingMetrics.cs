using BookingPortal.Features.Bookings;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using BookingPortal.Infrastructure.Telemetry;

namespace BookingPortal.Features.Booking;

/// <summary>What the booking path reports: bookings made, refusals by reason, and how long a customer waited for the answer.</summary>
public static class BookingMetrics
{
    public static readonly Meter Meter = new("BookingPortal.Booking");

    /// <summary>One span per reservation, around the batch that writes it.</summary>
    public static readonly ActivitySource Source = new("BookingPortal.Booking");

    public const string BookedName = "bookingportal.bookings.booked";
    public const string RefusedName = "bookingportal.bookings.refused";
    public const string DurationName = "bookingportal.booking.duration";

    private static readonly Counter<long> Booked = Meter.CreateCounter<long>(BookedName, "{booking}", "Seats reserved.");
    private static readonly Counter<long> Refused = Meter.CreateCounter<long>(RefusedName, "{booking}", "Reservations refused, by reason.");
    private static readonly Histogram<double> Duration = Meter.CreateHistogram(DurationName, "s", "Time from a reservation request to its answer.", advice: SecondsBuckets.Advice);

    /// <summary>Counts the answer and its latency, and hands the answer back so a caller records in one line.</summary>
    public static ReserveResult Record(ReserveResult result, long startedTimestamp)
    {
        var outcome = new KeyValuePair<string, object?>("outcome", result.Error is null ? "booked" : "refused");
        Duration.Record(Stopwatch.GetElapsedTime(startedTimestamp).TotalSeconds, outcome);
        if (result.Error is { } error)
        {
            Refused.Add(1, new KeyValuePair<string, object?>("reason", error.ToString()));
            Activity.Current?.SetTag("booking.refused", error.ToString());
        }
        else
        {
            Booked.Add(1);
        }

        return result;
    }
}
