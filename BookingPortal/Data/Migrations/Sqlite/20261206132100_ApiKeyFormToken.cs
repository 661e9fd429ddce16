using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ApiKeyFormToken : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FormToken",
                table: "ApiKeys",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_OwnerId_FormToken",
                table: "ApiKeys",
                columns: new[] { "OwnerId", "FormToken" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ApiKeys_OwnerId_FormToken",
                table: "ApiKeys");

            migrationBuilder.DropColumn(
                name: "FormToken",
                table: "ApiKeys");
        }
    }
}
