using System.Text.RegularExpressions;
using BookingPortal.Features.Catalog;

namespace BookingPortal.Features.Practitioners;

/// <summary>The server's checks of what staff type on the practitioners page, each message keyed by its field.</summary>
[SingletonService]
public sealed partial class PractitionerValidation(IStringLocalizer<PractitionersText> text)
{
    public const int MaxExceptionDays = 366;

    public List<FieldError> Profile(PractitionerDraft draft)
    {
        var errors = new List<FieldError>();
        void Check(bool wrong, string field, string message)
        {
            if (wrong)
            {
                errors.Add(new FieldError(field, message));
            }
        }

        Check(string.IsNullOrWhiteSpace(draft.DisplayName) || draft.DisplayName.Trim().Length > 120, nameof(draft.DisplayName), text["Give the name customers see (up to 120 characters)."]);
        Check((draft.Title ?? "").Trim().Length > 120, nameof(draft.Title), text["Keep the title to 120 characters."]);
        Check((draft.Bio ?? "").Trim().Length > 2000, nameof(draft.Bio), text["Keep the bio to 2000 characters."]);
        Check(!LanguagesAreValid(draft.Languages), nameof(draft.Languages), text["List language codes separated by commas, such as en,es."]);
        Check(!PhotoUrlIsValid(draft.PhotoUrl), nameof(draft.PhotoUrl),
            text["Give the photo's address on this portal, such as /photos/ana.jpg (pages show only the portal's own images), or leave it empty."]);
        return errors;
    }

    public List<FieldError> Hours(IReadOnlyList<HoursDraft> hours)
    {
        var errors = new List<FieldError>();
        for (var i = 0; i < hours.Count; i++)
        {
            var range = hours[i];
            if (range.Start is not { } start || range.End is not { } end || end <= start)
            {
                errors.Add(new FieldError($"Hours[{i}]", text["The end must be after the start."]));
            }
            else if (range.ValidFrom is { } from && range.ValidTo is { } to && to < from)
            {
                errors.Add(new FieldError($"Hours[{i}]", text["'Valid to' must not be before 'valid from'."]));
            }
            else if (hours.Take(i).Any(other => Overlap(other, range)))
            {
                errors.Add(new FieldError($"Hours[{i}]", text["This range overlaps another one on the same day."]));
            }
        }

        return errors;
    }

    private const int LastYear = 3000;

    /// <returns>The wall-clock range, or the field errors.</returns>
    public (DateTime StartLocal, DateTime EndLocal, List<FieldError> Errors) Exception(ExceptionDraft draft)
    {
        var errors = new List<FieldError>();
        if (draft.FromDate is not { } fromDate)
        {
            errors.Add(new FieldError(nameof(draft.FromDate), text["Choose the first day."]));
            return (default, default, errors);
        }

        var toDate = draft.ToDate ?? fromDate;
        // The day after 31 December 9999 does not exist: typed there, the end of the last day threw instead of saying so.
        if (toDate.Year >= LastYear || fromDate.Year >= LastYear)
        {
            errors.Add(new FieldError(toDate.Year >= LastYear ? nameof(draft.ToDate) : nameof(draft.FromDate), text["Choose a date before the year {0}.", LastYear]));
            return (default, default, errors);
        }

        var start = fromDate.ToDateTime(draft.FromTime ?? TimeOnly.MinValue);
        // No end time: to the end of the last day, that is midnight at its close.
        var end = draft.ToTime is { } toTime ? toDate.ToDateTime(toTime) : toDate.AddDays(1).ToDateTime(TimeOnly.MinValue);
        if (end <= start)
        {
            errors.Add(new FieldError(nameof(draft.ToDate), text["The end must be after the start."]));
        }
        else if (toDate.DayNumber - fromDate.DayNumber >= MaxExceptionDays)
        {
            errors.Add(new FieldError(nameof(draft.ToDate), text["Keep one entry to at most {0} days.", MaxExceptionDays]));
        }

        if ((draft.Reason ?? "").Trim().Length > 200)
        {
            errors.Add(new FieldError(nameof(draft.Reason), text["Keep the reason to 200 characters."]));
        }

        return (start, end, errors);
    }

    private static bool Overlap(HoursDraft a, HoursDraft b) =>
        a.Day == b.Day && a.Start < b.End && b.Start < a.End
        && (a.ValidFrom ?? DateOnly.MinValue) <= (b.ValidTo ?? DateOnly.MaxValue)
        && (b.ValidFrom ?? DateOnly.MinValue) <= (a.ValidTo ?? DateOnly.MaxValue);

    private static bool LanguagesAreValid(string? languages) =>
        (languages ?? "").Length <= 100
        && (languages ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).All(code => LanguageCode().IsMatch(code));

    /// <summary>What the pages can show (<see cref="PractitionerProfile.IsOnThisPortal"/>): another site's photo would be refused by the content security policy.</summary>
    private static bool PhotoUrlIsValid(string? url) =>
        string.IsNullOrWhiteSpace(url) || (url.Trim().Length <= 400 && PractitionerProfile.IsOnThisPortal(url.Trim()));

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguageCode();
}
