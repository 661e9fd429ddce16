using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace BookingPortal.Infrastructure.Telemetry;

/// <summary>Counts this instance's open Blazor circuits: each one holds memory and a WebSocket, the first limit of an instance.</summary>
public sealed class CircuitMetrics : CircuitHandler
{
    public static readonly Meter Meter = new("BookingPortal.Circuits");

    public const string OpenName = "bookingportal.circuits.open";

    private static readonly UpDownCounter<long> Open = Meter.CreateUpDownCounter<long>(OpenName, "{circuit}", "Blazor circuits open on this instance.");

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Open.Add(1);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        Open.Add(-1);
        return Task.CompletedTask;
    }
}
