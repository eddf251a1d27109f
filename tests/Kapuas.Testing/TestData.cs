using Kapuas.Domain.Agreements;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Workers;

namespace Kapuas.Testing;

/// <summary>Valid inputs that tests vary: NIKs are generated so that each test has its own people.</summary>
public static class TestData
{
    /// <summary>A fixed NIK fingerprint key for test processes (32 bytes, base64).</summary>
    public const string NikKey = "a2FwdWFzLXRlc3QtbmlrLWZpbmdlcnByaW50LWtleS0wMQ==";

    public static readonly DateTimeOffset Now = new(2026, 6, 15, 3, 0, 0, TimeSpan.Zero);

    private static int serial = Random.Shared.Next(1, 5000);

    public static CommandContext Context(string user = "tester", DateTimeOffset? at = null) =>
        new(Guid.NewGuid(), $"id-{user}", user, at ?? Now);

    /// <summary>A NIK from Kecamatan Selat (620301), matching <paramref name="sex"/> and <paramref name="born"/>, with a fresh serial.</summary>
    public static string Nik(Sex sex, DateOnly born, string region = "620301")
    {
        var day = born.Day + (sex == Sex.Female ? 40 : 0);
        var next = Interlocked.Increment(ref serial) % 9999 + 1;
        return $"{region}{day:D2}{born.Month:D2}{born.Year % 100:D2}{next:D4}";
    }

    public static WorkerProfileInput Profile(string name = "Siti Aminah", Sex sex = Sex.Female, string? nik = null, string kecamatan = "Selat") =>
        new(nik ?? Nik(sex, new DateOnly(1988, 4, 12)), name, sex, new DateOnly(1988, 4, 12), kecamatan, "Selat Hulu", "petani",
            "081234567890", null, DataSource.Dtks);

    public static AgreementTermsInput Agreement2026(int quota = 5_000) =>
        new("400.7/01/DINSOS/2026", new DateOnly(2026, 1, 5), 2026, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), quota,
            Programs.Jkk | Programs.Jkm, 1_000_000, 1_008_000_000 / 5_000 * (long)quota);

    /// <summary>The 2026 terms moved to a whole calendar <paramref name="year"/> (for tests that run against today's date).</summary>
    public static AgreementTermsInput AgreementFor(int year, int quota = 5_000) => Agreement2026(quota) with
    {
        BudgetYear = year, Start = new DateOnly(year, 1, 1), End = new DateOnly(year, 12, 31), SignedOn = new DateOnly(year, 1, 1),
    };

    public static AgreementTermsInput Agreement2025(int quota = 10_000) =>
        new("400.7/96/DINSOS/2025", new DateOnly(2025, 2, 20), 2025, new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 30), quota,
            Programs.Jkk | Programs.Jkm, 1_000_000, 117_600L * quota);
}
