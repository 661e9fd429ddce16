using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class StaffApproval : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ApprovalHoldHours",
                table: "Services",
                type: "int",
                nullable: false,
                defaultValue: 48);

            migrationBuilder.AddColumn<bool>(
                name: "RequiresApproval",
                table: "Services",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeclinedAtUtc",
                table: "Bookings",
                type: "datetime2",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ApprovalHoldHours",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "RequiresApproval",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "DeclinedAtUtc",
                table: "Bookings");
        }
    }
}
