using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReleasesAndQueue : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Releases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ServiceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    OpensAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RecurringDays = table.Column<int>(type: "INTEGER", nullable: false),
                    RecurringLocalTime = table.Column<TimeOnly>(type: "TEXT", nullable: false),
                    EarlyAccessAudienceId = table.Column<int>(type: "INTEGER", nullable: true),
                    EarlyAccessMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    AdmissionWindowSeconds = table.Column<int>(type: "INTEGER", nullable: false),
                    MaxConcurrentAdmissions = table.Column<int>(type: "INTEGER", nullable: false),
                    AdmissionRatePerMinute = table.Column<int>(type: "INTEGER", nullable: false),
                    RequireAuthentication = table.Column<bool>(type: "INTEGER", nullable: false),
                    FairnessMode = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ShowRemainingSlots = table.Column<bool>(type: "INTEGER", nullable: false),
                    AdmissionPaused = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Releases", x => x.Id);
                    table.CheckConstraint("CK_Releases_Queue", "\"AdmissionWindowSeconds\" > 0 AND \"MaxConcurrentAdmissions\" > 0 AND \"AdmissionRatePerMinute\" > 0 AND \"EarlyAccessMinutes\" >= 0");
                    table.ForeignKey(
                        name: "FK_Releases_Audiences_EarlyAccessAudienceId",
                        column: x => x.EarlyAccessAudienceId,
                        principalTable: "Audiences",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_Releases_Services_ServiceId",
                        column: x => x.ServiceId,
                        principalTable: "Services",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReleaseOpenings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReleaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    OpensAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EarlyOpensAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Seed = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EarlyDrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    PublicDrawn = table.Column<bool>(type: "INTEGER", nullable: false),
                    LastSequence = table.Column<long>(type: "INTEGER", nullable: false),
                    TickCount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleaseOpenings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReleaseOpenings_Releases_ReleaseId",
                        column: x => x.ReleaseId,
                        principalTable: "Releases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueueEntries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OpeningId = table.Column<long>(type: "INTEGER", nullable: false),
                    CustomerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    EarlyAccess = table.Column<bool>(type: "INTEGER", nullable: false),
                    JoinedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AdmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QueueEntries_AspNetUsers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QueueEntries_ReleaseOpenings_OpeningId",
                        column: x => x.OpeningId,
                        principalTable: "ReleaseOpenings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_CustomerId",
                table: "QueueEntries",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_OpeningId_CustomerId",
                table: "QueueEntries",
                columns: new[] { "OpeningId", "CustomerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_OpeningId_Sequence",
                table: "QueueEntries",
                columns: new[] { "OpeningId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_OpeningId_Status_Sequence",
                table: "QueueEntries",
                columns: new[] { "OpeningId", "Status", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseOpenings_ReleaseId_OpensAtUtc",
                table: "ReleaseOpenings",
                columns: new[] { "ReleaseId", "OpensAtUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Releases_EarlyAccessAudienceId",
                table: "Releases",
                column: "EarlyAccessAudienceId");

            migrationBuilder.CreateIndex(
                name: "IX_Releases_ServiceId",
                table: "Releases",
                column: "ServiceId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QueueEntries");

            migrationBuilder.DropTable(
                name: "ReleaseOpenings");

            migrationBuilder.DropTable(
                name: "Releases");
        }
    }
}
