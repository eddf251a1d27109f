using Kapuas.Domain.Coverage;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

public sealed class CoverageTimelineTests
{
    // The Kapuas 2025 decree (1 Mar – 30 Sep 2025) and the 2026 PKS (full year), with a gap Oct–Dec 2025 between them.
    private static readonly CoverageSpan Pks2025 = Pks("PKS-2025", "2025-03-01", "2025-09-30");
    private static readonly CoverageSpan Pks2026 = Pks("PKS-2026", "2026-01-01", "2026-12-31");

    [Fact]
    public void A_worker_without_periods_was_never_covered()
    {
        var status = CoverageTimeline.Empty.On(D("2026-06-01"));

        Assert.False(status.IsCovered);
        Assert.IsType<CoverageStatus.NeverCovered>(status);
        Assert.Null(CoverageTimeline.Empty.Latest);
    }

    [Theory]
    [InlineData("2026-12-31", "2027-12-31")]
    [InlineData("2025-01-01", "2026-01-01")]
    [InlineData("2026-06-01", "2026-06-30")]
    [InlineData("2025-01-01", "2027-12-31")]
    [InlineData("2026-12-31", "2026-12-31")]
    public void A_period_that_overlaps_another_by_even_one_day_is_refused(string start, string end)
    {
        var timeline = Timeline(Pks2026);

        var result = timeline.Add(Paid(FundingKind.SelfPaid, start, end));

        Assert.Equal("coverage.overlap", Code(result));
        Assert.Contains("01/01/2026–31/12/2026", result.Error!.Message);
        Assert.Single(timeline.Spans);
    }

    [Theory]
    [InlineData("2026-01-01", "")]
    [InlineData("2026-01-02", "01/01/2026–01/01/2026")]
    [InlineData("2026-04-01", "01/01/2026–31/03/2026")]
    public void Touching_periods_leave_no_gap_and_a_missing_day_is_a_gap_of_one_day(string secondStart, string expectedGaps)
    {
        var timeline = Timeline(Pks("PKS-2025", "2025-01-01", "2025-12-31"));

        var added = timeline.Add(Pks("PKS-2026", secondStart, "2026-12-31"));

        Assert.True(added.IsSuccess);
        Assert.Equal(2, added.Value.Spans.Count);
        Assert.Equal(expectedGaps, string.Join(",", added.Value.Gaps()));
    }

    [Fact]
    public void A_one_day_gap_is_reported_as_one_day_without_coverage()
    {
        var timeline = Timeline(Pks("PKS-2025", "2025-01-01", "2025-12-30"), Pks2026);

        var gap = Assert.Single(timeline.Gaps());
        Assert.Equal(1, gap.Days);
        var status = Assert.IsType<CoverageStatus.InGap>(timeline.On(D("2025-12-31")));
        Assert.Equal(P("2025-12-31", "2025-12-31"), status.Gap);
        Assert.Contains("(1 hari)", status.Explain());
    }

    [Fact]
    public void Periods_added_out_of_order_are_kept_in_date_order()
    {
        var timeline = Timeline(Pks2026).Add(Pks2025).Value;

        Assert.Equal(
            "01/03/2025–30/09/2025,01/01/2026–31/12/2026",
            string.Join(",", timeline.Spans.Select(s => s.Period)));
        Assert.Equal(Pks2026, timeline.Latest);
    }

    [Theory]
    [InlineData("2025-02-28", "before first coverage 2025-03-01", false)]
    [InlineData("2025-03-01", "covered PKS-2025 01/03/2025–30/09/2025", true)]
    [InlineData("2025-09-30", "covered PKS-2025 01/03/2025–30/09/2025", true)]
    [InlineData("2025-10-01", "in gap 01/10/2025–31/12/2025", false)]
    [InlineData("2025-12-31", "in gap 01/10/2025–31/12/2025", false)]
    [InlineData("2026-01-01", "covered PKS-2026 01/01/2026–31/12/2026", true)]
    [InlineData("2026-12-31", "covered PKS-2026 01/01/2026–31/12/2026", true)]
    [InlineData("2027-01-01", "after last coverage 2026-12-31 PKS-2026", false)]
    public void On_a_date_says_whether_the_worker_was_covered_and_why_not(string date, string expected, bool covered)
    {
        var status = Timeline(Pks2025, Pks2026).On(D(date));

        Assert.Equal(expected, Describe(status));
        Assert.Equal(covered, status.IsCovered);
    }

    [Fact]
    public void A_gap_explains_since_when_and_until_when()
    {
        var status = Timeline(Pks2025, Pks2026).On(D("2025-11-15"));

        var explanation = status.Explain();
        Assert.Contains("01/10/2025", explanation);
        Assert.Contains("31/12/2025", explanation);
        Assert.Contains("(92 hari)", explanation);
    }

    [Theory]
    [InlineData("2026-01-01", "2026-01-01", "covered PKS-2026 01/01/2026–01/01/2026")]
    [InlineData("2026-01-01", "2026-01-02", "exited Died 2026-01-01")]
    [InlineData("2026-05-10", "2026-05-10", "covered PKS-2026 01/01/2026–10/05/2026")]
    [InlineData("2026-05-10", "2026-05-11", "exited Died 2026-05-10")]
    [InlineData("2026-05-10", "2027-03-01", "exited Died 2026-05-10")]
    [InlineData("2026-05-10", "2025-12-31", "before first coverage 2026-01-01")]
    [InlineData("2026-12-31", "2026-12-31", "covered PKS-2026 01/01/2026–31/12/2026")]
    [InlineData("2026-12-31", "2027-01-01", "exited Died 2026-12-31")]
    public void The_exit_date_is_the_last_covered_day(string exitDate, string date, string expected)
    {
        var timeline = Timeline(Pks2026).RecordExit(Died(exitDate)).Value;

        Assert.Equal(expected, Describe(timeline.On(D(date))));
    }

    [Theory]
    [InlineData("2025-11-16", "2025-12-31", "coverage.after_exit")]
    [InlineData("2026-01-01", "2026-12-31", "coverage.after_exit")]
    [InlineData("2025-11-15", "2025-12-31", "ok")]
    [InlineData("2025-10-01", "2025-12-31", "ok")]
    public void A_period_starting_after_the_exit_is_refused(string start, string end, string expectedCode)
    {
        var exit = new Exit(ExitReason.MovedAway, D("2025-11-15"), "pindah ke Palangka Raya");
        var timeline = Timeline(Pks2025).RecordExit(exit).Value;

        var result = timeline.Add(Paid(FundingKind.SelfPaid, start, end));

        Assert.Equal(expectedCode, Code(result));
    }

    [Fact]
    public void A_period_added_before_the_exit_is_cut_at_the_exit()
    {
        var timeline = Timeline(Pks2025).RecordExit(new Exit(ExitReason.MovedAway, D("2025-11-15"), null)).Value
            .Add(Paid(FundingKind.SelfPaid, "2025-10-01", "2025-12-31")).Value;

        Assert.Equal(D("2025-12-31"), timeline.Spans[^1].Period.End);
        Assert.Equal(P("2025-10-01", "2025-11-15"), timeline.Effective[^1].Period);
        Assert.IsType<CoverageStatus.Exited>(timeline.On(D("2025-11-16")));
    }

    [Fact]
    public void An_exit_cannot_be_recorded_twice()
    {
        var timeline = Timeline(Pks2026).RecordExit(Died("2026-05-10")).Value;

        var again = timeline.RecordExit(new Exit(ExitReason.MovedAway, D("2026-07-01"), null));

        Assert.Equal("exit.already", Code(again));
        Assert.Contains("meninggal dunia", again.Error!.Message);
        Assert.Contains("10/05/2026", again.Error!.Message);
        Assert.Equal(D("2026-05-10"), timeline.Exit!.Date);
    }

    [Fact]
    public void Reversing_a_wrongly_recorded_exit_restores_the_full_periods()
    {
        var exited = Timeline(Pks2025, Pks2026).RecordExit(Died("2026-02-10")).Value;

        var reversed = exited.ReverseExit().Value;

        Assert.Null(reversed.Exit);
        Assert.Equal(Pks2026, reversed.Effective[^1]);
        Assert.Equal("covered PKS-2026 01/01/2026–31/12/2026", Describe(reversed.On(D("2026-06-01"))));
        Assert.Equal(19, reversed.MasaIurOn(D("2026-12-31")).CumulativeMonths);
        Assert.Equal("exited Died 2026-02-10", Describe(exited.On(D("2026-06-01"))));
    }

    [Fact]
    public void Reversing_an_exit_that_was_never_recorded_is_refused()
    {
        Assert.Equal("exit.none", Code(Timeline(Pks2026).ReverseExit()));
    }

    [Theory]
    [InlineData("2025-02-01", null)]
    [InlineData("2025-03-01", "2025-03-01")]
    [InlineData("2025-11-01", "2025-03-01")]
    [InlineData("2026-06-15", "2025-03-01")]
    [InlineData("2026-12-31", "2025-03-01")]
    [InlineData("2027-01-15", null)]
    [InlineData("2027-02-01", "2027-02-01")]
    [InlineData("2027-03-01", "2027-02-01")]
    public void Continuous_membership_joins_touching_periods_whoever_paid(string date, string? expectedSince)
    {
        // PKS 2025, then self-paid Oct–Dec 2025, then PKS 2026 (touching), then the province after a January gap.
        var timeline = Timeline(
            Pks2025,
            Paid(FundingKind.SelfPaid, "2025-10-01", "2025-12-31"),
            Pks2026,
            Paid(FundingKind.ApbdProvinsi, "2027-02-01", "2027-12-31"));

        var run = timeline.ContinuousMembershipOn(D(date));

        if (expectedSince is null)
        {
            Assert.Null(run);
        }
        else
        {
            Assert.Equal<CoveragePeriod?>(P(expectedSince, date), run);
        }
    }

    [Theory]
    [InlineData("2025-02-01", 0, 0, null)]
    [InlineData("2025-03-01", 1, 1, "2025-03-01")]
    [InlineData("2025-09-30", 7, 7, "2025-03-01")]
    [InlineData("2025-11-15", 7, 7, "2025-03-01")] // in grace: the gap of exactly 3 months never lapses
    [InlineData("2026-01-01", 8, 8, "2025-03-01")]
    [InlineData("2026-06-15", 13, 13, "2025-03-01")]
    [InlineData("2026-12-31", 19, 19, "2025-03-01")]
    [InlineData("2027-03-31", 19, 19, "2025-03-01")] // last day of grace after 2026
    [InlineData("2027-04-01", 19, 0, null)] // lapsed: starts again from zero
    public void Masa_iur_is_given_both_added_up_and_since_the_last_lapse(
        string asOf, int cumulative, int sinceLapse, string? since)
    {
        var masaIur = Timeline(Pks2025, Pks2026).MasaIurOn(D(asOf));

        Assert.Equal(cumulative, masaIur.CumulativeMonths);
        Assert.Equal(sinceLapse, masaIur.SinceLapseMonths);
        Assert.Equal(OptionalDate(since), masaIur.SinceLapseFrom);
    }

    [Fact]
    public void A_month_counts_for_masa_iur_when_only_some_of_its_days_are_covered()
    {
        var timeline = Timeline(Paid(FundingKind.SelfPaid, "2026-01-31", "2026-02-01"));

        var masaIur = timeline.MasaIurOn(D("2026-02-01"));

        Assert.Equal(2, masaIur.CumulativeMonths);
        Assert.Equal(2, masaIur.SinceLapseMonths);
    }

    [Fact]
    public void Two_periods_in_the_same_month_count_that_month_once()
    {
        var timeline = Timeline(
            Pks("PKS-2026", "2026-01-01", "2026-01-15"),
            Paid(FundingKind.SelfPaid, "2026-01-16", "2026-03-31"));

        var masaIur = timeline.MasaIurOn(D("2026-03-31"));

        Assert.Equal(3, masaIur.CumulativeMonths);
        Assert.Equal(3, masaIur.SinceLapseMonths);
        Assert.Equal(D("2026-01-01"), masaIur.SinceLapseFrom);
    }

    [Theory]
    [InlineData("2026-06-15", 10, 10)]
    [InlineData("2026-03-10", 10, 10)]
    [InlineData("2026-02-28", 9, 9)]
    public void An_exit_ends_masa_iur(string asOf, int cumulative, int sinceLapse)
    {
        var timeline = Timeline(Pks2025, Pks2026).RecordExit(Died("2026-03-10")).Value;

        var masaIur = timeline.MasaIurOn(D(asOf));

        Assert.Equal(cumulative, masaIur.CumulativeMonths);
        Assert.Equal(sinceLapse, masaIur.SinceLapseMonths);
    }

    [Theory]
    [InlineData("PKS-2026", null, "2026-01:17:partial,2026-02:28:full,2026-03:31:full")]
    [InlineData("PKS-2026", "2026-03-10", "2026-01:17:partial,2026-02:28:full,2026-03:10:partial")]
    [InlineData("PKS-2026", "2026-01-14", "")]
    [InlineData("PKS-2025", null, "2025-03:31:full,2025-04:30:full,2025-05:31:full,2025-06:30:full,2025-07:31:full,2025-08:31:full,2025-09:30:full")]
    [InlineData("PKS-2024", null, "")]
    public void Months_billed_lists_only_the_agreements_months_with_days_covered(
        string agreementId, string? exitDate, string expected)
    {
        var spans = new[]
        {
            Pks2025,
            Paid(FundingKind.SelfPaid, "2025-10-01", "2026-01-14"),
            Pks("PKS-2026", "2026-01-15", "2026-03-31"),
        };
        var timeline = CoverageTimeline.From(spans, exitDate is null ? null : Died(exitDate)).Value;

        var billed = timeline.MonthsBilled(agreementId)
            .Select(m => $"{m.Month}:{m.DaysCovered}:{(m.IsPartial ? "partial" : "full")}");

        Assert.Equal(expected, string.Join(",", billed));
    }

    [Fact]
    public void From_rebuilds_stored_periods_in_date_order_with_the_exit()
    {
        var result = CoverageTimeline.From([Pks2026, Paid(FundingKind.BpjsHistory, "2024-01-01", "2024-12-31"), Pks2025], Died("2026-04-30"));

        var timeline = result.Value;
        Assert.Equal(
            "01/01/2024–31/12/2024,01/03/2025–30/09/2025,01/01/2026–31/12/2026",
            string.Join(",", timeline.Spans.Select(s => s.Period)));
        Assert.Equal(D("2026-04-30"), timeline.Exit!.Date);
        Assert.Equal(P("2026-01-01", "2026-04-30"), timeline.Effective[^1].Period);
    }

    [Fact]
    public void From_keeps_periods_recorded_after_the_exit_but_they_do_not_count()
    {
        var timeline = CoverageTimeline.From([Pks2025, Pks2026], Died("2025-08-31")).Value;

        Assert.Equal(2, timeline.Spans.Count);
        var effective = Assert.Single(timeline.Effective);
        Assert.Equal(P("2025-03-01", "2025-08-31"), effective.Period);
    }

    [Theory]
    [InlineData("2026-12-31", "2027-06-30")]
    [InlineData("2026-03-01", "2026-03-31")]
    public void From_refuses_stored_periods_that_overlap(string start, string end)
    {
        var result = CoverageTimeline.From([Pks2026, Paid(FundingKind.ApbdProvinsi, start, end)], null);

        Assert.Equal("coverage.overlap", Code(result));
    }

    [Fact]
    public void Removing_an_agreement_period_keeps_the_others_and_the_exit()
    {
        var timeline = Timeline(Pks2025, Pks2026).RecordExit(Died("2026-12-01")).Value;

        var removed = timeline.RemoveAgreementPeriod("PKS-2026").Value;

        Assert.Equal(Pks2025, Assert.Single(removed.Spans));
        Assert.Equal(D("2026-12-01"), removed.Exit!.Date);
        Assert.Equal("after last coverage 2025-09-30 PKS-2025", Describe(removed.On(D("2025-12-01"))));
    }

    [Fact]
    public void Removing_a_period_of_an_agreement_the_worker_does_not_have_is_refused()
    {
        var result = Timeline(Pks2025, Pks2026).RemoveAgreementPeriod("PKS-2024");

        Assert.Equal("coverage.no_agreement_period", Code(result));
    }

    [Theory]
    [InlineData(FundingKind.ApbdProvinsi, "APBD Provinsi")]
    [InlineData(FundingKind.Apbdes, "APBDes")]
    [InlineData(FundingKind.SelfPaid, "Mandiri (dibayar sendiri)")]
    [InlineData(FundingKind.BpjsHistory, "Riwayat BPJS")]
    public void The_payer_of_a_period_is_named_in_the_explanation(FundingKind kind, string label)
    {
        var status = Timeline(Paid(kind, "2026-01-01", "2026-12-31")).On(D("2026-05-05"));

        Assert.Contains(label, status.Explain());
    }

    [Fact]
    public void An_agreement_period_is_explained_with_its_pks()
    {
        var status = Timeline(Pks2026).On(D("2027-01-05"));

        Assert.Contains("APBD Kabupaten Kapuas (PKS PKS-2026)", status.Explain());
        Assert.Contains("31/12/2026", status.Explain());
    }

    private static CoverageSpan Pks(string agreementId, string start, string end) =>
        new(P(start, end), Funding.Agreement(agreementId));

    private static CoverageSpan Paid(FundingKind kind, string start, string end) => new(P(start, end), new Funding(kind, null, null));

    private static Exit Died(string date) => new(ExitReason.Died, D(date), null);

    private static CoverageTimeline Timeline(params CoverageSpan[] spans) => CoverageTimeline.From(spans, null).Value;

    private static string Describe(CoverageStatus status) => status switch
    {
        CoverageStatus.Covered c => $"covered {c.Span.Funding.AgreementId ?? c.Span.Funding.Kind.ToString()} {c.Span.Period}",
        CoverageStatus.NeverCovered => "never covered",
        CoverageStatus.BeforeFirstCoverage b => $"before first coverage {Iso(b.FirstCoverageStart)}",
        CoverageStatus.InGap g => $"in gap {g.Gap}",
        CoverageStatus.AfterLastCoverage a => $"after last coverage {Iso(a.LastCoverageEnd)} {a.LastFunding.AgreementId}",
        CoverageStatus.Exited e => $"exited {e.Exit.Reason} {Iso(e.Exit.Date)}",
        _ => status.GetType().Name,
    };
}
