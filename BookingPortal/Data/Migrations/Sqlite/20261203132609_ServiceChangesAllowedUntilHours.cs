using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ServiceChangesAllowedUntilHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ChangesAllowedUntilHours",
                table: "Services",
                type: "INTEGER",
                nullable: false,
                defaultValue: 48);

            // Existing services keep the rule the model gives new ones (48 hours), but never a cutoff inside
            // their own fee window: a move there would let a customer dodge the late-cancellation fee.
            migrationBuilder.Sql("UPDATE \"Services\" SET \"ChangesAllowedUntilHours\" = \"FreeCancellationHours\" WHERE \"FreeCancellationHours\" > 48");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ChangesAllowedUntilHours",
                table: "Services");
        }
    }
}
