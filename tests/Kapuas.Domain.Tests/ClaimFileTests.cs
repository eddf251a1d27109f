using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Operations;
using static Kapuas.Domain.Tests.TestData;

namespace Kapuas.Domain.Tests;

/// <summary>
/// Regulatory cases end to end in the domain: a timeline, an incident date, a claim type and the children give
/// coverage, masa iur, amounts and scholarship eligibility (bpjs-rules.md §2–§3).
/// </summary>
public sealed class RegulatoryCaseTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 29);

    /// <summary>Periods as "start..end:kind", kinds PKS (agreement) or MANDIRI (self-paid).</summary>
    private static CoverageTimeline Timeline(string spec)
    {
        var timeline = CoverageTimeline.Empty;
        foreach (var part in spec.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var (dates, kind) = (part.Split(':')[0], part.Split(':')[1]);
            var period = P(dates.Split("..")[0], dates.Split("..")[1]);
            var funding = kind == "PKS" ? Funding.Agreement($"PKS-{period.Start.Year}") : new Funding(FundingKind.SelfPaid, null, null);
            timeline = timeline.Add(new CoverageSpan(period, funding)).Value;
        }

        return timeline;
    }

    private static Child[] Children(int count) =>
    [
        .. new[]
        {
            new Child("Anak Satu", D("2012-02-01"), SchoolLevel.Smp),
            new Child("Anak Dua", D("2016-08-17"), SchoolLevel.Sd),
            new Child("Anak Tiga", D("2020-01-05"), SchoolLevel.Tk),
            new Child("Anak Dewasa", D("2001-01-01"), SchoolLevel.HigherEducation),
        }.Take(count),
    ];

    private const string Kapuas = "2025-03-01..2025-09-30:PKS 2026-01-01..2026-12-31:PKS";
    private const string LongHistory = "2023-04-01..2025-02-28:MANDIRI 2025-03-01..2025-09-30:PKS 2026-01-01..2026-12-31:PKS";

    [Theory]
    // timeline, incident, type, children, covered, masa iur (months), total (Rp), eligible children
    [InlineData(Kapuas, "2026-05-10", ClaimType.JkmDeath, 2, true, 12, 42_000_000, 0)]
    [InlineData(Kapuas, "2025-10-15", ClaimType.JkmDeath, 2, false, 7, 0, 0)]
    [InlineData(Kapuas, "2025-09-30", ClaimType.JkmDeath, 0, true, 7, 42_000_000, 0)]
    [InlineData(Kapuas, "2025-10-01", ClaimType.JkkDeath, 0, false, 7, 0, 0)]
    [InlineData(Kapuas, "2025-02-28", ClaimType.JkkAccident, 0, false, 0, 0, 0)]
    [InlineData(Kapuas, "2026-05-10", ClaimType.JkkDeath, 2, true, 12, 70_000_000, 2)]
    [InlineData(Kapuas, "2026-05-10", ClaimType.JkkPermanentTotalDisability, 1, true, 12, 68_000_000, 1)]
    [InlineData(Kapuas, "2026-05-10", ClaimType.JkkAccident, 2, true, 12, 0, 0)]
    [InlineData(LongHistory, "2026-05-10", ClaimType.JkmDeath, 3, true, 35, 42_000_000, 0)]
    [InlineData(LongHistory, "2026-06-10", ClaimType.JkmDeath, 3, true, 36, 42_000_000, 2)]
    [InlineData(LongHistory, "2026-06-10", ClaimType.JkmDeath, 4, true, 36, 42_000_000, 2)]
    [InlineData(LongHistory, "2026-06-10", ClaimType.JkkDeath, 4, true, 36, 70_000_000, 2)]
    [InlineData(LongHistory, "2024-01-15", ClaimType.JkmDeath, 1, true, 10, 42_000_000, 0)]
    public void A_case_gets_the_coverage_masa_iur_amount_and_scholarships_the_rules_give(
        string timeline, string incident, ClaimType type, int children, bool covered, int masaIur, long total, int eligibleChildren)
    {
        var t = Timeline(timeline);
        var date = D(incident);

        var coverage = t.On(date);
        var months = t.MasaIurOn(date).CumulativeMonths;
        var estimate = BenefitEstimator.Estimate(type, date, coverage is CoverageStatus.Covered, t.MasaIurOn(date), MasaIurReading.Undecided,
            new Money(1_000_000), Children(children), AsOf).Value;

        Assert.Equal(covered, coverage is CoverageStatus.Covered);
        Assert.Equal(masaIur, months);
        Assert.Equal(total, estimate.Total.Rupiah);
        Assert.Equal(eligibleChildren, estimate.Scholarships.Count(s => s.Eligible));
        Assert.True(estimate.Scholarships.Count(s => s.Eligible) <= 2);
    }

    [Fact]
    public void An_uncovered_case_says_why_with_the_dates()
    {
        var coverage = Timeline(Kapuas).On(D("2025-10-15"));

        var gap = Assert.IsType<CoverageStatus.InGap>(coverage);
        Assert.Contains("01/10/2025", gap.Explain(), StringComparison.Ordinal);
        Assert.Contains("31/12/2025", gap.Explain(), StringComparison.Ordinal);
    }
}

public sealed class ClaimFileTests
{
    private static readonly DateTimeOffset Accident = new(2026, 5, 10, 8, 30, 0, TimeSpan.FromHours(7));
    private static readonly Actor Sari = new("id-sari", "sari", Accident.AddHours(2));

    private static IncidentReport Report(bool traffic = false) =>
        new(Accident, "Sawah Desa Selat Hulu", "Terjatuh dari pematang", false, traffic, ReporterKind.WorkersGroup, "Pak Budi", "081234567890");

    private static Claim Open(ClaimType type, bool traffic = false) => Claim.Open(Guid.NewGuid(), type, Report(traffic), Sari);

    private static Claim WithAllBlocking(Claim claim)
    {
        foreach (var d in claim.Documents.Where(d => d.Requirement.Blocking))
        {
            claim = claim.RecordDocument(d.Requirement.Kind, D("2026-05-12"), true, null, D("2026-05-20")).Value;
        }

        return claim;
    }

    [Theory]
    [InlineData(ClaimType.JkmDeath, false, new[] { DocumentKind.KpjCard, DocumentKind.WorkerKtp, DocumentKind.DeathCertificate, DocumentKind.FamilyCard, DocumentKind.HeirshipLetter, DocumentKind.HeirKtp })]
    [InlineData(ClaimType.JkkAccident, false, new[] { DocumentKind.KpjCard, DocumentKind.WorkerKtp, DocumentKind.FirstReportForm, DocumentKind.SecondReportForm, DocumentKind.DoctorStatement, DocumentKind.ChronologyWithWitnesses })]
    [InlineData(ClaimType.JkkAccident, true, new[] { DocumentKind.KpjCard, DocumentKind.WorkerKtp, DocumentKind.FirstReportForm, DocumentKind.SecondReportForm, DocumentKind.DoctorStatement, DocumentKind.PoliceReportOrJasaRaharja })]
    [InlineData(ClaimType.JkkDeath, false, new[] { DocumentKind.KpjCard, DocumentKind.WorkerKtp, DocumentKind.FirstReportForm, DocumentKind.SecondReportForm, DocumentKind.DoctorStatement, DocumentKind.ChronologyWithWitnesses, DocumentKind.DeathCertificate, DocumentKind.FamilyCard, DocumentKind.HeirshipLetter, DocumentKind.HeirKtp })]
    public void Each_claim_type_has_its_blocking_documents(ClaimType type, bool traffic, DocumentKind[] blocking)
    {
        var checklist = DocumentChecklist.For(type, traffic);

        Assert.Equal(blocking.Order(), checklist.Where(r => r.Blocking).Select(r => r.Kind).Order());
        Assert.All(checklist, r => Assert.Contains("bpjs-rules.md §4", r.Source, StringComparison.Ordinal));
        Assert.Equal(type is ClaimType.JkkDeath or ClaimType.JkkPermanentTotalDisability, checklist.Any(r => r.Kind == DocumentKind.Npwp));
        Assert.Contains(checklist, r => r.Kind == DocumentKind.SavingsBook && r.Required && !r.Blocking);
    }

    [Fact]
    public void A_claim_cannot_be_ready_or_submitted_while_a_blocking_document_is_missing()
    {
        var claim = Open(ClaimType.JkmDeath);

        var refused = claim.Move(ClaimState.ReadyToSubmit, new TransitionDetails(), Sari);

        Assert.Equal("claim.documents_missing", Code(refused));
        Assert.Contains("6 dokumen wajib", refused.Error!.Message, StringComparison.Ordinal);
        var ready = WithAllBlocking(claim).Move(ClaimState.ReadyToSubmit, new TransitionDetails(), Sari);
        Assert.Equal(ClaimState.ReadyToSubmit, ready.Value.State);
    }

    [Fact]
    public void Every_move_records_who_when_and_why_and_the_decision_sits_beside_the_estimate()
    {
        var later = new Actor("id-rina", "rina", Accident.AddDays(10));
        var claim = WithAllBlocking(Open(ClaimType.JkmDeath))
            .Move(ClaimState.ReadyToSubmit, new TransitionDetails(), Sari).Value
            .Move(ClaimState.SubmittedToBpjs, new TransitionDetails(BpjsReference: " JKM/2026/0042 "), later).Value
            .Move(ClaimState.Approved, new TransitionDetails(ApprovedAmount: new Money(42_000_000)), later).Value
            .Move(ClaimState.Paid, new TransitionDetails(PaidAmount: new Money(42_000_000), PaidOn: D("2026-05-20"), Recipient: "Siti (istri)"), later).Value;

        Assert.Equal(ClaimState.Paid, claim.State);
        Assert.Equal("JKM/2026/0042", claim.BpjsReference);
        Assert.Equal(42_000_000, claim.ApprovedAmount!.Value.Rupiah);
        Assert.Equal(new Payment(new Money(42_000_000), D("2026-05-20"), "Siti (istri)"), claim.Payment);
        Assert.Equal([ClaimState.Draft, ClaimState.ReadyToSubmit, ClaimState.SubmittedToBpjs, ClaimState.Approved, ClaimState.Paid], claim.History.Select(t => t.To));
        Assert.Equal("rina", claim.History[^1].UserName);
        Assert.Equal(later.At, claim.History[^1].At);
    }

    [Fact]
    public void A_payment_dated_in_the_future_or_before_the_incident_is_refused()
    {
        var approved = WithAllBlocking(Open(ClaimType.JkmDeath)).Move(ClaimState.ReadyToSubmit, new(), Sari).Value
            .Move(ClaimState.SubmittedToBpjs, new("REF-1"), Sari).Value.Move(ClaimState.Approved, new(), Sari).Value;

        Assert.Equal("claim.paid_on", Code(approved.Move(ClaimState.Paid, new(PaidAmount: new Money(1), PaidOn: D("2027-01-01"), Recipient: "x"), Sari)));
        Assert.Equal("claim.paid_on", Code(approved.Move(ClaimState.Paid, new(PaidAmount: new Money(1), PaidOn: D("2026-05-01"), Recipient: "x"), Sari)));
        Assert.Equal("claim.reason_too_long", Code(approved.Move(ClaimState.Paid, new(Reason: new string('x', 1001)), Sari)));
    }

    [Fact]
    public void Documents_are_checked_when_recorded_and_a_closed_claim_changes_no_more()
    {
        var claim = Open(ClaimType.JkkAccident);
        var today = D("2026-05-20");

        Assert.Equal("document.received_on", Code(claim.RecordDocument(DocumentKind.KpjCard, D("2026-05-21"), false, null, today)));
        Assert.Equal("document.sighted_not_received", Code(claim.RecordDocument(DocumentKind.KpjCard, null, true, null, today)));
        Assert.Equal("document.not_in_checklist", Code(claim.RecordDocument(DocumentKind.DeathCertificate, today, false, null, today)));
        Assert.Equal("document.note_too_long", Code(claim.RecordDocument(DocumentKind.KpjCard, today, false, new string('x', 501), today)));
        var closed = claim.Move(ClaimState.Closed, new TransitionDetails(Reason: "Keluarga tidak melanjutkan"), Sari).Value;
        Assert.Equal("claim.closed", Code(closed.RecordDocument(DocumentKind.KpjCard, today, false, null, today)));
        Assert.Equal("Keluarga tidak melanjutkan", closed.Reason);
    }

    [Fact]
    public void An_attached_scan_marks_its_item_received_on_the_upload_date()
    {
        var claim = Open(ClaimType.JkkAccident);
        var scan = new AttachmentRef(Guid.NewGuid(), "ktp.pdf", AttachmentType.Pdf, 1234, new DateTimeOffset(2026, 5, 11, 18, 0, 0, TimeSpan.Zero), "sari");

        var attached = claim.Attach(DocumentKind.WorkerKtp, scan).Value;

        var item = attached.Documents.Single(d => d.Requirement.Kind == DocumentKind.WorkerKtp);
        Assert.Equal(D("2026-05-12"), item.ReceivedOn); // 18.00 UTC is 01.00 WIB the next day
        Assert.Equal(scan, Assert.Single(item.Attachments));
    }

    [Fact]
    public void The_first_report_clock_is_met_late_with_how_late()
    {
        var claim = Open(ClaimType.JkkAccident).RecordFirstReport(Accident.AddHours(75), Accident.AddDays(5)).Value;

        var clock = claim.Clocks(HolidayCalendar.FixedOnly).First();

        Assert.Equal(ClockStatus.MetLate, clock.Status);
        Assert.Equal("terpenuhi, terlambat 1 hari 3 jam", clock.Describe(Accident.AddDays(5)));
        Assert.Equal("claim.first_report_time", Code(Open(ClaimType.JkkAccident).RecordFirstReport(Accident.AddHours(-1), Accident.AddDays(1))));
        Assert.Equal("claim.first_report_jkk_only", Code(Open(ClaimType.JkmDeath).RecordFirstReport(Accident.AddHours(1), Accident.AddDays(1))));
    }

    [Fact]
    public void An_unreported_accident_is_overdue_after_48_hours_and_the_expiry_runs_until_submission()
    {
        var claim = Open(ClaimType.JkkAccident);

        var next = claim.NextDeadline(HolidayCalendar.FixedOnly)!;

        Assert.Equal(Accident.AddHours(48), next.Due);
        Assert.False(next.IsOverdue(Accident.AddHours(47)));
        Assert.True(next.IsOverdue(Accident.AddHours(49)));
        Assert.Equal("lewat batas, terlambat 2 jam 0 menit", claim.Clocks(HolidayCalendar.FixedOnly)[0].Describe(Accident.AddHours(50)));
        var reported = claim.RecordFirstReport(Accident.AddHours(5), Accident.AddHours(6)).Value;
        Assert.Equal(Accident.AddYears(2), reported.NextDeadline(HolidayCalendar.FixedOnly)!.Due);
    }

    [Fact]
    public void The_jkm_payment_clock_runs_three_working_days_from_submission_skipping_entered_holidays()
    {
        // Submitted Friday 15 May 2026 (WIB); with no holiday, due Wednesday 20 May; with 18 May a holiday, Thursday 21 May.
        var submittedBy = new Actor("id-sari", "sari", new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.FromHours(7)));
        var submitted = WithAllBlocking(Open(ClaimType.JkmDeath)).Move(ClaimState.ReadyToSubmit, new(), Sari).Value
            .Move(ClaimState.SubmittedToBpjs, new("JKM-1"), submittedBy).Value;

        Assert.Equal(D("2026-05-20"), DateOnly.FromDateTime(submitted.NextDeadline(HolidayCalendar.FixedOnly)!.Due.DateTime));
        Assert.Equal(D("2026-05-21"), DateOnly.FromDateTime(submitted.NextDeadline(new HolidayCalendar([D("2026-05-18")]))!.Due.DateTime));
        var paid = submitted.Move(ClaimState.Approved, new(), submittedBy).Value
            .Move(ClaimState.Paid, new(PaidAmount: new Money(42_000_000), PaidOn: D("2026-05-19"), Recipient: "Siti"), new Actor("id-sari", "sari", submittedBy.At.AddDays(5))).Value;
        Assert.Equal(ClockStatus.Met, paid.Clocks(HolidayCalendar.FixedOnly).Single().Status);
        Assert.Null(paid.NextDeadline(HolidayCalendar.FixedOnly));
    }

    [Fact]
    public void The_jkm_payment_clock_starts_again_when_the_file_is_resubmitted_complete()
    {
        // Submitted Friday 15 May 2026; BPJS asked for more; resubmitted complete on Monday 25 May: due Thursday 28 May.
        var first = new Actor("id-sari", "sari", new DateTimeOffset(2026, 5, 15, 9, 0, 0, TimeSpan.FromHours(7)));
        var again = new Actor("id-sari", "sari", new DateTimeOffset(2026, 5, 25, 9, 0, 0, TimeSpan.FromHours(7)));
        var submitted = WithAllBlocking(Open(ClaimType.JkmDeath)).Move(ClaimState.ReadyToSubmit, new(), Sari).Value
            .Move(ClaimState.SubmittedToBpjs, new("JKM-1"), first).Value;
        var asked = submitted.Move(ClaimState.MoreInformationRequested, new(Reason: "Surat keterangan ahli waris"), first).Value;
        var resubmitted = asked.Move(ClaimState.SubmittedToBpjs, new(), again).Value;

        Assert.Equal(D("2026-05-20"), DateOnly.FromDateTime(submitted.NextDeadline(HolidayCalendar.FixedOnly)!.Due.DateTime));
        Assert.Equal(D("2026-05-28"), DateOnly.FromDateTime(resubmitted.NextDeadline(HolidayCalendar.FixedOnly)!.Due.DateTime));
    }

    [Fact]
    public void An_incident_report_names_every_missing_or_impossible_field()
    {
        var now = Accident.AddHours(1);

        var (report, errors) = IncidentReport.Create(Accident.AddHours(2), " ", null, false, false, null, "", new string('9', 61), now, D("1988-04-12"));

        Assert.Null(report);
        Assert.Equal(["KontakPelapor", "Kronologi", "NamaPelapor", "Pelapor", "Tempat", "Waktu"], errors.Select(e => e.Field).Order(StringComparer.Ordinal));
        Assert.Contains(errors, e => e.Error.Code == "incident.future");
        var beforeBirth = IncidentReport.Create(Accident, "x", "y", false, false, ReporterKind.Family, "z", "1", now, D("2027-01-01"));
        Assert.Equal("incident.before_birth", beforeBirth.Errors.Single().Error.Code);
    }
}

public sealed class AttachmentCheckTests
{
    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, "scan.bin", AttachmentType.Pdf)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 }, "foto.pdf", AttachmentType.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, "kk.png", AttachmentType.Png)]
    public void The_type_comes_from_the_content_not_the_name(byte[] content, string name, AttachmentType expected) =>
        Assert.Equal(expected, AttachmentCheck.Check(content, name).Value);

    [Fact]
    public void Other_content_empty_files_and_oversized_files_are_refused()
    {
        Assert.Equal("attachment.type", Code(AttachmentCheck.Check("<html><script>alert(1)</script>"u8, "ktp.pdf")));
        Assert.Equal("attachment.type", Code(AttachmentCheck.Check([0x50, 0x4B, 0x03, 0x04], "ktp.jpg")));
        Assert.Equal("attachment.empty", Code(AttachmentCheck.Check([], "ktp.pdf")));
        Assert.Equal("attachment.too_large", Code(AttachmentCheck.Check(new byte[AttachmentCheck.MaxBytes + 1], "ktp.pdf")));
        Assert.Equal("attachment.name", Code(AttachmentCheck.Check("%PDF-"u8, new string('a', 201))));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData(@"C:\scan\ktp ibu.pdf", "ktp ibu.pdf")]
    [InlineData("a\"<b>.pdf", "ab.pdf")]
    [InlineData("..", "..")]
    [InlineData("/", "berkas")]
    public void File_names_lose_their_path_and_unsafe_characters(string name, string expected) =>
        Assert.Equal(expected, AttachmentCheck.SafeName(name));
}

public sealed class FamilyTests
{
    private static readonly DateOnly Today = D("2026-11-29");

    private static FamilyMember M(string name, Relationship r, string? born = "1990-01-01") =>
        FamilyMember.Create(Guid.NewGuid(), name, null, r, OptionalDate(born), SchoolLevel.NotYetInSchool, false, false, Today).Value;

    [Fact]
    public void Spouse_and_children_come_first_and_exclude_the_other_groups()
    {
        var family = new[] { M("Ibu", Relationship.Parent), M("Istri", Relationship.Spouse), M("Anak", Relationship.Child, "2015-01-01"), M("Adik", Relationship.Sibling) };

        Assert.Equal(["Istri", "Anak"], HeirOrder.Entitled(family).Select(m => m.Name));
        Assert.StartsWith("Ahli waris urutan ke-1: Istri", HeirOrder.Explain(family), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { Relationship.Grandparent, Relationship.Grandchild, Relationship.Parent }, Relationship.Parent)]
    [InlineData(new[] { Relationship.Grandparent, Relationship.Grandchild }, Relationship.Grandchild)]
    [InlineData(new[] { Relationship.Sibling, Relationship.Grandparent }, Relationship.Grandparent)]
    [InlineData(new[] { Relationship.ParentInLaw, Relationship.Sibling, Relationship.NamedInWill }, Relationship.Sibling)]
    [InlineData(new[] { Relationship.NamedInWill, Relationship.ParentInLaw }, Relationship.ParentInLaw)]
    [InlineData(new[] { Relationship.NamedInWill }, Relationship.NamedInWill)]
    public void Without_spouse_or_children_the_statutory_order_decides(Relationship[] present, Relationship entitled)
    {
        var family = present.Select(r => M(r.ToString(), r)).ToList();

        Assert.All(HeirOrder.Entitled(family), m => Assert.Equal(entitled, m.Relationship));
    }

    [Fact]
    public void Members_are_checked_when_entered()
    {
        Assert.Equal("family.child_birth_date", Code(FamilyMember.Create(Guid.NewGuid(), "Adi", null, Relationship.Child, null, SchoolLevel.Sd, false, false, Today)));
        Assert.Equal("family.birth_date", Code(FamilyMember.Create(Guid.NewGuid(), "Adi", null, Relationship.Child, D("2027-01-01"), SchoolLevel.Sd, false, false, Today)));
        Assert.Equal("family.relationship_required", Code(FamilyMember.Create(Guid.NewGuid(), "Adi", null, null, null, SchoolLevel.Sd, false, false, Today)));
        Assert.Equal("family.name_required", Code(FamilyMember.Create(Guid.NewGuid(), "  ", null, Relationship.Spouse, null, SchoolLevel.Sd, false, false, Today)));
        Assert.StartsWith("nik.", Code(FamilyMember.Create(Guid.NewGuid(), "Adi", "1234", Relationship.Spouse, null, SchoolLevel.Sd, false, false, Today)), StringComparison.Ordinal);
        var spouse = FamilyMember.Create(Guid.NewGuid(), "Siti", null, Relationship.Spouse, null, SchoolLevel.Sma, false, false, Today).Value;
        Assert.Equal(SchoolLevel.NotYetInSchool, spouse.Level);
        Assert.Null(spouse.AsChild());
    }
}

public sealed class ScholarshipRecordTests
{
    private static readonly BenefitRules Rules = BenefitRules.On(D("2026-01-01"))!;
    private static readonly DateOnly Today = D("2026-11-29");
    private static readonly ScholarshipRecord Budi = new(Guid.NewGuid(), "Budi", D("2015-06-01"), [], null, null);

    [Fact]
    public void Years_are_recorded_and_the_cap_holds_across_both_children()
    {
        var year = new ScholarshipYear(2026, SchoolLevel.Sd, D("2026-07-01"), new Money(1_500_000), D("2026-08-01"));

        var recorded = Budi.RecordYear(year, Money.Zero, Rules, Today).Value;
        var corrected = recorded.RecordYear(year with { Paid = new Money(1_400_000) }, Money.Zero, Rules, Today).Value;

        Assert.Equal(1_400_000, Assert.Single(corrected.Years).Paid!.Value.Rupiah);
        Assert.Equal("scholarship.cap", Code(Budi.RecordYear(year, new Money(173_000_000), Rules, Today)));
    }

    [Fact]
    public void Impossible_years_and_payments_are_refused_and_an_ended_scholarship_takes_no_more()
    {
        Assert.Equal("scholarship.not_claimed", Code(Budi.RecordYear(new(2026, SchoolLevel.Sd, null, new Money(1), D("2026-08-01")), Money.Zero, Rules, Today)));
        Assert.Equal("scholarship.paid", Code(Budi.RecordYear(new(2026, SchoolLevel.Sd, D("2026-07-01"), new Money(1), null), Money.Zero, Rules, Today)));
        Assert.Equal("scholarship.level", Code(Budi.RecordYear(new(2026, SchoolLevel.NotYetInSchool, null, null, null), Money.Zero, Rules, Today)));
        Assert.Equal("scholarship.year", Code(Budi.RecordYear(new(2031, SchoolLevel.Sd, null, null, null), Money.Zero, Rules, Today)));
        Assert.Equal("scholarship.future", Code(Budi.RecordYear(new(2026, SchoolLevel.Sd, D("2026-12-01"), null, null), Money.Zero, Rules, Today)));
        var ended = Budi.End(ScholarshipEndReason.Working, D("2026-10-01"), Today).Value;
        Assert.Equal("scholarship.ended", Code(ended.RecordYear(new(2026, SchoolLevel.Sd, null, null, null), Money.Zero, Rules, Today)));
        Assert.Equal("scholarship.end", Code(Budi.End(ScholarshipEndReason.Married, D("2027-01-01"), Today)));
    }
}
