using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class InsightsFacts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_BookingId",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_ServiceId_StartUtc",
                table: "Bookings");

            migrationBuilder.AddColumn<DateTime>(
                name: "MovedAtUtc",
                table: "Bookings",
                type: "datetime2",
                nullable: true);

            migrationBuilder.Sql(MovedAtBackfill.Sql);

            migrationBuilder.CreateTable(
                name: "OpeningSeatSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OpeningId = table.Column<long>(type: "bigint", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    SeatsLeft = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OpeningSeatSamples", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OpeningSeatSamples_ReleaseOpenings_OpeningId",
                        column: x => x.OpeningId,
                        principalTable: "ReleaseOpenings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_BookingId_Kind",
                table: "LedgerEntries",
                columns: new[] { "BookingId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_Cancelled_ServiceId_StartUtc",
                table: "Bookings",
                columns: new[] { "ServiceId", "StartUtc", "Id" },
                filter: "\"Status\" = 'Cancelled'");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ServiceId_CreatedAtUtc",
                table: "Bookings",
                columns: new[] { "ServiceId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ServiceId_StartUtc_Status_MovedAtUtc",
                table: "Bookings",
                columns: new[] { "ServiceId", "StartUtc", "Status", "MovedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OpeningSeatSamples_OpeningId_AtUtc",
                table: "OpeningSeatSamples",
                columns: new[] { "OpeningId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OpeningSeatSamples");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_BookingId_Kind",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_Cancelled_ServiceId_StartUtc",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_ServiceId_CreatedAtUtc",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_ServiceId_StartUtc_Status_MovedAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "MovedAtUtc",
                table: "Bookings");

            migrationBuilder.CreateIndex(
                name: "IX_LedgerEntries_BookingId",
                table: "LedgerEntries",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ServiceId_StartUtc",
                table: "Bookings",
                columns: new[] { "ServiceId", "StartUtc" });
        }
    }
}
