using Microsoft.AspNetCore.Identity;

namespace BookingPortal.Infrastructure.Identity;

/// <summary>
/// `admin create --email x@y [--password …|--generate-password]`: makes the first admin of a real
/// install (Admin and Staff roles, e-mail confirmed) and exits without starting the web host. The
/// password is typed without echo on a terminal; with no terminal, or when asked, one is generated
/// and shown once. A password on the command line works too, but stays in the shell's history.
/// </summary>
public sealed class AdminCommand
{
    private const string EmailOption = "--email";
    private const string PasswordOption = "--password";
    private const string GenerateOption = "--generate-password";

    private AdminCommand(string? email, string? password, bool generatePassword, string[] hostArguments)
    {
        Email = email;
        Password = password;
        GeneratePassword = generatePassword;
        HostArguments = hostArguments;
    }

    public string? Email { get; }

    public string? Password { get; }

    public bool GeneratePassword { get; }

    /// <summary>The arguments that are not the command's, for the host (e.g. --environment).</summary>
    public string[] HostArguments { get; }

    /// <summary>Null when the arguments do not start with "admin create": the portal starts as usual.</summary>
    public static AdminCommand? Parse(string[] args)
    {
        if (args is not ["admin", "create", ..])
        {
            return null;
        }

        string? email = null, password = null;
        var generate = false;
        var rest = new List<string>();
        for (var i = 2; i < args.Length; i++)
        {
            switch (args[i])
            {
                case EmailOption when i + 1 < args.Length: email = args[++i]; break;
                case PasswordOption when i + 1 < args.Length: password = args[++i]; break;
                case GenerateOption: generate = true; break;
                default: rest.Add(args[i]); break;
            }
        }

        return new AdminCommand(email, password, generate, [.. rest]);
    }

    /// <returns>The process exit code: 0 when the admin was created.</returns>
    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, Func<string?>? readSecret = null)
    {
        if (string.IsNullOrWhiteSpace(Email))
        {
            await output.WriteLineAsync($"Usage: admin create {EmailOption} admin@clinic.example [{PasswordOption} …|{GenerateOption}]");
            return 2;
        }

        // The tables and roles must exist on a new install; the initializer does only that (and demo data where configured).
        foreach (var initializer in services.GetServices<IHostedService>().OfType<DatabaseInitializer>())
        {
            await initializer.StartAsync(CancellationToken.None);
        }

        readSecret ??= Console.IsInputRedirected ? null : ReadHiddenLine;
        var generated = Password is null && (GeneratePassword || readSecret is null);
        var password = Password ?? (generated ? NewPassword() : Prompt(output, readSecret!));
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<ApplicationUser>>();
        if (await users.FindByEmailAsync(Email) is not null)
        {
            await output.WriteLineAsync($"An account for {Email} exists already; nothing was changed. Give its roles in the staff area (People), or choose another address.");
            return 1;
        }

        var result = await CreateAdminAsync(users, NewAdmin(Email, "Administrator"), password ?? "");
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"The admin was not created: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            return 1;
        }

        await output.WriteLineAsync($"Created admin {Email} (roles Admin, Staff) in {DatabaseWritten(services.GetRequiredService<DatabaseOptions>())}.");
        if (generated)
        {
            await output.WriteLineAsync($"Password (shown once, change it after signing in): {password}");
        }

        return 0;
    }

    /// <summary>
    /// Where the admin went. Run from another folder, the default SQLite file is made under that folder (the
    /// content root), so an admin written there is one the web site never sees; the full path shows it.
    /// </summary>
    internal static string DatabaseWritten(DatabaseOptions database) => DatabaseLocation.Describe(database.Provider, database.ConnectionString);

    /// <summary>The command's and the setup link's admin: its address confirmed by whoever runs the install.</summary>
    internal static ApplicationUser NewAdmin(string email, string displayName) =>
        new() { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };

    /// <summary>Creates the admin with roles Admin and Staff.</summary>
    internal static async Task<IdentityResult> CreateAdminAsync(UserManager<ApplicationUser> users, ApplicationUser admin, string password)
    {
        var result = await users.CreateAsync(admin, password);
        return result.Succeeded ? await users.AddToRolesAsync(admin, [Roles.Admin, Roles.Staff]) : result;
    }

    private static string? Prompt(TextWriter output, Func<string?> readSecret)
    {
        output.Write("Password for the new admin: ");
        return readSecret();
    }

    /// <summary>20 characters from 120 random bits, with each class Identity's default rules ask for.</summary>
    private static string NewPassword() => $"{Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('/', '_').Replace('+', '-')}a1A#";

    private static string ReadHiddenLine()
    {
        var typed = new System.Text.StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace && typed.Length > 0)
            {
                typed.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        Console.WriteLine();
        return typed.ToString();
    }
}
