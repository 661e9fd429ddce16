using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class YourTurnMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "TurnLinkUsedAtUtc",
                table: "QueueEntries",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TurnMessageChannels",
                table: "QueueEntries",
                type: "int",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TurnLinkUsedAtUtc",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "TurnMessageChannels",
                table: "QueueEntries");
        }
    }
}
