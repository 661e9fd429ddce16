using BookingPortal.Components;
using BookingPortal.Features.Admin;
using BookingPortal.Data;
using BookingPortal.Features.Booking;
using BookingPortal.Features.Cancellation;
using BookingPortal.Features.Catalog;
using BookingPortal.Features.Notifications;
using BookingPortal.Features.Payments;
using BookingPortal.Features.Queue;
using BookingPortal.Features.Releases;
using BookingPortal.Infrastructure.Health;
using BookingPortal.Infrastructure.Identity;
using BookingPortal.Infrastructure.Jobs;
using BookingPortal.Infrastructure.Time;
using MudBlazor.Services;

var builder = WebApplication.CreateBuilder(args);

builder.AddBookingData();
builder.AddClock();
builder.Services.AddPortalIdentity();
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddMudServices();
builder.Services.AddCatalog();
builder.Services.AddBooking();
builder.Services.AddCancellation();
builder.Services.AddAdmin();
builder.Services.AddPayments(builder.Configuration);
builder.Services.AddNotifications(builder.Configuration);
builder.Services.AddQueue();
builder.Services.AddReleases();
builder.AddPortalJobs();
builder.Services.AddPortalHealthChecks();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error", createScopeForErrors: true);
    app.UseHsts();
}

app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();

app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
app.MapAdditionalIdentityEndpoints();
app.MapBookingEndpoints();
app.MapPaymentEndpoints();
app.MapAdminEndpoints();
app.MapClockControl();
app.MapPortalHealthChecks();

app.Run();

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
