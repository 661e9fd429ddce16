using BookingPortal.Features.Booking.Pages;

namespace BookingPortal.Tests.Unit.Features.Booking;

/// <summary>The one booking a confirmation page listens to, and which of its overlapping reads it shows (see FollowedBooking).</summary>
public sealed class FollowedBookingTests
{
    private readonly BookingChangeNotifier notifier = new(NullLogger<BookingChangeNotifier>.Instance);
    private int heard;

    /// <summary>The page shows no booking (a number that is none, or not the reader's): it listens to none, the one before included.</summary>
    [Fact]
    public void Following_no_booking_stops_listening_to_the_one_before_and_hears_nothing_more()
    {
        var booking = Guid.NewGuid();
        using var followed = new FollowedBooking(notifier, Heard);
        followed.Follow(booking);
        notifier.NotifyChanged(booking);

        followed.Follow(null);
        followed.Follow(null);
        notifier.NotifyChanged(booking);

        (heard, followed.BookingId, notifier.SubscriberCount(booking)).Should().Be((1, (Guid?)null, 0));
    }

    [Fact]
    public void Following_no_booking_before_any_listens_to_nothing()
    {
        using var followed = new FollowedBooking(notifier, Heard);

        followed.Follow(null);

        followed.BookingId.Should().BeNull();
    }

    /// <summary>Of overlapping reads only the last one begun is shown; none once the page is gone, so none follows again.</summary>
    [Fact]
    public void Only_the_read_begun_last_is_shown_and_none_after_the_page_is_gone()
    {
        var followed = new FollowedBooking(notifier, Heard);
        var earlier = followed.BeginRead();
        var later = followed.BeginRead();

        (followed.IsLatest(earlier), followed.IsLatest(later)).Should().Be((false, true));
        followed.Dispose();
        followed.IsLatest(later).Should().BeFalse("a read that ends after the page is gone is not shown or followed");
    }

    private Task Heard()
    {
        heard++;
        return Task.CompletedTask;
    }
}
