namespace BookingPortal.Domain;

/// <summary>A rule a service's settings break, named by the field the message belongs beside.</summary>
/// <param name="Message">The text as given: English for a rule's error (the API's and the logs' text), already in the reader's language otherwise.</param>
public sealed record FieldError(string Field, string Message)
{
    /// <summary>
    /// The English text with {0}-style placeholders, the key of its translations (the domain has no localizer): a page
    /// shows the error in its own language from this and <see cref="Values"/>. Null when <see cref="Message"/> is all there is.
    /// </summary>
    public string? Key { get; private init; }

    public IReadOnlyList<object> Values { get; private init; } = [];

    public static FieldError Of(string field, string key, params object[] values) =>
        new(field, string.Format(CultureInfo.InvariantCulture, key, values)) { Key = key, Values = values };

    // One error is its field and its English text, however it is put into another language.
    public bool Equals(FieldError? other) => other is not null && Field == other.Field && Message == other.Message;

    public override int GetHashCode() => HashCode.Combine(Field, Message);
}

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
        errors.Require(service.Name.Length <= MaxNameLength, nameof(Service.Name), "Keep the name to {0} characters.", MaxNameLength);
        errors.Require((service.Description ?? "").Length <= MaxDescriptionLength, nameof(Service.Description), "Keep the description to {0} characters.", MaxDescriptionLength);
        errors.Require((service.Address ?? "").Length <= MaxAddressLength, nameof(Service.Address), "Keep the address to {0} characters.", MaxAddressLength);
        errors.Require((service.VideoLink ?? "").Length <= MaxAddressLength, nameof(Service.VideoLink), "Keep the video link to {0} characters.", MaxAddressLength);
    }

    private static void ValidateDurationPriceAndZone(Service service, List<FieldError> errors)
    {
        errors.Require(service.DurationMinutes is > 0 and <= 24 * 60, nameof(Service.DurationMinutes), "The duration must be between 1 minute and 24 hours.");
        errors.Require(service.Price >= 0, nameof(Service.Price), "The price cannot be negative.");
        RequireStorableAmount(service.Price, service.Currency, nameof(Service.Price), AmountTexts.Price, errors);
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
        RequireStorableAmount(service.DepositAmount, service.Currency, nameof(Service.DepositAmount), AmountTexts.Deposit, errors);
        errors.Require(service.DepositAmount <= service.Price, nameof(Service.DepositAmount), "The deposit cannot be more than the price.");
        errors.Require(service.FreeCancellationHours is >= 0 and <= 24 * 60, nameof(Service.FreeCancellationHours), "Free cancellation must end between 0 and 1,440 hours before the start.");
        errors.Require(service.ChangesAllowedUntilHours is >= 0 and <= MaxChangesAllowedUntilHours, nameof(Service.ChangesAllowedUntilHours),
            "Changes must close between 0 and 8,760 hours (a year) before the start.");
        errors.Require(service.ChangesAllowedUntilHours >= service.FreeCancellationHours, nameof(Service.ChangesAllowedUntilHours),
            "Changes must close at least {0} hours before the start, when free cancellation ends: a move inside the fee window would let a customer dodge the late-cancellation fee.",
            service.FreeCancellationHours);
        errors.Require(service.CancellationFee >= 0, nameof(Service.CancellationFee), "The cancellation fee cannot be negative.");
        RequireStorableAmount(service.CancellationFee, service.Currency, nameof(Service.CancellationFee), AmountTexts.CancellationFee, errors);
    }

    /// <summary>The largest amount a service may ask: Stripe's largest charge, well inside the money columns (18 digits, 2 after the point).</summary>
    public const decimal MaxAmount = 999_999.99m;

    /// <summary>
    /// What the money columns and the card gateway can hold: a larger amount made the database refuse the save (the
    /// editor showed the error page), and a third decimal was rounded away without a word. In a currency without a
    /// smaller unit (yen) no card can be charged a decimal.
    /// </summary>
    private static void RequireStorableAmount(decimal amount, string currency, string field, AmountTexts texts, List<FieldError> errors)
    {
        errors.Require(amount <= MaxAmount, field, texts.TooLarge, MaxAmount);
        errors.Require(CurrencyDecimals.Fits(amount, currency), field, CurrencyDecimals.Of(currency) == 0 ? texts.WholeUnits : texts.WholeCents, currency);
    }

    /// <summary>Each amount's own sentences: a translation needs the whole sentence, not "the price" put into one.</summary>
    private sealed record AmountTexts(string TooLarge, string WholeUnits, string WholeCents)
    {
        public static readonly AmountTexts Price = new("Keep the price to {0:N2} or less.",
            "Give the price in whole {0}, such as 1500: {0} has no smaller unit.", "Give the price in whole cents, such as 12.50.");

        public static readonly AmountTexts Deposit = new("Keep the deposit to {0:N2} or less.",
            "Give the deposit in whole {0}, such as 1500: {0} has no smaller unit.", "Give the deposit in whole cents, such as 12.50.");

        public static readonly AmountTexts CancellationFee = new("Keep the cancellation fee to {0:N2} or less.",
            "Give the cancellation fee in whole {0}, such as 1500: {0} has no smaller unit.", "Give the cancellation fee in whole cents, such as 12.50.");
    }

    private static void ValidateTimeAroundAppointment(Service service, List<FieldError> errors)
    {
        errors.Require(service.NoShowGraceMinutes is >= 0 and <= 24 * 60, nameof(Service.NoShowGraceMinutes), "The grace period must be between 0 minutes and 24 hours.");
        errors.Require(service.BufferBeforeMinutes is >= 0 and <= MaxBufferMinutes, nameof(Service.BufferBeforeMinutes), "The buffer before must be between 0 and {0} minutes.", MaxBufferMinutes);
        errors.Require(service.BufferAfterMinutes is >= 0 and <= MaxBufferMinutes, nameof(Service.BufferAfterMinutes), "The buffer after must be between 0 and {0} minutes.", MaxBufferMinutes);
        errors.Require(service.ApprovalHoldHours is >= 1 and <= MaxApprovalHoldHours, nameof(Service.ApprovalHoldHours), "Staff must have between 1 and {0} hours to answer a request.", MaxApprovalHoldHours);
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

    private static void Require(this List<FieldError> errors, bool ok, string field, string key, params object[] values)
    {
        if (!ok)
        {
            errors.Add(FieldError.Of(field, key, values));
        }
    }

    private static void ValidateSlots(Service service, List<FieldError> errors)
    {
        if (service.TimeSlots.Count == 0)
        {
            errors.Add(FieldError.Of(nameof(Service.TimeSlots), "Add at least one time slot."));
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
            errors.Add(FieldError.Of($"{field}.End", "The slot must end after it starts, on the same day."));
        }
        else if (service.DurationMinutes > 0 && (slot.End - slot.Start) != TimeSpan.FromMinutes(service.DurationMinutes))
        {
            errors.Add(FieldError.Of($"{field}.End", "The slot must be as long as the appointment ({0} minutes).", service.DurationMinutes));
        }

        if (slot.Capacity is < 1 or > 1000)
        {
            errors.Add(FieldError.Of($"{field}.Capacity", "Capacity must be between 1 and 1,000."));
        }

        if (slot.Days == DaysOfWeekMask.None)
        {
            errors.Add(FieldError.Of($"{field}.Days", "Choose at least one day for this slot."));
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
            errors.Add(FieldError.Of($"{field}.Start", "This slot overlaps slot {0} ({1}–{2}) on a shared day.", clash.j + 1, Clock(clash.other.Start), Clock(clash.other.End)));
        }
        else if (TooCloseForBuffers(service, slot) is { } neighbour)
        {
            var other = service.TimeSlots.IndexOf(neighbour) + 1;
            errors.Add(FieldError.Of($"{field}.Start", "The buffers need {0} minutes between this slot and slot {1} ({2}–{3}) on a shared day.",
                Math.Round(service.GapBetweenSlots.TotalMinutes), other, Clock(neighbour.Start), Clock(neighbour.End)));
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

    private static string Clock(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    public static bool IsIanaZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && (id == "UTC" || id.Contains('/')) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
