using Microsoft.AspNetCore.Components;

namespace BookingPortal.Components.Shared;

/// <summary>
/// Links to the account pages that bring the customer back to the page they are on (its path and query, within the
/// portal): signing in from the book page, creating an account from the waiting room, mailing the confirmation again.
/// </summary>
public static class BackHere
{
    public static string Login(NavigationManager navigation) => $"Account/Login?returnUrl={ReturnUrl(navigation)}";

    public static string Register(NavigationManager navigation) => $"Account/Register?returnUrl={ReturnUrl(navigation)}";

    public static string ResendConfirmation(NavigationManager navigation) => $"Account/ResendEmailConfirmation?returnUrl={ReturnUrl(navigation)}";

    private static string ReturnUrl(NavigationManager navigation) => Uri.EscapeDataString("/" + navigation.ToBaseRelativePath(navigation.Uri));
}
