using Kapuas.Domain.Coverage;

namespace Kapuas.Domain.Claims;

/// <summary>
/// Which reading of masa iur decides the 3-year condition of the JKM scholarship (bpjs-rules.md §3.4, UNCONFIRMED):
/// an installation decision an administrator records from BPJS KC Kapuas's written answer.
/// </summary>
public enum MasaIurReading
{
    /// <summary>Not recorded yet: a verdict that depends on the reading needs BPJS's confirmation.</summary>
    Undecided = 0,

    /// <summary>Months since the last lapse (a gap within the grace months does not break it).</summary>
    SinceLastLapse = 1,

    /// <summary>Every contribution month added up across gaps and lapses.</summary>
    Cumulative = 2,
}

public enum ScholarshipRight
{
    /// <summary>The claim gives no scholarship (an accident without death or total disability).</summary>
    NotTriggered = 0,

    Entitled = 1,

    NotEntitled = 2,

    /// <summary>The two readings of masa iur disagree and none is recorded: BPJS decides; the caseworker records it.</summary>
    NeedsBpjsConfirmation = 3,
}

/// <summary>Whether a claim gives the children the scholarship, and why, with both readings of masa iur shown.</summary>
public sealed record ScholarshipVerdict(ScholarshipRight Right, string Explanation)
{
    public static ScholarshipVerdict NotTriggered { get; } = new(ScholarshipRight.NotTriggered, "Klaim ini tidak memberi hak beasiswa.");

    public static string ReadingLabel(MasaIurReading reading) => reading switch
    {
        MasaIurReading.SinceLastLapse => "bersambung (mulai dari nol lagi sesudah kepesertaan berakhir)",
        MasaIurReading.Cumulative => "kumulatif (dijumlahkan walau terputus)",
        _ => "belum ditetapkan",
    };

    /// <summary>Death or total disability from a work accident: no minimum masa iur (§2.2, §2.3).</summary>
    public static ScholarshipVerdict WithoutMinimum(string why) => new(ScholarshipRight.Entitled, why);

    /// <summary>
    /// JKM death: masa iur of at least <paramref name="minimumMonths"/> under the reading that decides. When both
    /// readings agree the answer is plain; when they differ and no reading is recorded, BPJS must confirm.
    /// </summary>
    public static ScholarshipVerdict ForJkm(MasaIur masaIur, MasaIurReading reading, int minimumMonths)
    {
        var sinceLapse = masaIur.SinceLapseMonths >= minimumMonths;
        var cumulative = masaIur.CumulativeMonths >= minimumMonths;
        var both = $"masa iur bersambung {masaIur.SinceLapseMonths} bulan, kumulatif {masaIur.CumulativeMonths} bulan (syarat {minimumMonths} bulan)";
        if (sinceLapse == cumulative)
        {
            return sinceLapse
                ? new(ScholarshipRight.Entitled, $"Anak berhak atas beasiswa: {both}, terpenuhi menurut kedua cara hitung.")
                : new(ScholarshipRight.NotEntitled, $"Beasiswa JKM belum berhak: {both}, belum terpenuhi menurut kedua cara hitung.");
        }

        return reading switch
        {
            MasaIurReading.SinceLastLapse => new(ScholarshipRight.NotEntitled,
                $"Beasiswa JKM belum berhak: {both}; cara hitung yang ditetapkan adalah {ReadingLabel(reading)}."),
            MasaIurReading.Cumulative => new(ScholarshipRight.Entitled,
                $"Anak berhak atas beasiswa: {both}; cara hitung yang ditetapkan adalah {ReadingLabel(reading)}."),
            _ => new(ScholarshipRight.NeedsBpjsConfirmation,
                $"Perlu konfirmasi BPJS: {both}. Berhak bila masa iur dijumlahkan, tidak bila harus bersambung; cara hitung belum ditetapkan (halaman Sistem). Catat keputusan BPJS pada klaim ini."),
        };
    }
}
