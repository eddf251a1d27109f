using System.Globalization;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;

namespace Kapuas.Domain.Tests;

/// <summary>Small helpers so that table rows can name dates as ISO text.</summary>
internal static class TestData
{
    public static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static DateOnly? OptionalDate(string? iso) => iso is null ? null : D(iso);

    public static CoveragePeriod P(string start, string end) => CoveragePeriod.Of(D(start), D(end));

    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The error code of a result, or "ok" when it succeeded.</summary>
    public static string Code<T>(Result<T> result) => result.Error?.Code ?? "ok";
}
