namespace BookingPortal.Domain;

/// <summary>A rule a service's settings break, named by the field the message belongs beside.</summary>
public sealed record FieldError(string Field, string Message);

/// <summary>What a service's configuration must satisfy before it can be saved (DESIGN.md §1).</summary>
public static class ServiceRules
{
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 2000;
    public const int MaxAddressLength = 400;

    /// <summary>Half a day either side is already more than any clinic needs; more is a typo.</summary>
    public const int MaxBufferMinutes = 12 * 60;

    /// <summary>A year before the start; more is a typo.</summary>
    public const int MaxChangesAllowedUntilHours = 365 * 24;

    /// <summary>Thirty days: a request left longer than that is a seat lost to everyone else.</summary>
    public const int MaxApprovalHoldHours = 30 * 24;

    public static IReadOnlyList<FieldError> Validate(Service service)
    {
        var errors = new List<FieldError>();
        ValidateTexts(service, errors);
        ValidateDurationPriceAndZone(service, errors);
        ValidateBookingWindow(service, errors);
        ValidateDepositAndCancellation(service, errors);
        ValidateTimeAroundAppointment(service, errors);
        ValidateLocation(service, errors);
        ValidateSlots(service, errors);
        return errors;
    }

    private static void ValidateTexts(Service service, List<FieldError> errors)
    {
        errors.Require(!string.IsNullOrWhiteSpace(service.Name), nameof(Service.Name), "Give the service a name.");
        errors.Require(service.Name.Length <= MaxNameLength, nameof(Service.Name), $"Keep the name to {MaxNameLength} characters.");
        errors.Require((service.Description ?? "").Length <= MaxDescriptionLength, nameof(Service.Description), $"Keep the description to {MaxDescriptionLength} characters.");
        errors.Require((service.Address ?? "").Length <= MaxAddressLength, nameof(Service.Address), $"Keep the address to {MaxAddressLength} characters.");
        errors.Require((service.VideoLink ?? "").Length <= MaxAddressLength, nameof(Service.VideoLink), $"Keep the video link to {MaxAddressLength} characters.");
    }

    private static void ValidateDurationPriceAndZone(Service service, List<FieldError> errors)
    {
        errors.Require(service.DurationMinutes is > 0 and <= 24 * 60, nameof(Service.DurationMinutes), "The duration must be between 1 minute and 24 hours.");
        errors.Require(service.Price >= 0, nameof(Service.Price), "The price cannot be negative.");
        RequireStorableAmount(service.Price, service.Currency, nameof(Service.Price), "the price", errors);
        errors.Require(service.Currency.Length == 3 && service.Currency.All(char.IsAsciiLetterUpper), nameof(Service.Currency), "Use a three-letter currency code such as USD.");
        errors.Require(IsIanaZone(service.TimeZoneId), nameof(Service.TimeZoneId), "Choose a time zone such as America/New_York.");
    }

    private static void ValidateBookingWindow(Service service, List<FieldError> errors)
    {
        errors.Require(service.AvailableDays != DaysOfWeekMask.None, nameof(Service.AvailableDays), "Choose at least one day.");
        errors.Require(service.MaxAdvanceBookingDays is >= 1 and <= 730, nameof(Service.MaxAdvanceBookingDays), "Bookings can open between 1 and 730 days ahead.");
        errors.Require(service.MinAdvanceBookingHours >= 0, nameof(Service.MinAdvanceBookingHours), "The minimum notice cannot be negative.");
        errors.Require(service.MinAdvanceBookingHours < service.MaxAdvanceBookingDays * 24, nameof(Service.MinAdvanceBookingHours),
            "The minimum notice must be shorter than how far ahead bookings open.");
        errors.Require(service.MaxActiveBookingsPerCustomer is >= 1 and <= 100, nameof(Service.MaxActiveBookingsPerCustomer), "Allow between 1 and 100 upcoming bookings per customer.");
    }

    private static void ValidateDepositAndCancellation(Service service, List<FieldError> errors)
    {
        if (service.RequireDeposit)
        {
            errors.Require(service.DepositAmount > 0, nameof(Service.DepositAmount), "A required deposit must be more than zero.");
        }

        errors.Require(service.DepositAmount >= 0, nameof(Service.DepositAmount), "The deposit cannot be negative.");
        RequireStorableAmount(service.DepositAmount, service.Currency, nameof(Service.DepositAmount), "the deposit", errors);
        errors.Require(service.DepositAmount <= service.Price, nameof(Service.DepositAmount), "The deposit cannot be more than the price.");
        errors.Require(service.FreeCancellationHours is >= 0 and <= 24 * 60, nameof(Service.FreeCancellationHours), "Free cancellation must end between 0 and 1,440 hours before the start.");
        errors.Require(service.ChangesAllowedUntilHours is >= 0 and <= MaxChangesAllowedUntilHours, nameof(Service.ChangesAllowedUntilHours),
            "Changes must close between 0 and 8,760 hours (a year) before the start.");
        errors.Require(service.ChangesAllowedUntilHours >= service.FreeCancellationHours, nameof(Service.ChangesAllowedUntilHours),
            $"Changes must close at least {service.FreeCancellationHours} hours before the start, when free cancellation ends: a move inside the fee window would let a customer dodge the late-cancellation fee.");
        errors.Require(service.CancellationFee >= 0, nameof(Service.CancellationFee), "The cancellation fee cannot be negative.");
        RequireStorableAmount(service.CancellationFee, service.Currency, nameof(Service.CancellationFee), "the cancellation fee", errors);
    }

    /// <summary>The largest amount a service may ask: Stripe's largest charge, well inside the money columns (18 digits, 2 after the point).</summary>
    public const decimal MaxAmount = 999_999.99m;

    /// <summary>
    /// What the money columns and the card gateway can hold: a larger amount made the database refuse the save (the
    /// editor showed the error page), and a third decimal was rounded away without a word. In a currency without a
    /// smaller unit (yen) no card can be charged a decimal.
    /// </summary>
    private static void RequireStorableAmount(decimal amount, string currency, string field, string what, List<FieldError> errors)
    {
        errors.Require(amount <= MaxAmount, field, $"Keep {what} to {MaxAmount.ToString("N2", System.Globalization.CultureInfo.InvariantCulture)} or less.");
        errors.Require(CurrencyDecimals.Fits(amount, currency), field, CurrencyDecimals.Of(currency) == 0
            ? $"Give {what} in whole {currency}, such as 1500: {currency} has no smaller unit."
            : $"Give {what} in whole cents, such as 12.50.");
    }

    private static void ValidateTimeAroundAppointment(Service service, List<FieldError> errors)
    {
        errors.Require(service.NoShowGraceMinutes is >= 0 and <= 24 * 60, nameof(Service.NoShowGraceMinutes), "The grace period must be between 0 minutes and 24 hours.");
        errors.Require(service.BufferBeforeMinutes is >= 0 and <= MaxBufferMinutes, nameof(Service.BufferBeforeMinutes), $"The buffer before must be between 0 and {MaxBufferMinutes} minutes.");
        errors.Require(service.BufferAfterMinutes is >= 0 and <= MaxBufferMinutes, nameof(Service.BufferAfterMinutes), $"The buffer after must be between 0 and {MaxBufferMinutes} minutes.");
        errors.Require(service.ApprovalHoldHours is >= 1 and <= MaxApprovalHoldHours, nameof(Service.ApprovalHoldHours), $"Staff must have between 1 and {MaxApprovalHoldHours} hours to answer a request.");
    }

    private static void ValidateLocation(Service service, List<FieldError> errors)
    {
        if (service.LocationKind == LocationKind.InPerson)
        {
            errors.Require(!string.IsNullOrWhiteSpace(service.Address), nameof(Service.Address), "Give the address customers come to.");
        }
        else
        {
            errors.Require(Uri.TryCreate(service.VideoLink, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps,
                nameof(Service.VideoLink), "Give the video link, starting with https://.");
        }
    }

    private static void Require(this List<FieldError> errors, bool ok, string field, string message)
    {
        if (!ok)
        {
            errors.Add(new FieldError(field, message));
        }
    }

    private static void ValidateSlots(Service service, List<FieldError> errors)
    {
        if (service.TimeSlots.Count == 0)
        {
            errors.Add(new FieldError(nameof(Service.TimeSlots), "Add at least one time slot."));
            return;
        }

        for (var i = 0; i < service.TimeSlots.Count; i++)
        {
            var field = $"{nameof(Service.TimeSlots)}[{i}]";
            ValidateSlotShape(service, service.TimeSlots[i], field, errors);
            ValidateSlotSpacing(service, i, field, errors);
        }
    }

    /// <summary>The slot on its own: its length, capacity and days.</summary>
    private static void ValidateSlotShape(Service service, TimeSlotTemplate slot, string field, List<FieldError> errors)
    {
        if (slot.End <= slot.Start)
        {
            errors.Add(new FieldError($"{field}.End", "The slot must end after it starts, on the same day."));
        }
        else if (service.DurationMinutes > 0 && (slot.End - slot.Start) != TimeSpan.FromMinutes(service.DurationMinutes))
        {
            errors.Add(new FieldError($"{field}.End", $"The slot must be as long as the appointment ({service.DurationMinutes} minutes)."));
        }

        if (slot.Capacity is < 1 or > 1000)
        {
            errors.Add(new FieldError($"{field}.Capacity", "Capacity must be between 1 and 1,000."));
        }

        if (slot.Days == DaysOfWeekMask.None)
        {
            errors.Add(new FieldError($"{field}.Days", "Choose at least one day for this slot."));
        }
    }

    /// <summary>The slot against the ones listed before it: no overlap, and room for the buffers.</summary>
    private static void ValidateSlotSpacing(Service service, int i, string field, List<FieldError> errors)
    {
        var slot = service.TimeSlots[i];
        var clash = service.TimeSlots.Take(i).Select((other, j) => (other, j))
            .FirstOrDefault(o => (o.other.Days & slot.Days) != DaysOfWeekMask.None && o.other.Start < slot.End && slot.Start < o.other.End);
        if (clash.other is not null)
        {
            errors.Add(new FieldError($"{field}.Start", $"This slot overlaps slot {clash.j + 1} ({clash.other.Start:HH\\:mm}–{clash.other.End:HH\\:mm}) on a shared day."));
        }
        else if (TooCloseForBuffers(service, slot) is { } neighbour)
        {
            var other = service.TimeSlots.IndexOf(neighbour) + 1;
            errors.Add(new FieldError($"{field}.Start",
                $"The buffers need {service.GapBetweenSlots.TotalMinutes:0} minutes between this slot and slot {other} ({neighbour.Start:HH\\:mm}–{neighbour.End:HH\\:mm}) on a shared day."));
        }
    }

    /// <summary>An earlier-listed slot on a shared day that ends or starts closer to this one than the buffers allow.</summary>
    private static TimeSlotTemplate? TooCloseForBuffers(Service service, TimeSlotTemplate slot)
    {
        var gap = service.GapBetweenSlots;
        if (gap <= TimeSpan.Zero)
        {
            return null;
        }

        return service.TimeSlots.TakeWhile(other => !ReferenceEquals(other, slot))
            .FirstOrDefault(other => (other.Days & slot.Days) != DaysOfWeekMask.None
                                     && (other.End <= slot.Start ? slot.Start - other.End : other.Start - slot.End) < gap);
    }

    public static bool IsIanaZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && (id == "UTC" || id.Contains('/')) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
