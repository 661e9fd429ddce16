using System.ComponentModel.DataAnnotations;

namespace BookingPortal.Components.Account.Pages;

/// <summary>The sign-in form (Account/Login): an address and password, or a passkey the browser gave.</summary>
public sealed class LoginInputModel
{
    [Required(ErrorMessageResourceType = typeof(FieldText), ErrorMessageResourceName = nameof(FieldText.Required))]
    [EmailAddress(ErrorMessageResourceType = typeof(FieldText), ErrorMessageResourceName = nameof(FieldText.EmailAddress))]
    [StringLength(254, ErrorMessageResourceType = typeof(FieldText), ErrorMessageResourceName = nameof(FieldText.MaxLength))]
    [Display(Name = nameof(FieldText.Email), ResourceType = typeof(FieldText))]
    public string Email { get; set; } = "";

    [Required(ErrorMessageResourceType = typeof(FieldText), ErrorMessageResourceName = nameof(FieldText.Required))]
    [DataType(DataType.Password)]
    [Display(Name = nameof(FieldText.Password), ResourceType = typeof(FieldText))]
    public string Password { get; set; } = "";

    [Display(Name = nameof(FieldText.RememberMe), ResourceType = typeof(FieldText))]
    public bool RememberMe { get; set; }

    public PasskeyInputModel? Passkey { get; set; }
}
