using System.Security.Claims;
using BookingPortal.Features.Cancellation.Components;
using MudBlazor;

namespace BookingPortal.Features.Cancellation;

/// <summary>Opens the cancel dialog for the signed-in user; returns the outcome message, or null when they kept the booking.</summary>
public static class CancellationDialogs
{
    public static async Task<string?> ConfirmCancelAsync(this IDialogService dialogs, string confirmationNumber, ClaimsPrincipal user)
    {
        var parameters = new DialogParameters<CancelBookingDialog>
        {
            { d => d.ConfirmationNumber, confirmationNumber },
            { d => d.UserId, PortalClaims.UserId(user) ?? "" },
        };
        var dialog = await dialogs.ShowAsync<CancelBookingDialog>("Cancel booking", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string message } ? message : null;
    }
}
