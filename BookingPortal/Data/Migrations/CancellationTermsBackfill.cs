namespace BookingPortal.Data.Migrations;

/// <summary>
/// Bookings made before their cancellation terms were kept on them: they take their service's terms as they stand
/// when the columns arrive, the terms those bookings were quoted until then. Plain SQL every provider runs the same.
/// </summary>
internal static class CancellationTermsBackfill
{
    public const string Sql = """
        UPDATE "Bookings" SET
            "FreeCancellationHours" = (SELECT s."FreeCancellationHours" FROM "Services" s WHERE s."Id" = "Bookings"."ServiceId"),
            "CancellationFee" = (SELECT s."CancellationFee" FROM "Services" s WHERE s."Id" = "Bookings"."ServiceId");
        """;
}
