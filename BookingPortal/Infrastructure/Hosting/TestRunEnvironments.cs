namespace BookingPortal.Infrastructure.Hosting;

/// <summary>
/// The environments test-only switches may be used in. An allow-list, not "anything but
/// Production": a Staging or a misspelt environment name faces the internet like Production does.
/// </summary>
public static class TestRunEnvironments
{
    public const string Testing = "Testing";

    public static bool Allows(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment(Testing);
}
