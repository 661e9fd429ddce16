using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BookingQuestions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BookingAnswers");

            migrationBuilder.DropTable(
                name: "BookingQuestions");
        }
    }
}
