using System.ComponentModel.DataAnnotations;

namespace BookingPortal.Features.Notifications;

/// <summary>A phone number text messages can reach: E.164, e.g. +12125550100 (spaces and dashes allowed while typing).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.Parameter)]
public sealed class E164PhoneAttribute : ValidationAttribute
{
    public E164PhoneAttribute() : base($"Enter the number with its country code. {Domain.PhoneNumber.FormatHint}")
    {
    }

    public override bool IsValid(object? value) =>
        value is null || (value is string text && (text.Length == 0 || Domain.PhoneNumber.TryNormalize(text, out _)));
}
