using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QueueVisitors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_OpeningId_CustomerId",
                table: "QueueEntries");

            migrationBuilder.AlterColumn<string>(
                name: "CustomerId",
                table: "QueueEntries",
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "nvarchar(450)",
                oldMaxLength: 450);

            migrationBuilder.AddColumn<string>(
                name: "VisitorKey",
                table: "QueueEntries",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_OpeningId_CustomerId",
                table: "QueueEntries",
                columns: new[] { "OpeningId", "CustomerId" },
                unique: true,
                filter: "[CustomerId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_VisitorKey_OpeningId",
                table: "QueueEntries",
                columns: new[] { "VisitorKey", "OpeningId" },
                unique: true,
                filter: "[VisitorKey] IS NOT NULL");

            migrationBuilder.AddCheckConstraint(
                name: "CK_QueueEntries_Owner",
                table: "QueueEntries",
                sql: "\"CustomerId\" IS NOT NULL OR \"VisitorKey\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_OpeningId_CustomerId",
                table: "QueueEntries");

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
                type: "nvarchar(450)",
                maxLength: 450,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "nvarchar(450)",
                oldMaxLength: 450,
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_OpeningId_CustomerId",
                table: "QueueEntries",
                columns: new[] { "OpeningId", "CustomerId" },
                unique: true);
        }
    }
}
