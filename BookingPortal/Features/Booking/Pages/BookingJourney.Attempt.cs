using System.Security.Claims;
using BookingPortal.Features.Bookings;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Booking.Pages;

/// <summary>The journey's attempt to book the picked time, and its refusal.</summary>
public sealed partial class BookingJourney
{
    private bool refusalTakesFocus;

    /// <summary>Books (or moves to) the picked time; the confirmation number to go to, or null when refused (see <see cref="Error"/>).</summary>
    public async Task<string?> BookAsync(ClaimsPrincipal user)
    {
        if (Service is not { } service || SelectedSlot is not { } slot || Busy || CustomerAllowedToBook() is not { } customerId)
        {
            return null;
        }

        Busy = true;
        Error = null;
        var booked = false;
        try
        {
            var result = Reschedule is null
                ? await host.ReserveAsync(new ReserveRequest(customerId, service.Id, slot.StartUtc, idempotencyKey, PractitionerId: Practitioner.SelectedId) { Answers = Answers.Given(CultureInfo.CurrentUICulture), TermsShown = BookingTerms.Of(service) })
                : await host.RescheduleAsync(new RescheduleRequest(Reschedule, customerId, await host.IsStaffAsync(user), slot.StartUtc, Practitioner.SelectedId));
            if (result.Booking is { } booking)
            {
                // The page leaves for the confirmation: the button keeps spinning rather than coming back for a moment.
                booked = true;
                return booking.ConfirmationNumber;
            }

            Answers.ShowProblems(result.AnswerProblems);
            Error = result.Error is { } refusal ? BookingErrorText.For(refusal, service, text) : result.Message;
            // The summary shows the terms the next press books on.
            Service = result.Error == BookingError.TermsChanged ? await host.GetServiceAsync(service.Id) ?? service : service;
        }
        finally
        {
            // A refusal or a failure leaves the button usable: the customer can pick again or retry.
            Busy = booked;
        }

        await RefreshAsync();
        // The time was taken meanwhile: the summary and the button pressed went with it, so the refusal beside the pickers
        // takes the focus (else it falls to the page and a screen reader may not say why).
        refusalTakesFocus = Error is not null && SelectedSlot is null;
        return null;
    }

    /// <summary>
    /// True once after a refusal that took the picked time away (see <see cref="BookAsync"/>): the page then moves focus to
    /// the refusal it shows in the summary's place (WCAG 2.4.3, 4.1.3). A refusal with the summary still there is focused by it.
    /// </summary>
    public bool TakeRefusalFocus()
    {
        var take = refusalTakesFocus;
        refusalTakesFocus = false;
        return take;
    }

    /// <summary>Who books now, or null with the reason in <see cref="Error"/> (not signed in, too many attempts).</summary>
    private string? CustomerAllowedToBook()
    {
        if (CustomerId is not { } customerId)
        {
            Error = text["Please sign in to book."];
            return null;
        }

        if (!host.TryReserve(customerId, ClientAddress))
        {
            Error = text["Too many attempts. Please wait a few seconds and try again."];
            return null;
        }

        return customerId;
    }
}
