using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TrustedDraw : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "RequireProofOfWork",
                table: "Releases",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "EarlyDrawEntries",
                table: "ReleaseOpenings",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicDrawEntries",
                table: "ReleaseOpenings",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CountsFromUtc",
                table: "QueueEntries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "DrawPlace",
                table: "QueueEntries",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JoinNetwork",
                table: "QueueEntries",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProofChallenge",
                table: "QueueEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ProofDifficulty",
                table: "QueueEntries",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "ProofExpiresAtUtc",
                table: "QueueEntries",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "ProofPending",
                table: "QueueEntries",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_OpeningId_JoinNetwork",
                table: "QueueEntries",
                columns: new[] { "OpeningId", "JoinNetwork" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_OpeningId_JoinNetwork",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "RequireProofOfWork",
                table: "Releases");

            migrationBuilder.DropColumn(
                name: "EarlyDrawEntries",
                table: "ReleaseOpenings");

            migrationBuilder.DropColumn(
                name: "PublicDrawEntries",
                table: "ReleaseOpenings");

            migrationBuilder.DropColumn(
                name: "CountsFromUtc",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "DrawPlace",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "JoinNetwork",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "ProofChallenge",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "ProofDifficulty",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "ProofExpiresAtUtc",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "ProofPending",
                table: "QueueEntries");
        }
    }
}
