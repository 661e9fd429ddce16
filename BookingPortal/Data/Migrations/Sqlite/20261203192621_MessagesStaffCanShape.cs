using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class MessagesStaffCanShape : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "PrivacyMode",
                table: "Services",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "MessageTemplateId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "BookingReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BookingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    MinutesBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    AppointmentStartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ClaimedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Queued = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BookingReminders_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MessageTemplates",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    HtmlBody = table.Column<string>(type: "TEXT", nullable: false),
                    TextBody = table.Column<string>(type: "TEXT", nullable: false),
                    Sms = table.Column<string>(type: "TEXT", maxLength: 1600, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedById = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MessageTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ServiceReminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    MinutesBefore = table.Column<int>(type: "INTEGER", nullable: false),
                    Channels = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ServiceReminders_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BookingReminders_BookingId_MinutesBefore_AppointmentStartUtc",
                table: "BookingReminders",
                columns: new[] { "BookingId", "MinutesBefore", "AppointmentStartUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MessageTemplates_Kind_Language_Version",
                table: "MessageTemplates",
                columns: new[] { "Kind", "Language", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceReminders_ServiceId_MinutesBefore",
                table: "ServiceReminders",
                columns: new[] { "ServiceId", "MinutesBefore" },
                unique: true);

            // The reminders already queued under the old flags stay claimed, so none goes twice.
            migrationBuilder.Sql("INSERT INTO \"BookingReminders\" (\"BookingId\", \"MinutesBefore\", \"AppointmentStartUtc\", \"ClaimedAtUtc\", \"Queued\") "
                + "SELECT \"Id\", 1440, \"StartUtc\", \"Reminder24hQueuedAtUtc\", 1 FROM \"Bookings\" WHERE \"Reminder24hQueuedAtUtc\" IS NOT NULL");

            // The reminders already queued under the old flags stay claimed, so none goes twice.
            migrationBuilder.Sql("INSERT INTO \"BookingReminders\" (\"BookingId\", \"MinutesBefore\", \"AppointmentStartUtc\", \"ClaimedAtUtc\", \"Queued\") "
                + "SELECT \"Id\", 60, \"StartUtc\", \"Reminder1hQueuedAtUtc\", 1 FROM \"Bookings\" WHERE \"Reminder1hQueuedAtUtc\" IS NOT NULL");

            migrationBuilder.DropColumn(
                name: "Reminder1hQueuedAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "Reminder24hQueuedAtUtc",
                table: "Bookings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BookingReminders");

            migrationBuilder.DropTable(
                name: "MessageTemplates");

            migrationBuilder.DropTable(
                name: "ServiceReminders");

            migrationBuilder.DropColumn(
                name: "PrivacyMode",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "MessageTemplateId",
                table: "OutboxMessages");

            migrationBuilder.AddColumn<DateTime>(
                name: "Reminder1hQueuedAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "Reminder24hQueuedAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);
        }
    }
}
