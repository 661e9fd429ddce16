using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueVisitors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "CustomerId",
                table: "QueueEntries",
                type: "TEXT",
                maxLength: 450,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 450);

            migrationBuilder.AddColumn<string>(
                name: "VisitorKey",
                table: "QueueEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_VisitorKey_OpeningId",
                table: "QueueEntries",
                columns: new[] { "VisitorKey", "OpeningId" },
                unique: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_QueueEntries_Owner",
                table: "QueueEntries",
                sql: "\"CustomerId\" IS NOT NULL OR \"VisitorKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_VisitorKey_OpeningId",
                table: "QueueEntries");

            migrationBuilder.DropCheckConstraint(
                name: "CK_QueueEntries_Owner",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "VisitorKey",
                table: "QueueEntries");

            migrationBuilder.AlterColumn<string>(
                name: "CustomerId",
                table: "QueueEntries",
                type: "TEXT",
                maxLength: 450,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 450,
                oldNullable: true);
        }
    }
}
