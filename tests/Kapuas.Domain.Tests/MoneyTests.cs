using Kapuas.Domain.Common;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(0L, "Rp 0")]
    [InlineData(1_000L, "Rp 1.000")]
    [InlineData(16_800L, "Rp 16.800")]
    [InlineData(201_600L, "Rp 201.600")]
    [InlineData(1_008_000_000L, "Rp 1.008.000.000")]
    [InlineData(-16_800L, "-Rp 16.800")]
    public void Money_is_shown_in_rupiah_with_dots_between_thousands(long rupiah, string expected)
    {
        Assert.Equal(expected, new Money(rupiah).ToString());
    }

    [Theory]
    [InlineData(5L, 1L, 2L, 3L)]
    [InlineData(-5L, 1L, 2L, -3L)]
    [InlineData(5L, -1L, 2L, -3L)]
    [InlineData(15L, 1L, 10L, 2L)]
    [InlineData(-15L, 1L, 10L, -2L)]
    [InlineData(14L, 1L, 10L, 1L)]
    [InlineData(8L, 1L, 3L, 3L)]
    [InlineData(16_800L, 17L, 31L, 9_213L)]
    [InlineData(16_800L, 14L, 28L, 8_400L)]
    public void A_fraction_is_rounded_half_away_from_zero(long rupiah, long numerator, long denominator, long expected)
    {
        Assert.Equal(new Money(expected), new Money(rupiah).Fraction(numerator, denominator));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-3L)]
    public void A_fraction_needs_a_positive_denominator(long denominator)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Money(16_800).Fraction(1, denominator));
    }

    [Fact]
    public void Money_adds_subtracts_multiplies_and_sums()
    {
        var jkk = new Money(10_000);
        var jkm = new Money(6_800);

        Assert.Equal(new Money(16_800), jkk + jkm);
        Assert.Equal(new Money(3_200), jkk - jkm);
        Assert.Equal(new Money(201_600), (jkk + jkm) * 12);
        Assert.Equal(new Money(201_600), 12 * (jkk + jkm));
        Assert.Equal(new Money(33_600), Money.Sum([jkk, jkm, jkk, jkm]));
        Assert.Equal(Money.Zero, Money.Sum([]));
    }

    [Fact]
    public void Money_compares_by_amount()
    {
        var small = new Money(6_800);
        var large = new Money(10_000);

        Assert.True(small < large);
        Assert.True(large > small);
        Assert.True(small <= new Money(6_800));
        Assert.True(large >= new Money(10_000));
        Assert.False(large < small);
        Assert.True(small.CompareTo(large) < 0);
    }

    [Fact]
    public void Money_refuses_to_overflow_silently()
    {
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue) + new Money(1));
        Assert.Throws<OverflowException>(() => new Money(long.MinValue) - new Money(1));
        Assert.Throws<OverflowException>(() => new Money(long.MaxValue / 2 + 1) * 2);
    }
}

public sealed class YearMonthTests
{
    [Theory]
    [InlineData(2025, 12, "2026-01")]
    [InlineData(2026, 1, "2026-02")]
    [InlineData(2026, 11, "2026-12")]
    public void The_next_month_crosses_the_year_after_december(int year, int month, string expected)
    {
        Assert.Equal(expected, new YearMonth(year, month).Next().ToString());
    }

    [Theory]
    [InlineData(2025, 11, 2026, 2, "2025-11,2025-12,2026-01,2026-02")]
    [InlineData(2026, 3, 2026, 3, "2026-03")]
    [InlineData(2026, 4, 2026, 3, "")]
    public void A_range_lists_every_month_from_first_to_last_included(int fromYear, int fromMonth, int toYear, int toMonth, string expected)
    {
        var months = YearMonth.Range(new YearMonth(fromYear, fromMonth), new YearMonth(toYear, toMonth));

        Assert.Equal(expected, string.Join(",", months));
    }

    [Theory]
    [InlineData(2024, 2, 29)]
    [InlineData(2026, 2, 28)]
    [InlineData(2000, 2, 29)]
    [InlineData(2100, 2, 28)]
    [InlineData(2026, 4, 30)]
    [InlineData(2026, 12, 31)]
    public void Days_in_month_follow_the_calendar_including_leap_february(int year, int month, int days)
    {
        var yearMonth = new YearMonth(year, month);

        Assert.Equal(days, yearMonth.DaysInMonth);
        Assert.Equal(new DateOnly(year, month, 1), yearMonth.FirstDay);
        Assert.Equal(new DateOnly(year, month, days), yearMonth.LastDay);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-01")]
    [InlineData("2024-02-29", "2024-02")]
    [InlineData("2025-12-31", "2025-12")]
    public void The_month_of_a_date(string date, string expected)
    {
        Assert.Equal(expected, YearMonth.Of(D(date)).ToString());
    }

    [Fact]
    public void Months_are_ordered_by_year_then_month()
    {
        var december = new YearMonth(2025, 12);
        var january = new YearMonth(2026, 1);

        Assert.True(december < january);
        Assert.True(january > december);
        Assert.True(december <= new YearMonth(2025, 12));
        Assert.True(january >= new YearMonth(2026, 1));
        Assert.True(new YearMonth(2025, 2).CompareTo(new YearMonth(2024, 11)) > 0);
    }
}
