namespace BookingPortal.Data.Migrations;

/// <summary>
/// Bookings moved before moves were stamped on the booking: the "rescheduled" notice the move queued in its own
/// transaction is the only record of it, so its time becomes the booking's MovedAtUtc once, when the column arrives.
/// Plain SQL every provider runs the same (quoted names, a correlated subquery).
/// </summary>
internal static class MovedAtBackfill
{
    public const string Sql = """
        UPDATE "Bookings" SET "MovedAtUtc" =
            (SELECT MAX(m."CreatedAtUtc") FROM "OutboxMessages" m WHERE m."BookingId" = "Bookings"."Id" AND m."Kind" = 'Rescheduled')
        WHERE EXISTS (SELECT 1 FROM "OutboxMessages" m WHERE m."BookingId" = "Bookings"."Id" AND m."Kind" = 'Rescheduled');
        """;
}
