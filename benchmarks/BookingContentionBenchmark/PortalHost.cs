using BookingPortal.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace BookingContentionBenchmark;

/// <summary>The real app (every service, the real database provider) hosted in this process, its scheduled jobs paused.</summary>
public sealed class PortalHost(DatabaseProvider provider, string connectionString) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Staging: production defaults, but demo data may be seeded (Production refuses Demo:Seed).
        builder.UseEnvironment("Staging");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting($"ConnectionStrings:{provider}", connectionString);
        builder.UseSetting("Demo:Seed", "true");
        // A log line per booking would measure the console, not the booking.
        builder.UseSetting("Logging:LogLevel:Default", "Critical");
        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Error));
    }
}
