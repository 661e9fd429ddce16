using BookingPortal.Features.Payments.Ports;

namespace BookingPortal.Features.Payments;

/// <summary>A held booking's checkout as the sweep read it: when it stops taking payment and its session, if one is open.</summary>
internal sealed record HeldCheckout(Guid BookingId, DateTime? ExpiresAtUtc, string? SessionId);

/// <summary>
/// One hold expiry sweep's say on each lapsed hold's checkout. The provider keeps a checkout open longer than a short
/// hold (Stripe at least 30 minutes, so a 10-minute hold's checkout stays open 31), and a customer who paid in that gap
/// found the booking cancelled, their money refunded and, on a scarce release, the seat gone. So the seat goes only once
/// the checkout can take no payment: the provider closed it, or it ended on its own. A checkout already paid confirms
/// the booking here (the webhook, when it comes, finds the payment recorded).
/// </summary>
internal sealed class CheckoutSweep(IPaymentGateway gateway, PaymentService payments, KeptHoldWarnings warnings, ILogger logger)
{
    /// <summary>Set once the provider did not answer in this sweep: the holds after it are not made to wait on it too.</summary>
    private bool providerSilent;

    /// <returns>True when the seat may be released: no checkout can be paid any more.</returns>
    public async Task<bool> MayReleaseAsync(HeldCheckout checkout, DateTime nowUtc, CancellationToken cancellationToken)
    {
        if (checkout.ExpiresAtUtc is not { } checkoutEnds)
        {
            // No checkout was started, or the one whose start failed was forgotten: no address to pay at reached anyone.
            return true;
        }

        // No session yet: a press of "Pay" is still being answered (its session is about to be shown), or died in the call.
        var closing = checkout.SessionId is not { } sessionId || providerSilent
            ? new CheckoutClosing(CheckoutClosingState.Unknown)
            : await gateway.CloseCheckoutAsync(sessionId, cancellationToken);
        if (closing.State == CheckoutClosingState.Closed)
        {
            return true;
        }

        if (closing is { State: CheckoutClosingState.Paid, PaymentReference: { } reference })
        {
            await payments.RecordDepositPaidAsync(checkout.BookingId, reference, closing.Amount, cancellationToken);
            return false;
        }

        providerSilent |= checkout.SessionId is not null;
        if (nowUtc >= checkoutEnds)
        {
            // Past the checkout's own end the provider takes no payment in it: waiting longer would only hold the seat.
            return true;
        }

        // Said once: a press that died mid-call leaves no session to close, and a warning every 30 s for half an hour
        // buried the log; the seat is held all the same, and released at the checkout's end.
        var level = warnings.IsFirst(checkout.BookingId, checkoutEnds, nowUtc) ? LogLevel.Warning : LogLevel.Debug;
        logger.Log(level, "The checkout of held booking {BookingId} could not be closed ({Why}); its seat stays held until it can be, at the latest {CheckoutEnds:O}.",
            checkout.BookingId, checkout.SessionId is null ? "no session recorded: the press of Pay is still being answered, or died" : "the provider did not answer",
            checkoutEnds);
        return false;
    }
}

/// <summary>
/// The holds the sweep has said it keeps for a checkout it could not close, on this instance: each is warned of once, not
/// every sweep until its checkout ends. Forgotten once that checkout has ended.
/// </summary>
[SingletonService]
public sealed class KeptHoldWarnings
{
    private readonly ConcurrentDictionary<Guid, DateTime> warned = new();

    /// <returns>True the first time the hold of <paramref name="bookingId"/> is kept for a checkout ending at <paramref name="checkoutEnds"/>.</returns>
    public bool IsFirst(Guid bookingId, DateTime checkoutEnds, DateTime nowUtc)
    {
        foreach (var (id, ends) in warned)
        {
            if (ends < nowUtc)
            {
                warned.TryRemove(id, out _);
            }
        }

        return warned.TryAdd(bookingId, checkoutEnds);
    }
}
