using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace BookingPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntegrationsReleaseDatesAndVisitors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BufferAfterMinutes",
                table: "Services",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "BufferBeforeMinutes",
                table: "Services",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SlotsFrom",
                table: "Releases",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "SlotsUntil",
                table: "Releases",
                type: "date",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "CustomerId",
                table: "QueueEntries",
                type: "character varying(450)",
                maxLength: 450,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(450)",
                oldMaxLength: 450);

            migrationBuilder.AddColumn<string>(
                name: "VisitorKey",
                table: "QueueEntries",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "WebhookEndpointId",
                table: "OutboxMessages",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApiKeys",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OwnerId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    Scopes = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastUsedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RevokedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApiKeys_AspNetUsers_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookEndpoints",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Url = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Secret = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    EventTypes = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookEndpoints", x => x.Id);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Services_Buffers",
                table: "Services",
                sql: "\"BufferBeforeMinutes\" >= 0 AND \"BufferAfterMinutes\" >= 0");

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_VisitorKey_OpeningId",
                table: "QueueEntries",
                columns: new[] { "VisitorKey", "OpeningId" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_QueueEntries_Owner",
                table: "QueueEntries",
                sql: "\"CustomerId\" IS NOT NULL OR \"VisitorKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_WebhookEndpointId",
                table: "OutboxMessages",
                column: "WebhookEndpointId");

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_Hash",
                table: "ApiKeys",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_OwnerId",
                table: "ApiKeys",
                column: "OwnerId");

            migrationBuilder.AddForeignKey(
                name: "FK_OutboxMessages_WebhookEndpoints_WebhookEndpointId",
                table: "OutboxMessages",
                column: "WebhookEndpointId",
                principalTable: "WebhookEndpoints",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_OutboxMessages_WebhookEndpoints_WebhookEndpointId",
                table: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "ApiKeys");

            migrationBuilder.DropTable(
                name: "WebhookEndpoints");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Services_Buffers",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_VisitorKey_OpeningId",
                table: "QueueEntries");

            migrationBuilder.DropCheckConstraint(
                name: "CK_QueueEntries_Owner",
                table: "QueueEntries");

            migrationBuilder.DropIndex(
                name: "IX_OutboxMessages_WebhookEndpointId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "BufferAfterMinutes",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "BufferBeforeMinutes",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "SlotsFrom",
                table: "Releases");

            migrationBuilder.DropColumn(
                name: "SlotsUntil",
                table: "Releases");

            migrationBuilder.DropColumn(
                name: "VisitorKey",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "WebhookEndpointId",
                table: "OutboxMessages");

            migrationBuilder.AlterColumn<string>(
                name: "CustomerId",
                table: "QueueEntries",
                type: "character varying(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(450)",
                oldMaxLength: 450,
                oldNullable: true);
        }
    }
}
