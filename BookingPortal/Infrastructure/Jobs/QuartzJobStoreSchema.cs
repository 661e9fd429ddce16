using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BookingPortal.Infrastructure.Jobs;

/// <summary>
/// The clustered Quartz job store's tables, created by an EF migration of each server database from
/// the script Quartz 4.7.3 ships for its own provisioning (one per dialect), kept in third_party/ as it
/// was: a migration is history, and read from the installed package a later Quartz would create other
/// tables on new databases than on those migrated before. QuartzJobStoreSchemaTests compare the
/// installed package's script with the tables the migrations make, so an upgrade that changes them
/// comes with a migration of its own. The scheduler itself only validates the schema at start-up.
/// </summary>
public static partial class QuartzJobStoreSchema
{
    /// <summary>Quartz's default table prefix, which the job store configuration keeps.</summary>
    public const string TablePrefix = "qrtz_";

    public static void Create(MigrationBuilder migrationBuilder, string dialect)
    {
        foreach (var statement in Statements(dialect))
        {
            migrationBuilder.Sql(statement);
        }
    }

    /// <summary>Drops the tables in reverse order of creation, so foreign keys go first.</summary>
    public static void Drop(MigrationBuilder migrationBuilder, string dialect)
    {
        foreach (var table in Tables(dialect).Reverse())
        {
            migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
        }
    }

    /// <summary>The script's statements with the prefix filled in ('{0}' may carry a schema, '{1}' never does).</summary>
    public static IReadOnlyList<string> Statements(string dialect) => StatementsOf(ReadScript(dialect));

    /// <summary>A script's statements, as a migration runs them: also how a newer Quartz's script is compared with this one.</summary>
    internal static IReadOnlyList<string> StatementsOf(string script) =>
        StatementSeparator()
            .Split(script.Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal))
            .Where(piece => piece.Split('\n').Any(line => line.Trim() is { Length: > 0 } text && !text.StartsWith("--", StringComparison.Ordinal)))
            .Select(piece => piece.Trim())
            .ToList();

    public static IEnumerable<string> Tables(string dialect) =>
        Statements(dialect)
            .Select(statement => CreatedTable().Match(statement))
            .Where(match => match.Success)
            .Select(match => match.Groups["table"].Value)
            .Distinct(StringComparer.OrdinalIgnoreCase);

    private static string ReadScript(string dialect)
    {
        var name = $"BookingPortal.Infrastructure.Jobs.Schema.create_{dialect}.sql";
        using var stream = typeof(QuartzJobStoreSchema).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"No job store script '{name}' for the dialect '{dialect}'.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A line reading exactly "--;;" ends a statement (the script's own convention).</summary>
    [GeneratedRegex(@"^--;;\r?$", RegexOptions.Multiline)]
    private static partial Regex StatementSeparator();

    [GeneratedRegex(@"CREATE TABLE (IF NOT EXISTS )?(?<table>[A-Za-z_]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedTable();
}
