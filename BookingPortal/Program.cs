using BookingPortal.Components;
using BookingPortal.Features.Admin;
using BookingPortal.Features.Api;
using BookingPortal.Features.Audit;
using BookingPortal.Data;
using BookingPortal.Features.Booking;
using BookingPortal.Features.Branding;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Consistency;
using BookingPortal.Features.Localization;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments;
using BookingPortal.Features.Queue;
using BookingPortal.Features.Releases;
using BookingPortal.Features.Staff;
using BookingPortal.Features.Webhooks;
using BookingPortal.Infrastructure.Errors;
using BookingPortal.Infrastructure.Health;
using BookingPortal.Infrastructure.Identity;
using BookingPortal.Infrastructure.Jobs;
using BookingPortal.Infrastructure.Time;

var builder = WebApplication.CreateBuilder(args);

builder.AddBookingData();
builder.AddClock();
builder.Services.AddPortalIdentity();
builder.Services.AddPortalComponents();
builder.Services.AddPortalLocalization();
builder.Services.AddPortalErrors();
builder.Services.AddStaff();
builder.Services.AddAudit();
builder.Services.AddBranding(builder.Configuration);
builder.Services.AddCatalog();
builder.Services.AddBooking();
builder.Services.AddCancellation();
builder.Services.AddAdmin();
builder.Services.AddPayments(builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddQueue();
builder.Services.AddReleases();
builder.Services.AddPortalApi(builder.Configuration);
builder.Services.AddWebhooks(builder.Configuration);
builder.Services.AddConsistency();
builder.AddPortalJobs();
builder.Services.AddPortalHealthChecks();

var app = builder.Build();

app.UsePortalErrors();
app.UseRequestLocalization();
app.UseOutputCache();
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.UseQueueVisitors();
app.UsePortalApi();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapCultureEndpoint();
app.MapThemeEndpoint();
app.MapBookingEndpoints();
app.MapDrawEndpoints();
app.MapPaymentEndpoints();
app.MapAdminEndpoints();
app.MapClockControl();
app.MapPortalHealthChecks();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
