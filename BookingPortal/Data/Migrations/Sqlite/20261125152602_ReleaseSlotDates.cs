using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReleaseSlotDates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "SlotsFrom",
                table: "Releases",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SlotsUntil",
                table: "Releases",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SlotsFrom",
                table: "Releases");

            migrationBuilder.DropColumn(
                name: "SlotsUntil",
                table: "Releases");
        }
    }
}
