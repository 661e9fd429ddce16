using BookingPortal.Infrastructure.Jobs;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace BookingPortal.Data.Migrations.Postgres;

/// <summary>
/// Written by hand (it changes no entity, so the model snapshot is untouched): the tables of the
/// clustered Quartz job store, from the script the Quartz package ships for this dialect.
/// </summary>
[DbContext(typeof(PostgresBookingDbContext))]
[Migration("20261125152000_QuartzJobStore")]
public partial class QuartzJobStore : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) => QuartzJobStoreSchema.Create(migrationBuilder, "postgres");

    protected override void Down(MigrationBuilder migrationBuilder) => QuartzJobStoreSchema.Drop(migrationBuilder, "postgres");
}
