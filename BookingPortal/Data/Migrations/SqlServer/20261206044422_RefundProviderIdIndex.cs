using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class RefundProviderIdIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_ProviderRefundId",
                table: "RefundRequests",
                column: "ProviderRefundId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_RefundRequests_ProviderRefundId",
                table: "RefundRequests");
        }
    }
}
