namespace Kapuas.Domain.Common;

/// <summary>An amount in whole rupiah. Shown as <c>Rp 16.800</c>.</summary>
public readonly record struct Money(long Rupiah) : IComparable<Money>
{
    public static Money Zero => new(0);

    public static Money operator +(Money a, Money b) => new(checked(a.Rupiah + b.Rupiah));

    public static Money operator -(Money a, Money b) => new(checked(a.Rupiah - b.Rupiah));

    public static Money operator *(Money a, long factor) => new(checked(a.Rupiah * factor));

    public static Money operator *(long factor, Money a) => a * factor;

    public static bool operator <(Money a, Money b) => a.Rupiah < b.Rupiah;

    public static bool operator >(Money a, Money b) => a.Rupiah > b.Rupiah;

    public static bool operator <=(Money a, Money b) => a.Rupiah <= b.Rupiah;

    public static bool operator >=(Money a, Money b) => a.Rupiah >= b.Rupiah;

    public int CompareTo(Money other) => Rupiah.CompareTo(other.Rupiah);

    /// <summary>
    /// A share of this amount, rounded half away from zero to the rupiah: <paramref name="numerator"/> /
    /// <paramref name="denominator"/>, computed exactly in integers.
    /// </summary>
    public Money Fraction(long numerator, long denominator)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(denominator);
        var product = checked(Rupiah * numerator);
        var quotient = Math.DivRem(product, denominator, out var remainder);
        if (Math.Abs(remainder) * 2 >= denominator)
        {
            quotient += Math.Sign(product);
        }

        return new Money(quotient);
    }

    public static Money Sum(IEnumerable<Money> amounts) => amounts.Aggregate(Zero, (a, b) => a + b);

    public override string ToString() => Rupiah < 0 ? $"-Rp {IndonesianFormat.Number(-Rupiah)}" : $"Rp {IndonesianFormat.Number(Rupiah)}";
}
