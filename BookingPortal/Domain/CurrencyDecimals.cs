using System.Collections.Frozen;

namespace BookingPortal.Domain;

/// <summary>How many decimals an amount in a currency may have: none where the currency has no minor unit (yen, won).</summary>
public static class CurrencyDecimals
{
    // ISO 4217's currencies without a minor unit, and the Malagasy ariary, whose fifth is not in use. The three-decimal
    // currencies (BHD, KWD…) keep two: card gateways take them only in steps of 0.01 (Stripe wants the last digit 0).
    private static readonly FrozenSet<string> WholeUnits = FrozenSet.ToFrozenSet(
        ["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"]);

    public static int Of(string currency) => WholeUnits.Contains(currency) ? 0 : 2;

    public static bool Fits(decimal amount, string currency) => decimal.Round(amount, Of(currency)) == amount;
}
