using System.Collections.Frozen;

namespace BookingPortal.Infrastructure.Payments;

/// <summary>
/// Stripe counts every amount in the currency's smallest unit as Stripe defines it (docs.stripe.com/currencies): cents
/// for most, the yen itself for zero-decimal currencies, a thousandth of a dinar for three-decimal ones. Counting every
/// currency in cents charged a ¥5,000 deposit as ¥500,000 and recorded its payment as ¥5,000.
/// </summary>
public static class StripeAmounts
{
    // Stripe's zero-decimal list. ISK is not on it: Stripe takes krónur in a two-decimal form (whole ones only).
    private static readonly FrozenSet<string> ZeroDecimal = FrozenSet.ToFrozenSet(
        ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenSet<string> ThreeDecimal = FrozenSet.ToFrozenSet(["BHD", "JOD", "KWD", "OMR", "TND"], StringComparer.OrdinalIgnoreCase);

    public static long ToMinorUnits(decimal amount, string currency) => (long)decimal.Round(amount * UnitsPerWhole(currency), MidpointRounding.AwayFromZero);

    public static decimal FromMinorUnits(long minorUnits, string currency) => minorUnits / UnitsPerWhole(currency);

    private static decimal UnitsPerWhole(string currency) =>
        ZeroDecimal.Contains(currency) ? 1m : ThreeDecimal.Contains(currency) ? 1000m : 100m;
}
