using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Roster;

namespace Kapuas.Admin.Reports;

/// <summary>A worker's whole history as rows (CSV) and as a PDF: profile, periods and gaps, exit, claims, family, audit.</summary>
public static class WorkerHistory
{
    public static readonly string[] Header = ["Bagian", "Mulai", "Sampai", "Keterangan", "Jumlah (Rp)"];

    public static IEnumerable<IReadOnlyList<string?>> Rows(WorkerView w, IReadOnlyList<AuditEntry> audit)
    {
        yield return ["Peserta", null, null, $"{w.Name} · NIK {w.NikMasked} · KPJ {w.Kpj ?? "-"}", null];
        yield return ["Alamat", null, null, $"{w.Desa}, Kec. {w.KecamatanName} · {w.OccupationLabel}", null];
        yield return ["Masa iur", null, null, $"kumulatif {w.MasaIur.CumulativeMonths} bulan; bersambung sejak kepesertaan terakhir berakhir {w.MasaIur.SinceLapseMonths} bulan", null];
        if (w.Membership is { } membership)
        {
            yield return ["Status kepesertaan hari ini", null, null, $"{membership.Label}: {membership.Explanation}", null];
        }

        yield return ["Perlindungan hari ini", null, null, w.Coverage.Explanation, null];
        foreach (var p in w.Periods)
        {
            yield return ["Periode", Formatting.Date(p.Start), Formatting.Date(p.EffectiveEnd ?? p.End),
                $"{p.FundingLabel}{(p.EffectiveEnd is null ? " (tidak berlaku: sesudah keluar)" : "")}", null];
        }

        foreach (var g in w.Gaps)
        {
            yield return ["Jeda", Formatting.Date(g.Start), Formatting.Date(g.End), "tidak terlindungi", null];
        }

        if (w.Exit is { } exit)
        {
            yield return ["Keluar", Formatting.Date(exit.Date), null, exit.Label + (exit.Note is null ? "" : " · " + exit.Note), null];
        }

        foreach (var c in w.Claims)
        {
            yield return ["Klaim", Formatting.Wib(c.IncidentAt), null, $"{c.Number} · {c.TypeLabel} · {c.StateLabel}",
                c.PaidAmount?.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        }

        foreach (var m in w.Family)
        {
            yield return ["Keluarga", m.BirthDate is { } b ? Formatting.Date(b) : null, null,
                $"{m.Name} · {m.RelationshipLabel}{(m.EntitledHeir ? " · ahli waris" : "")}", null];
        }

        foreach (var a in audit)
        {
            yield return ["Jejak perubahan", Formatting.Wib(new DateTimeOffset(DateTime.SpecifyKind(a.At, DateTimeKind.Utc))), null, $"{Formatting.AuditAction(a.Action)} oleh {a.UserName}", null];
        }
    }

    public static byte[] Pdf(WorkerView w, IReadOnlyList<AuditEntry> audit, string printedBy, DateTimeOffset at)
    {
        var report = new PdfReport();
        string? section = null;
        foreach (var row in Rows(w, audit))
        {
            if (row[0] != section)
            {
                section = row[0];
                report.Heading(section!);
            }

            var dates = string.Join(" - ", new[] { row[1], row[2] }.Where(d => d is not null));
            report.Line(string.Join("   ", new[] { dates, row[3], row[4] is null ? null : "Rp " + Formatting.Number(long.Parse(row[4]!, System.Globalization.CultureInfo.InvariantCulture)) }
                .Where(x => !string.IsNullOrEmpty(x))));
        }

        return report.Build($"Riwayat peserta: {w.Name}", $"Kapuas.Actors · dicetak {Formatting.Wib(at)} oleh {printedBy} · NIK disamarkan");
    }
}
