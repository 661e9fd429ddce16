using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PractitionersQuestionsApprovalMessages : Migration
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
                type: "TEXT",
                nullable: true);

            migrationBuilder.Sql(MovedAtBackfill.Sql);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeclinedAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ApprovalHoldHours",
                table: "Services",
                type: "INTEGER",
                nullable: false,
                defaultValue: 48);

            migrationBuilder.AddColumn<bool>(
                name: "BooksPractitioners",
                table: "Services",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PrivacyMode",
                table: "Services",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "RequiresApproval",
                table: "Services",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "SeatsPerPractitioner",
                table: "Services",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<long>(
                name: "MessageTemplateId",
                table: "OutboxMessages",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PractitionerId",
                table: "Bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RoomId",
                table: "Bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "VideoRoomLink",
                table: "Bookings",
                type: "TEXT",
                maxLength: 400,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AttemptCounters",
                columns: table => new
                {
                    Key = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    WindowStart = table.Column<long>(type: "INTEGER", nullable: false),
                    WindowEnds = table.Column<long>(type: "INTEGER", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AttemptCounters", x => new { x.Key, x.WindowStart });
                });

            migrationBuilder.CreateTable(
                name: "BookingAnswers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    BookingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    QuestionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    QuestionText = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    OptionsAsked = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingAnswers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BookingAnswers_Bookings_BookingId",
                        column: x => x.BookingId,
                        principalTable: "Bookings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BookingQuestions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    TextEn = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    TextEs = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    HelpEn = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    HelpEs = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OptionsEn = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OptionsEs = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BookingQuestions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BookingQuestions_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            // The reminders already queued under the old flags stay claimed, so none goes twice.
            migrationBuilder.Sql("INSERT INTO \"BookingReminders\" (\"BookingId\", \"MinutesBefore\", \"AppointmentStartUtc\", \"ClaimedAtUtc\", \"Queued\") "
                + "SELECT \"Id\", 1440, \"StartUtc\", \"Reminder24hQueuedAtUtc\", 1 FROM \"Bookings\" WHERE \"Reminder24hQueuedAtUtc\" IS NOT NULL");

            // The reminders already queued under the old flags stay claimed, so none goes twice.
            migrationBuilder.Sql("INSERT INTO \"BookingReminders\" (\"BookingId\", \"MinutesBefore\", \"AppointmentStartUtc\", \"ClaimedAtUtc\", \"Queued\") "
                + "SELECT \"Id\", 60, \"StartUtc\", \"Reminder1hQueuedAtUtc\", 1 FROM \"Bookings\" WHERE \"Reminder1hQueuedAtUtc\" IS NOT NULL");

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
                name: "OpeningSeatSamples",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OpeningId = table.Column<long>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SeatsLeft = table.Column<int>(type: "INTEGER", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "Practitioners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    Bio = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Languages = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    PhotoUrl = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    CalendarFeedTokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ExternalBusyFeedUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Practitioners", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Practitioners_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "Rooms",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    LockVersion = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rooms", x => x.Id);
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

            migrationBuilder.CreateTable(
                name: "SetupTokens",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Hash = table.Column<string>(type: "TEXT", fixedLength: true, maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SetupTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AvailabilityExceptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    StartLocal = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndLocal = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AvailabilityExceptions", x => x.Id);
                    table.CheckConstraint("CK_AvailabilityExceptions_Order", "\"EndLocal\" > \"StartLocal\"");
                    table.ForeignKey(
                        name: "FK_AvailabilityExceptions_Practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PractitionerBusyPeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PractitionerBusyPeriods", x => x.Id);
                    table.CheckConstraint("CK_PractitionerBusyPeriods_Order", "\"EndUtc\" > \"StartUtc\"");
                    table.ForeignKey(
                        name: "FK_PractitionerBusyPeriods_Practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "PractitionerServices",
                columns: table => new
                {
                    PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PractitionerServices", x => new { x.PractitionerId, x.ServiceId });
                    table.ForeignKey(
                        name: "FK_PractitionerServices_Practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_PractitionerServices_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WorkingHours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PractitionerId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Start = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    End = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    ValidFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ValidTo = table.Column<DateOnly>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkingHours", x => x.Id);
                    table.CheckConstraint("CK_WorkingHours_Order", "\"End\" > \"Start\"");
                    table.CheckConstraint("CK_WorkingHours_Validity", "\"ValidFrom\" IS NULL OR \"ValidTo\" IS NULL OR \"ValidTo\" >= \"ValidFrom\"");
                    table.ForeignKey(
                        name: "FK_WorkingHours_Practitioners_PractitionerId",
                        column: x => x.PractitionerId,
                        principalTable: "Practitioners",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ServiceRooms",
                columns: table => new
                {
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    RoomId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceRooms", x => new { x.ServiceId, x.RoomId });
                    table.ForeignKey(
                        name: "FK_ServiceRooms_Rooms_RoomId",
                        column: x => x.RoomId,
                        principalTable: "Rooms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ServiceRooms_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Services_SeatsPerPractitioner",
                table: "Services",
                sql: "\"SeatsPerPractitioner\" >= 1");

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
                name: "IX_Bookings_PractitionerId_StartUtc",
                table: "Bookings",
                columns: new[] { "PractitionerId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_RoomId_StartUtc",
                table: "Bookings",
                columns: new[] { "RoomId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ServiceId_CreatedAtUtc",
                table: "Bookings",
                columns: new[] { "ServiceId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ServiceId_StartUtc_Status_MovedAtUtc",
                table: "Bookings",
                columns: new[] { "ServiceId", "StartUtc", "Status", "MovedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_AttemptCounters_WindowEnds",
                table: "AttemptCounters",
                column: "WindowEnds");

            migrationBuilder.CreateIndex(
                name: "IX_AvailabilityExceptions_PractitionerId_StartLocal",
                table: "AvailabilityExceptions",
                columns: new[] { "PractitionerId", "StartLocal" });

            migrationBuilder.CreateIndex(
                name: "IX_BookingAnswers_BookingId",
                table: "BookingAnswers",
                column: "BookingId");

            migrationBuilder.CreateIndex(
                name: "IX_BookingAnswers_QuestionId",
                table: "BookingAnswers",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_BookingQuestions_ServiceId_Position",
                table: "BookingQuestions",
                columns: new[] { "ServiceId", "Position" });

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
                name: "IX_OpeningSeatSamples_OpeningId_AtUtc",
                table: "OpeningSeatSamples",
                columns: new[] { "OpeningId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_PractitionerBusyPeriods_PractitionerId_StartUtc",
                table: "PractitionerBusyPeriods",
                columns: new[] { "PractitionerId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Practitioners_CalendarFeedTokenHash",
                table: "Practitioners",
                column: "CalendarFeedTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Practitioners_UserId",
                table: "Practitioners",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_PractitionerServices_ServiceId",
                table: "PractitionerServices",
                column: "ServiceId");

            migrationBuilder.CreateIndex(
                name: "IX_Rooms_Name",
                table: "Rooms",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceReminders_ServiceId_MinutesBefore",
                table: "ServiceReminders",
                columns: new[] { "ServiceId", "MinutesBefore" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceRooms_RoomId",
                table: "ServiceRooms",
                column: "RoomId");

            migrationBuilder.CreateIndex(
                name: "IX_SetupTokens_Hash",
                table: "SetupTokens",
                column: "Hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WorkingHours_PractitionerId_Day",
                table: "WorkingHours",
                columns: new[] { "PractitionerId", "Day" });

            migrationBuilder.AddForeignKey(
                name: "FK_Bookings_Practitioners_PractitionerId",
                table: "Bookings",
                column: "PractitionerId",
                principalTable: "Practitioners",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Bookings_Rooms_RoomId",
                table: "Bookings",
                column: "RoomId",
                principalTable: "Rooms",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

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
            migrationBuilder.DropForeignKey(
                name: "FK_Bookings_Practitioners_PractitionerId",
                table: "Bookings");

            migrationBuilder.DropForeignKey(
                name: "FK_Bookings_Rooms_RoomId",
                table: "Bookings");

            migrationBuilder.DropTable(
                name: "AttemptCounters");

            migrationBuilder.DropTable(
                name: "AvailabilityExceptions");

            migrationBuilder.DropTable(
                name: "BookingAnswers");

            migrationBuilder.DropTable(
                name: "BookingQuestions");

            migrationBuilder.DropTable(
                name: "BookingReminders");

            migrationBuilder.DropTable(
                name: "MessageTemplates");

            migrationBuilder.DropTable(
                name: "OpeningSeatSamples");

            migrationBuilder.DropTable(
                name: "PractitionerBusyPeriods");

            migrationBuilder.DropTable(
                name: "PractitionerServices");

            migrationBuilder.DropTable(
                name: "ServiceReminders");

            migrationBuilder.DropTable(
                name: "ServiceRooms");

            migrationBuilder.DropTable(
                name: "SetupTokens");

            migrationBuilder.DropTable(
                name: "WorkingHours");

            migrationBuilder.DropTable(
                name: "Rooms");

            migrationBuilder.DropTable(
                name: "Practitioners");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Services_SeatsPerPractitioner",
                table: "Services");

            migrationBuilder.DropIndex(
                name: "IX_LedgerEntries_BookingId_Kind",
                table: "LedgerEntries");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_Cancelled_ServiceId_StartUtc",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_PractitionerId_StartUtc",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_RoomId_StartUtc",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_ServiceId_CreatedAtUtc",
                table: "Bookings");

            migrationBuilder.DropIndex(
                name: "IX_Bookings_ServiceId_StartUtc_Status_MovedAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "ApprovalHoldHours",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "BooksPractitioners",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "PrivacyMode",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "RequiresApproval",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "SeatsPerPractitioner",
                table: "Services");

            migrationBuilder.DropColumn(
                name: "MessageTemplateId",
                table: "OutboxMessages");

            migrationBuilder.DropColumn(
                name: "PractitionerId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "RoomId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "VideoRoomLink",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "MovedAtUtc",
                table: "Bookings");

            migrationBuilder.AddColumn<DateTime>(
                name: "Reminder24hQueuedAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.DropColumn(
                name: "DeclinedAtUtc",
                table: "Bookings");

            migrationBuilder.AddColumn<DateTime>(
                name: "Reminder1hQueuedAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

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
