using Kapuas.Domain.Common;
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

/// <summary>
/// Whether a claim gives the children the scholarship, and why, with both readings of masa iur shown. The explanation
/// is rendered in the current UI culture when the verdict is made (a verdict is made for each estimate, never stored).
/// </summary>
public sealed record ScholarshipVerdict(ScholarshipRight Right, string Explanation)
{
    public static ScholarshipVerdict NotTriggered => new(ScholarshipRight.NotTriggered, new Phrase("verdict.not_triggered").ToString());

    /// <summary>The reading in words, in the current UI culture.</summary>
    public static string ReadingLabel(MasaIurReading reading) => new Phrase(ReadingKey(reading)).ToString();

    private static string ReadingKey(MasaIurReading reading) => reading switch
    {
        MasaIurReading.SinceLastLapse => "masa_iur.reading.SinceLastLapse",
        MasaIurReading.Cumulative => "masa_iur.reading.Cumulative",
        _ => "masa_iur.reading.Undecided",
    };

    /// <summary>Death or total disability from a work accident: no minimum masa iur (§2.2, §2.3); <paramref name="whyKey"/> says which.</summary>
    public static ScholarshipVerdict WithoutMinimum(string whyKey) => Verdict(ScholarshipRight.Entitled, whyKey);

    private static ScholarshipVerdict Verdict(ScholarshipRight right, string key, params string[] args) => new(right, new Phrase(key, args).ToString());

    /// <summary>
    /// JKM death: masa iur of at least <paramref name="minimumMonths"/> under the reading that decides. When both
    /// readings agree the answer is plain; when they differ and no reading is recorded, BPJS must confirm.
    /// </summary>
    public static ScholarshipVerdict ForJkm(MasaIur masaIur, MasaIurReading reading, int minimumMonths)
    {
        var sinceLapse = masaIur.SinceLapseMonths >= minimumMonths;
        var cumulative = masaIur.CumulativeMonths >= minimumMonths;
        var both = new Phrase("verdict.both_readings", $"{masaIur.SinceLapseMonths}", $"{masaIur.CumulativeMonths}", $"{minimumMonths}").AsArgument();
        if (sinceLapse == cumulative)
        {
            return sinceLapse
                ? Verdict(ScholarshipRight.Entitled, "verdict.entitled_both", both)
                : Verdict(ScholarshipRight.NotEntitled, "verdict.not_entitled_both", both);
        }

        return reading switch
        {
            MasaIurReading.SinceLastLapse => Verdict(ScholarshipRight.NotEntitled, "verdict.not_entitled_by_reading", both, Phrase.Term(ReadingKey(reading))),
            MasaIurReading.Cumulative => Verdict(ScholarshipRight.Entitled, "verdict.entitled_by_reading", both, Phrase.Term(ReadingKey(reading))),
            _ => Verdict(ScholarshipRight.NeedsBpjsConfirmation, "verdict.needs_bpjs", both),
        };
    }
}
