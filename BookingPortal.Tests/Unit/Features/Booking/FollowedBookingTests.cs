using BookingPortal.Features.Booking.Pages;

namespace BookingPortal.Tests.Unit.Features.Booking;

/// <summary>The one booking a confirmation page listens to, and which of its overlapping reads it shows (see FollowedBooking).</summary>
public sealed class FollowedBookingTests
{
    private readonly BookingChangeNotifier notifier = new(NullLogger<BookingChangeNotifier>.Instance);

    /// <summary>Of overlapping reads only the last one begun is shown; none once the page is gone, so none follows again.</summary>
    [Fact]
    public void Only_the_read_begun_last_is_shown_and_none_after_the_page_is_gone()
    {
        var followed = new FollowedBooking(notifier, () => Task.CompletedTask);
        var earlier = followed.BeginRead();
        var later = followed.BeginRead();

        (followed.IsLatest(earlier), followed.IsLatest(later)).Should().Be((false, true));
        followed.Dispose();
        followed.IsLatest(later).Should().BeFalse("a read that ends after the page is gone is not shown or followed");
    }
}
