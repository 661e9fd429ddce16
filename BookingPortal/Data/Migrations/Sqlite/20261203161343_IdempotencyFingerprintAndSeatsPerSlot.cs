using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class IdempotencyFingerprintAndSeatsPerSlot : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AllowSeveralSeatsPerCustomer",
                table: "Services",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "RequestFingerprint",
                table: "Bookings",
                type: "TEXT",
                maxLength: 64,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "AllowSeveralSeatsPerCustomer",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "RequestFingerprint",
                table: "Bookings");
        }
    }
}
