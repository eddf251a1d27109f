using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Continuity;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

/// <summary>The continuity guard on the Kapuas 2025 → 2026 transition and its variants (bpjs-rules.md §3.5, §6.1).</summary>
public sealed class ContinuityGuardTests
{
    private static readonly Agreement Pks2025 = Create("PKS-2025", 2025, "2025-03-01", "2025-09-30");

    [Theory]
    // successor starts (null: none signed), today, days to end, lapse on, gap months, bridge cost per worker, alerts "kind:threshold"
    [InlineData("2026-01-01", "2025-07-02", 90, null, 3, 50_400, "")] // signed in time: no alert
    [InlineData(null, "2025-07-03", 89, "2026-01-01", 3, 50_400, "EndingWithoutSuccessor:90")]
    [InlineData(null, "2025-07-02", 90, "2026-01-01", 3, 50_400, "EndingWithoutSuccessor:90")] // exactly 90 days before
    [InlineData(null, "2025-07-01", 91, "2026-01-01", 3, 50_400, "")]
    [InlineData(null, "2025-09-23", 7, "2026-01-01", 3, 50_400, "EndingWithoutSuccessor:90,EndingWithoutSuccessor:60,EndingWithoutSuccessor:30,EndingWithoutSuccessor:7")]
    [InlineData("2026-01-02", "2025-08-01", 60, "2026-01-01", 4, 50_400, "EndingWithoutSuccessor:90,EndingWithoutSuccessor:60")] // starts a day too late
    [InlineData(null, "2025-10-01", -1, "2026-01-01", 3, 50_400, "CohortInGrace:0")] // the day the cohort enters grace
    [InlineData("2026-01-01", "2025-10-01", -1, null, 3, 50_400, "CohortInGrace:0")]
    [InlineData(null, "2026-01-01", -93, "2026-01-01", 3, 50_400, "CohortLapsed:0")] // the day it lapses
    [InlineData("2025-10-01", "2025-10-01", -1, null, 0, 0, "")] // the successor starts the next day
    public void The_guard_sees_the_gap_the_lapse_the_cost_and_the_alerts_due(
        string? successorStart, string today, int days, string? lapseOn, int gapMonths, long bridgePerWorker, string alerts)
    {
        var others = successorStart is null ? [] : new[] { (Create("PKS-NEXT", D(successorStart).Year, successorStart, $"{D(successorStart).Year}-12-31"), AgreementStatus.Signed) };

        var a = ContinuityGuard.Assess(Pks2025, others, 9_960, D(today));

        Assert.Equal(days, a.DaysUntilEnd);
        Assert.Equal(OptionalDate(lapseOn), a.LapseOn);
        Assert.Equal(gapMonths, a.GapMonths);
        Assert.Equal(bridgePerWorker, a.BridgeCostPerWorker.Rupiah);
        Assert.Equal(bridgePerWorker * 9_960, a.BridgeCostTotal.Rupiah);
        Assert.Equal(alerts, string.Join(",", a.Alerts.Select(x => $"{x.Kind}:{x.ThresholdDays}")));
    }

    [Fact]
    public void A_draft_or_another_payers_agreement_is_no_successor()
    {
        var draft = (Create("PKS-2026", 2026, "2026-01-01", "2026-12-31"), AgreementStatus.Draft);
        var village = (Agreement.Create(Terms("DESA-2026", 2026, "2026-01-01", "2026-12-31") with { Payer = Coverage.FundingKind.Apbdes, PayerKecamatan = "62.03.01", PayerDesa = "Sei Tatas" }).Value, AgreementStatus.Signed);

        var a = ContinuityGuard.Assess(Pks2025, [draft, village], 10, D("2025-09-01"));

        Assert.Null(a.Successor);
        Assert.Contains("belum ada PKS pengganti", a.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_kapuas_transition_is_explained_with_the_deadline_for_the_arrears()
    {
        var a = ContinuityGuard.Assess(Pks2025, [(Create("PKS-2026", 2026, "2026-01-01", "2026-12-31"), AgreementStatus.Signed)], 9_960, D("2025-09-01"));

        Assert.Equal("PKS 900/PKS-2025 berakhir 30/09/2025 (29 hari lagi); PKS 900/PKS-2026 mulai 01/01/2026: jeda 01/10/2025–31/12/2025 (3 bulan), masih dalam masa tenggang. "
            + "Tunggakan 9.960 peserta Rp 501.984.000 harus diterima BPJS paling lambat 31/12/2025.", a.Explain());
    }

    private static Agreement Create(string id, int year, string start, string end) => Agreement.Create(Terms(id, year, start, end)).Value;

    private static AgreementTerms Terms(string id, int year, string start, string end) => new(
        id, $"900/{id}", D(start).AddDays(-30), year, D(start), D(end), 10_000, Programs.Jkk | Programs.Jkm,
        Agreement.DefaultDeclaredIncome, new Money(2_000_000_000));
}
