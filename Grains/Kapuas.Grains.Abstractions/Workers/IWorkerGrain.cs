using Kapuas.Domain.Coverage;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Common;

namespace Kapuas.Grains.Workers;

/// <summary>
/// One worker: profile, coverage timeline and (later) claims, in one persisted state. Keyed by an opaque id
/// (never the NIK).
/// </summary>
[Alias("Kapuas.IWorkerGrain")]
public interface IWorkerGrain : IGrainWithGuidKey
{
    [Alias("RegisterAsync")]
    Task<CommandResult<WorkerView>> RegisterAsync(WorkerProfileInput profile, CommandContext context);

    [Alias("UpdateProfileAsync")]
    Task<CommandResult<WorkerView>> UpdateProfileAsync(WorkerProfileInput profile, CommandContext context);

    /// <summary>
    /// Enrols the worker into an agreement (PKS), never backdated (bpjs-rules.md §3.3): from its start when enrolled on
    /// or before it, else from the day of this enrolment or the later <paramref name="from"/> BPJS accepted.
    /// </summary>
    [Alias("EnrollAsync")]
    Task<CommandResult<WorkerView>> EnrollAsync(string agreementId, DateOnly? from, CommandContext context);

    /// <summary>
    /// Enrols with the full choice: a starting-roster enrolment (renewal, an import marked as the starting roster) is
    /// aligned with the agreement's start; <see cref="EnrolmentInput.BridgeGap"/> also records the arrears for the
    /// gap before it, paid by this agreement.
    /// </summary>
    [Alias("EnrollWithAsync")]
    Task<CommandResult<WorkerView>> EnrollWithAsync(EnrolmentInput enrolment, CommandContext context);

    /// <summary>
    /// One import row in one step: registers the worker (or updates the profile) and, when an enrolment is given and
    /// the worker is not in its agreement yet, enrols them (with the terms and the quota place the import job already
    /// holds, when the enrolment says so). A refused enrolment does not refuse the profile: it comes back as a warning
    /// with code <c>import.enrol_failed</c>.
    /// </summary>
    [Alias("ImportAsync")]
    Task<CommandResult<WorkerView>> ImportAsync(WorkerProfileInput profile, EnrolmentInput? enrolment, CommandContext context);

    /// <summary>Adds a period funded otherwise than by a PKS of the regency (self-paid, APBDes, earlier BPJS history).</summary>
    [Alias("AddHistoricalPeriodAsync")]
    Task<CommandResult<WorkerView>> AddHistoricalPeriodAsync(HistoricalPeriodInput period, CommandContext context);

    /// <summary>
    /// An administrator's choice of the payer that keeps a double-covered worker (issue 18): the other payers give up the
    /// days it covers, a held period joins the timeline once nothing meets it, and a payer left without a period gives
    /// its quota place back. Idempotent: with nothing left to cut nothing changes, and the answer's warning says so.
    /// </summary>
    [Alias("ResolveDoubleCoverAsync")]
    Task<CommandResult<WorkerView>> ResolveDoubleCoverAsync(string keeperAgreementId, CommandContext context);

    [Alias("RecordExitAsync")]
    Task<CommandResult<WorkerView>> RecordExitAsync(ExitInput exit, CommandContext context);

    /// <summary>Everything a worker page shows, as of <paramref name="asOf"/>; null when no worker has this id.</summary>
    [Alias("GetAsync")]
    Task<WorkerView?> GetAsync(DateOnly asOf);

    /// <summary>The full NIK, for the roles that need it (caseworkers filing with BPJS, administrators); null when no worker has this id.</summary>
    [Alias("GetNikAsync"), Orleans.Concurrency.ReadOnly]
    Task<string?> GetNikAsync();

    [Alias("GetCoverageOnAsync")]
    Task<CoverageAnswer> GetCoverageOnAsync(DateOnly date);

    /// <summary>
    /// Opens a claim (JKK or JKM) and says whether the worker was covered on the incident date. A death claim ends
    /// the worker's coverage on the date of death (an exit), which also takes them out of renewals.
    /// </summary>
    [Alias("OpenClaimAsync")]
    Task<CommandResult<ClaimView>> OpenClaimAsync(ClaimIntakeInput intake, CommandContext context);

    [Alias("RecordClaimDocumentAsync")]
    Task<CommandResult<ClaimView>> RecordClaimDocumentAsync(Guid claimId, DocumentInput document, CommandContext context);

    /// <summary>The whole document checklist in one command: every row recorded, or none.</summary>
    [Alias("RecordClaimDocumentsAsync")]
    Task<CommandResult<ClaimView>> RecordClaimDocumentsAsync(Guid claimId, IReadOnlyList<DocumentInput> documents, CommandContext context);

    [Alias("AttachClaimDocumentAsync")]
    Task<CommandResult<ClaimView>> AttachClaimDocumentAsync(Guid claimId, AttachmentInput attachment, CommandContext context);

    /// <summary>Records when the JKK first report (tahap I) reached BPJS.</summary>
    [Alias("RecordFirstReportAsync")]
    Task<CommandResult<ClaimView>> RecordFirstReportAsync(Guid claimId, DateTimeOffset reportedAt, CommandContext context);

    [Alias("MoveClaimAsync")]
    Task<CommandResult<ClaimView>> MoveClaimAsync(Guid claimId, TransitionInput transition, CommandContext context);

    [Alias("AssignClaimAsync")]
    Task<CommandResult<ClaimView>> AssignClaimAsync(Guid claimId, string userName, CommandContext context);

    [Alias("RecordScholarshipAsync")]
    Task<CommandResult<ClaimView>> RecordScholarshipAsync(Guid claimId, ScholarshipInput scholarship, CommandContext context);

    /// <summary>
    /// Records BPJS's decision on the scholarship of a death claim whose verdict needs BPJS's confirmation; granted,
    /// the eligible children get their scholarship records.
    /// </summary>
    [Alias("RecordScholarshipDecisionAsync")]
    Task<CommandResult<ClaimView>> RecordScholarshipDecisionAsync(Guid claimId, ScholarshipDecisionInput decision, CommandContext context);

    [Alias("GetClaimAsync")]
    Task<ClaimView?> GetClaimAsync(Guid claimId, DateTimeOffset now);

    /// <summary>Adds a family member, or changes one when the input carries its id.</summary>
    [Alias("SaveFamilyMemberAsync")]
    Task<CommandResult<WorkerView>> SaveFamilyMemberAsync(FamilyMemberInput member, CommandContext context);

    [Alias("RemoveFamilyMemberAsync")]
    Task<CommandResult<WorkerView>> RemoveFamilyMemberAsync(Guid memberId, CommandContext context);

    /// <summary>
    /// Undoes a wrongly recorded death (administrators only): coverage counts again, the quota places are taken
    /// back, and open death claims are closed with the reason. Refused once a death claim has gone to BPJS.
    /// </summary>
    [Alias("ReverseDeathAsync")]
    Task<CommandResult<WorkerView>> ReverseDeathAsync(string reason, CommandContext context);

    /// <summary>Writes this worker's read-model row again from state (the rebuild job). False when no worker has this id.</summary>
    [Alias("RepublishAsync")]
    Task<bool> RepublishAsync();
}

[GenerateSerializer, Immutable, Alias("Kapuas.WorkerProfileInput")]
public sealed record WorkerProfileInput(
    [property: Id(0)] string? Nik,
    [property: Id(1)] string? Name,
    [property: Id(2)] Sex? Sex,
    [property: Id(3)] DateOnly? BirthDate,
    [property: Id(4)] string? Kecamatan,
    [property: Id(5)] string? Desa,
    [property: Id(6)] string? Occupation,
    [property: Id(7)] string? Phone,
    [property: Id(8)] string? Kpj,
    [property: Id(9)] DataSource Source = DataSource.Unknown)
{
    /// <summary>Never prints the NIK.</summary>
    public override string ToString() => $"WorkerProfileInput {{ Name = {Name}, Kecamatan = {Kecamatan} }}";
}

[GenerateSerializer, Immutable, Alias("Kapuas.HistoricalPeriodInput")]
public sealed record HistoricalPeriodInput(
    [property: Id(0)] DateOnly Start,
    [property: Id(1)] DateOnly End,
    [property: Id(2)] FundingKind Funding,
    [property: Id(3)] string? Note);

[GenerateSerializer, Immutable, Alias("Kapuas.ExitInput")]
public sealed record ExitInput(
    [property: Id(0)] ExitReason Reason,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string? Note);

/// <summary>One coverage period as a page shows it; <see cref="EffectiveEnd"/> differs from End when an exit cut it.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.PeriodView")]
public sealed record PeriodView(
    [property: Id(0)] DateOnly Start,
    [property: Id(1)] DateOnly End,
    [property: Id(2)] DateOnly? EffectiveEnd,
    [property: Id(3)] FundingKind Funding,
    [property: Id(4)] string? AgreementId,
    [property: Id(5)] string FundingLabel,
    [property: Id(6)] string? Note);

/// <summary>Days between two coverage periods with no protection (a gap has no funding: it is not a period).</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.GapView")]
public sealed record GapView(
    [property: Id(0)] DateOnly Start,
    [property: Id(1)] DateOnly End,
    [property: Id(2)] string Label);

[GenerateSerializer, Immutable, Alias("Kapuas.ExitView")]
public sealed record ExitView(
    [property: Id(0)] ExitReason Reason,
    [property: Id(1)] DateOnly Date,
    [property: Id(2)] string Label,
    [property: Id(3)] string? Note);

/// <summary>Covered on a date, and if not, why, with the dates that explain it.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.CoverageAnswer")]
public sealed record CoverageAnswer(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] bool IsCovered,
    [property: Id(2)] string Reason,
    [property: Id(3)] string Explanation,
    [property: Id(4)] DateOnly? From,
    [property: Id(5)] DateOnly? Until,
    [property: Id(6)] string? AgreementId);

/// <summary>Masa iur under both readings (bpjs-rules.md §3.4): added up across gaps, and since the last lapse.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.MasaIurView")]
public sealed record MasaIurView(
    [property: Id(0)] int CumulativeMonths,
    [property: Id(1)] int SinceLapseMonths,
    [property: Id(2)] DateOnly? SinceLapseFrom,
    [property: Id(3)] DateOnly? LastLapse = null);

/// <summary>Membership on a date: active, in grace (arrears payable until a date), lapsed, exited, or not yet a member.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.MembershipView")]
public sealed record MembershipView(
    [property: Id(0)] DateOnly Date,
    [property: Id(1)] MembershipStatus Status,
    [property: Id(2)] string Label,
    [property: Id(3)] string Explanation,
    [property: Id(4)] DateOnly? GraceUntil,
    [property: Id(5)] DateOnly? LapsedOn,
    [property: Id(6)] DateOnly? ProtectionEnded);

/// <summary>
/// An enrolment into an agreement: from when, whether the worker belongs to the starting roster, and bridging. The
/// renewal job also passes the agreement's terms it already read and says it took the quota place for the chunk, so
/// that the worker does not call the agreement for either (the direct renewal path).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kapuas.EnrolmentInput")]
public sealed record EnrolmentInput(
    [property: Id(0)] string AgreementId,
    [property: Id(1)] DateOnly? From,
    [property: Id(2)] bool StartingRoster,
    [property: Id(3)] bool BridgeGap = false,
    [property: Id(4)] Agreements.AgreementTermsInput? Terms = null,
    [property: Id(5)] bool PlaceReserved = false);

/// <summary>What a worker page needs in one call. The NIK appears only masked.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.WorkerView")]
public sealed record WorkerView(
    [property: Id(0)] Guid Id,
    [property: Id(1)] string NikMasked,
    [property: Id(2)] bool NikIsKapuas,
    [property: Id(3)] string Name,
    [property: Id(4)] Sex Sex,
    [property: Id(5)] DateOnly BirthDate,
    [property: Id(6)] string KecamatanCode,
    [property: Id(7)] string KecamatanName,
    [property: Id(8)] string Desa,
    [property: Id(9)] OccupationKind Occupation,
    [property: Id(10)] string? OccupationOther,
    [property: Id(11)] string OccupationLabel,
    [property: Id(12)] string? Phone,
    [property: Id(13)] string? Kpj,
    [property: Id(14)] DataSource Source,
    [property: Id(15)] IReadOnlyList<PeriodView> Periods,
    [property: Id(16)] ExitView? Exit,
    [property: Id(17)] IReadOnlyList<GapView> Gaps,
    [property: Id(18)] CoverageAnswer Coverage,
    [property: Id(19)] MasaIurView MasaIur,
    [property: Id(20)] long Version,
    [property: Id(21)] DateTimeOffset RegisteredAt,
    [property: Id(22)] DateTimeOffset UpdatedAt,
    [property: Id(23)] string UpdatedBy,
    [property: Id(24)] IReadOnlyList<ClaimSummaryView> Claims,
    [property: Id(25)] IReadOnlyList<FamilyMemberView> Family,
    [property: Id(26)] string HeirExplanation,
    [property: Id(27)] MembershipView? Membership = null,
    [property: Id(28)] IReadOnlyList<PeriodView>? HeldCovers = null);
