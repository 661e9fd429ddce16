using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore.Migrations;

namespace BookingPortal.Infrastructure.Jobs;

/// <summary>
/// The clustered Quartz job store's tables, created by an EF migration of each server database.
/// The DDL is the one the referenced Quartz package ships for its own provisioning (an embedded,
/// idempotent script per dialect), read when the migration runs, so no copy of it is kept here. A
/// database migrated once never reads it again: QuartzJobStoreSchemaTests hold the script to the one
/// the migrations were written for, so an upgrade that changes it comes with a migration of its own.
/// The scheduler itself only validates the schema at start-up.
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
    public static IReadOnlyList<string> Statements(string dialect) =>
        StatementSeparator()
            .Split(ReadScript(dialect).Replace("{0}", TablePrefix, StringComparison.Ordinal).Replace("{1}", TablePrefix, StringComparison.Ordinal))
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
        var name = $"Quartz.Impl.AdoJobStore.Schema.create_{dialect}.sql";
        using var stream = typeof(Quartz.IScheduler).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The Quartz package no longer ships the schema script '{name}'; pin the Quartz version the migrations were written for.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A line reading exactly "--;;" ends a statement (the script's own convention).</summary>
    [GeneratedRegex(@"^--;;\r?$", RegexOptions.Multiline)]
    private static partial Regex StatementSeparator();

    [GeneratedRegex(@"CREATE TABLE (IF NOT EXISTS )?(?<table>[A-Za-z_]+)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedTable();
}
