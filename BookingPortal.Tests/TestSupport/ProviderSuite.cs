namespace BookingPortal.Tests.TestSupport;

/// <summary>
/// A suite that runs on SQLite and again on PostgreSQL: a subclass named …OnPostgresTests overrides
/// <see cref="Provider"/>, and the suite starts its portals with <c>new PortalFactory { Provider = Provider }</c>.
/// </summary>
public abstract class ProviderSuite
{
    /// <summary>The database this suite runs on.</summary>
    protected virtual DatabaseProvider Provider => DatabaseProvider.Sqlite;
}
