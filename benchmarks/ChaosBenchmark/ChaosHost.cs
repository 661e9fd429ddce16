using BookingPortal.Features.Payments.Ports;
using BookingPortal.Infrastructure.Jobs;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ChaosBenchmark;

/// <summary>
/// One portal instance hosted in this process on the shared PostgreSQL database: every service,
/// the real provider, a clock the run moves, a card gateway that takes deposits online and can be
/// told to refuse refunds, and no scheduled jobs (the run drives their services itself).
/// </summary>
public sealed class ChaosHost(string connectionString, DateTimeOffset startsAt, bool seed) : WebApplicationFactory<Program>
{
    public FakeTimeProvider Clock { get; } = new(startsAt);

    public FakeCardGateway Gateway { get; } = new();

    public RetryCounter Retries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // Staging: production defaults, but demo data may be seeded (Production refuses Demo:Seed).
        builder.UseEnvironment("Staging");
        builder.UseSetting("Database:Provider", nameof(DatabaseProvider.Postgres));
        builder.UseSetting("ConnectionStrings:Postgres", connectionString);
        builder.UseSetting("Demo:Seed", seed ? "true" : "false");
        builder.UseSetting(JobsServiceCollectionExtensions.RunScheduledJobsKey, "false");
        // A log line per operation would measure the console; warnings are counted, not printed.
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddProvider(Retries));
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
            services.RemoveAll<IPaymentGateway>();
            services.AddSingleton<IPaymentGateway>(Gateway);
        });
    }
}

/// <summary>A card provider in memory: deposits are paid online (bookings wait, held), refunds succeed unless told to fail.</summary>
public sealed class FakeCardGateway : IPaymentGateway
{
    private int refunds;

    public volatile bool RefuseRefunds;

    public bool TakesPaymentOnline => true;

    public DateTime CheckoutExpiresAt(DateTime holdExpiresAtUtc, DateTime nowUtc) => holdExpiresAtUtc;

    public Task<StartedCheckout> StartCheckoutAsync(DepositCheckout checkout, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(new StartedCheckout($"cs_{idempotencyKey}", new Uri($"https://checkout.test/{idempotencyKey}")));

    /// <summary>Nobody pays in the benchmark's checkouts: each is closed when asked.</summary>
    public Task<CheckoutClosing> CloseCheckoutAsync(string sessionId, CancellationToken cancellationToken) =>
        Task.FromResult(new CheckoutClosing(CheckoutClosingState.Closed));

    /// <summary>An outage as Stripe's client reports one (a StripeException with no refusal in it): the refund job tries again later.</summary>
    public Task<string> RefundAsync(string paymentReference, decimal amount, string currency, string idempotencyKey, bool isRetry, CancellationToken cancellationToken) =>
        RefuseRefunds
            ? throw new Stripe.StripeException("Refunds are refused for now (chaos).")
            : Task.FromResult($"re_{Interlocked.Increment(ref refunds)}");

    /// <summary>Staff record no dashboard refunds in the benchmark; any asked about was made.</summary>
    public Task<ProviderRefund> FindRefundAsync(string paymentReference, string providerRefundId, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderRefund(ProviderRefundState.Made));
}

/// <summary>Counts what the portal logged at warning level and above, and the transactions it ran again after a database conflict.</summary>
public sealed class RetryCounter : ILoggerProvider, ILogger
{
    private int warnings;

    /// <summary>Units of work run again after a database conflict (ConflictRetry, in this process): a deadlock or serialization failure the caller never saw.</summary>
    public int Retries => (int)BookingPortal.Data.ConflictRetry.RetriedSoFar;

    public int Warnings => Volatile.Read(ref warnings);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        Interlocked.Increment(ref warnings);
    }

    public void Dispose()
    {
    }
}
