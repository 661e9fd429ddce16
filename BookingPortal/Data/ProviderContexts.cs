namespace BookingPortal.Data;

public sealed class SqliteBookingDbContext(DbContextOptions<SqliteBookingDbContext> options) : BookingDbContext(options);

public sealed class SqlServerBookingDbContext(DbContextOptions<SqlServerBookingDbContext> options) : BookingDbContext(options);

public sealed class PostgresBookingDbContext(DbContextOptions<PostgresBookingDbContext> options) : BookingDbContext(options);
