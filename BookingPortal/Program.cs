using BookingPortal.Features.Accounts;
using BookingPortal.Components;
using BookingPortal.Components.Account;
using BookingPortal.Features.Api;
using BookingPortal.Features;
using BookingPortal.Features.Localization;
using BookingPortal.Features.Queue;
using BookingPortal.Infrastructure.Errors;
using BookingPortal.Infrastructure.Health;
using BookingPortal.Infrastructure.Hosting;
using BookingPortal.Infrastructure.Identity;
using BookingPortal.Infrastructure.Jobs;
using BookingPortal.Infrastructure.Telemetry;

var adminCommand = AdminCommand.Parse(args);
var builder = WebApplication.CreateBuilder(adminCommand?.HostArguments ?? args);

builder.AddPortalHosting();
builder.AddBookingData();
builder.AddClock();
builder.Services.AddPortalIdentity();
builder.AddAccounts();
builder.Services.AddPortalComponents();
builder.Services.AddPortalLocalization();
builder.Services.AddPortalErrors();
builder.Services.AddPortalFeatures(builder.Configuration);
builder.AddPortalJobs();
builder.Services.AddPortalHealthChecks();
builder.AddTelemetry();

var app = builder.Build();
if (adminCommand is not null)
{
    Environment.ExitCode = await adminCommand.RunAsync(app.Services, Console.Out);
    return;
}

app.UsePortalErrors();
app.UseRequestLocalization();
app.UseOutputCache();
app.UseNotFoundPage();
app.UseAntiforgeryWithRetry();
app.UseQueueVisitors();
app.UsePortalApi();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode(CircuitWebSockets.Configure);
app.MapAdditionalIdentityEndpoints();
app.MapPortalFeatureEndpoints();
app.MapClockControl();
app.MapTestingSignIn();
app.MapPortalHealthChecks();
app.MapPortalMetrics();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
