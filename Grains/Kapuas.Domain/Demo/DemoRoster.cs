using System.Security.Cryptography;
using System.Text;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Regions;
using Kapuas.Domain.Workers;

namespace Kapuas.Domain.Demo;

/// <summary>One generated worker and what happened to them.</summary>
public sealed record DemoWorker(
    int Index,
    Guid Id,
    ProfileInput Profile,
    bool In2025,
    bool In2026,
    IReadOnlyList<(DateOnly Start, DateOnly End, FundingKind Funding)> History,
    (ExitReason Reason, DateOnly Date)? Exit);

/// <summary>
/// A realistic, deterministic demo roster for Kabupaten Kapuas: Indonesian (Banjar, Dayak, Javanese) names, valid
/// NIKs (most with the Kapuas prefix 6203, a few from elsewhere), kecamatan weighted by population, the four
/// occupations, some earlier self-paid or village-funded periods, some deaths and exits.
/// The same count and seed always give the same people, ids included.
/// </summary>
public static class DemoRoster
{
    // Rough relative population of the 17 kecamatan (approximation for demo data only, Low confidence).
    private static readonly int[] KecamatanWeights = [60, 15, 25, 25, 15, 12, 25, 12, 30, 10, 12, 7, 10, 6, 6, 18, 22];

    private static readonly string[] MaleFirst =
    [
        "Ahmad", "Muhammad", "Abdul", "Rahmat", "Yusuf", "Budi", "Agus", "Slamet", "Supriadi", "Hendra", "Darmawan", "Rudi",
        "Saiful", "Ilham", "Fajar", "Arif", "Bambang", "Eko", "Joko", "Herman", "Usup", "Tambun", "Sahari", "Nanang",
        "Gusti", "Yanto", "Rusdi", "Syahrani", "Fahrul", "Iwan", "Dedi", "Aldi", "Riduan", "Sarwani", "Jumadi", "Hairul",
    ];

    private static readonly string[] FemaleFirst =
    [
        "Siti", "Nur", "Sri", "Rina", "Dewi", "Fitri", "Yuliana", "Rahmah", "Halimah", "Aminah", "Norhayati", "Mariani",
        "Jumiati", "Sarah", "Lestari", "Wulan", "Ratna", "Erna", "Kartini", "Rusmini", "Salmah", "Hj. Masitah", "Elisabet",
        "Maria", "Yanti", "Rosita", "Indah", "Ayu", "Sumiati", "Nurul", "Linda", "Putri", "Mega", "Rini", "Fatimah", "Zaitun",
    ];

    private static readonly string[] Family =
    [
        "Saputra", "Hidayat", "Rahman", "Santoso", "Wijaya", "Kurniawan", "Pratama", "Setiawan", "Nugroho", "Lubis",
        "Anwar", "Hasan", "Ismail", "Syahputra", "Nasution", "Rizal", "Gunawan", "Effendi", "Tingang", "Ngabe", "Sanjaya",
        "Bahrun", "Jamaludin", "Fauzi", "Maulana", "Firmansyah", "Hakim", "Ramadhan", "Utomo", "Susanto", "Asmuni", "Rahmadi",
    ];

    private static readonly string[] DesaWords =
    [
        "Sei", "Anjir", "Basarang", "Pulau", "Tamban", "Mantangai", "Lupak", "Bataguh", "Terusan", "Handil", "Selat", "Barimba",
        "Murung", "Pasak", "Dadahup", "Sakata", "Palingkau", "Maluen", "Timpah", "Tangkahen",
    ];

    private static readonly string[] DesaSuffix = ["Hulu", "Hilir", "Tengah", "Baru", "Jaya", "Makmur", "Raya", "Lama", "Indah", "Permai"];

    private static readonly string[] OtherRegions = ["630101", "630302", "627101", "620101", "357801", "620601"];

    public static IEnumerable<DemoWorker> Generate(int count, int seed, DateOnly today)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var random = new Random(seed);
        var totalWeight = KecamatanWeights.Sum();
        var serials = new Dictionary<string, int>();
        for (var i = 0; i < count; i++)
        {
            var female = random.Next(100) < 42;
            var sex = female ? Sex.Female : Sex.Male;
            var name = $"{Pick(random, female ? FemaleFirst : MaleFirst)} {Pick(random, Family)}";
            var born = new DateOnly(1958, 1, 1).AddDays(random.Next(0, 365 * 47));
            var kecamatanIndex = WeightedIndex(random, totalWeight);
            var kecamatan = Kecamatan.All[kecamatanIndex];
            var region = random.Next(100) < 4 ? Pick(random, OtherRegions) : kecamatan.Code.Replace(".", "", StringComparison.Ordinal);
            var key = $"{region}{born:ddMMyy}{(female ? 1 : 0)}";
            var serial = serials[key] = serials.GetValueOrDefault(key) + 1;
            var day = born.Day + (female ? 40 : 0);
            var nik = $"{region}{day:D2}{born.Month:D2}{born.Year % 100:D2}{serial:D4}";
            var occupation = random.Next(100) switch
            {
                < 45 => "Petani",
                < 65 => "Nelayan",
                < 80 => "Pedagang pasar",
                < 97 => "Buruh harian lepas",
                _ => "Lainnya: pengrajin rotan",
            };
            var desa = $"{Pick(random, DesaWords)} {Pick(random, DesaSuffix)}";
            var phone = random.Next(100) < 70 ? $"08{random.Next(11, 99)}{random.Next(1000_0000, 9999_9999)}" : null;
            var kpj = random.Next(100) < 60 ? $"{random.NextInt64(10_000_000_000, 99_999_999_999)}" : null;
            var source = random.Next(100) < 70 ? DataSource.Dtks : DataSource.Dtsen;
            var profile = new ProfileInput(nik, name, sex, born, kecamatan.Name, desa, occupation, phone, kpj, source);

            var in2025 = random.Next(100) < 92;
            var in2026 = in2025 ? random.Next(100) < 50 : random.Next(100) < 8;
            var history = new List<(DateOnly, DateOnly, FundingKind)>();
            if (random.Next(100) < 12)
            {
                var start = new DateOnly(2021 + random.Next(0, 3), random.Next(1, 13), 1);
                var months = random.Next(3, 15);
                history.Add((start, start.AddMonths(months).AddDays(-1), random.Next(2) == 0 ? FundingKind.SelfPaid : FundingKind.Apbdes));
            }

            (ExitReason, DateOnly)? exit = null;
            var roll = random.Next(1000);
            if (roll < 12 && in2026)
            {
                exit = (ExitReason.Died, Min(new DateOnly(2026, 1, 1).AddDays(random.Next(0, 330)), today));
            }
            else if (roll < 35 && !in2026)
            {
                exit = ((ExitReason)random.Next(2, 5), new DateOnly(2025, 10, 1).AddDays(random.Next(0, 60)));
            }

            yield return new DemoWorker(i, StableId(seed, i), profile, in2025, in2026, history, exit);
        }
    }

    /// <summary>A stable id for generated worker <paramref name="index"/> under <paramref name="seed"/>.</summary>
    public static Guid StableId(int seed, int index, string purpose = "worker")
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"kapuas-demo:{seed}:{index}:{purpose}"));
        return new Guid(hash.AsSpan(0, 16));
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private static int WeightedIndex(Random random, int total)
    {
        var roll = random.Next(total);
        for (var i = 0; i < KecamatanWeights.Length; i++)
        {
            roll -= KecamatanWeights[i];
            if (roll < 0)
            {
                return i;
            }
        }

        return KecamatanWeights.Length - 1;
    }
}
