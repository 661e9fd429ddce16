using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace BookingPortal.Data.Configurations;

/// <summary>
/// Column rules that hold across the model, named once: a configuration says which rule a column follows instead of
/// repeating its length, and the columns of one kind cannot drift apart.
/// </summary>
internal static class ColumnRules
{
    /// <summary>
    /// Identity's user id is a string key, which SQL Server stores as nvarchar(450); a column that holds one is as
    /// long, so it can join and index against it.
    /// </summary>
    public const int UserIdLength = 450;

    /// <summary>An ISO 4217 code ("USD"): always three letters.</summary>
    public const int CurrencyCodeLength = 3;

    /// <summary>A SHA-256 written in hex: always 64 characters.</summary>
    public const int Sha256HexLength = 64;

    /// <summary>A column holding an <see cref="ApplicationUser"/>'s id, whether or not it is a foreign key to the user.</summary>
    public static PropertyBuilder<string?> UserIdColumn<TEntity>(this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, string?>> userId)
        where TEntity : class =>
        builder.Property(userId).HasMaxLength(UserIdLength);

    public static PropertyBuilder<string?> CurrencyCodeColumn<TEntity>(this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, string?>> currency)
        where TEntity : class =>
        builder.Property(currency).HasMaxLength(CurrencyCodeLength).IsFixedLength();

    /// <summary>What is kept of a secret (an API key, a setup token) or of an address: its SHA-256, never the value.</summary>
    public static PropertyBuilder<string?> Sha256HexColumn<TEntity>(this EntityTypeBuilder<TEntity> builder, Expression<Func<TEntity, string?>> hash)
        where TEntity : class =>
        builder.Property(hash).HasMaxLength(Sha256HexLength).IsFixedLength();
}
