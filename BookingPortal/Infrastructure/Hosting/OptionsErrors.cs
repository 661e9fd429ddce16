namespace BookingPortal.Infrastructure.Hosting;

/// <summary>
/// The start-up errors of one configuration section, each naming its key ("Section:Key"), so a validator
/// states its checks one a line and stops the app with all of them at once.
/// </summary>
public sealed class OptionsErrors(string section)
{
    private readonly List<string> errors = [];

    public ValidateOptionsResult Result => errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);

    public OptionsErrors Range(string key, int value, int min, int max) =>
        value >= min && value <= max ? this : Add($"'{section}:{key}' must be between {min} and {max} (was {value}).");

    public OptionsErrors AtLeast(string key, int value, int min) =>
        value >= min ? this : Add($"'{section}:{key}' must be at least {min} (was {value}).");

    public OptionsErrors Add(string error)
    {
        errors.Add(error);
        return this;
    }
}
