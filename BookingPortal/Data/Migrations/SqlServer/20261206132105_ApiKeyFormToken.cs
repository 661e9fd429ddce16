using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.SqlServer
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
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_ApiKeys_OwnerId_FormToken",
                table: "ApiKeys",
                columns: new[] { "OwnerId", "FormToken" },
                unique: true,
                filter: "[FormToken] IS NOT NULL");
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
