using System.ComponentModel.DataAnnotations;

namespace BookingPortal.Components.Account.Pages;

/// <summary>The address asked for after a first sign-in with an external provider (Account/ExternalLogin).</summary>
public sealed class ExternalLoginInputModel
{
    [Required(ErrorMessageResourceType = typeof(FieldText), ErrorMessageResourceName = nameof(FieldText.Required))]
    [EmailAddress(ErrorMessageResourceType = typeof(FieldText), ErrorMessageResourceName = nameof(FieldText.EmailAddress))]
    [StringLength(254, ErrorMessageResourceType = typeof(FieldText), ErrorMessageResourceName = nameof(FieldText.MaxLength))]
    [Display(Name = nameof(FieldText.Email), ResourceType = typeof(FieldText))]
    public string Email { get; set; } = "";
}
