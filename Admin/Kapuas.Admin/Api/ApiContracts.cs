using Kapuas.Domain.Claims;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Renewal;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Roster;

namespace Kapuas.Admin.Api;

// Request and response bodies of the JSON API. Field names are camelCase on the wire; enums are their names.

public sealed record NikCheckRequest(string? Nik);

public sealed record NikCheckResponse(
    bool Valid, IReadOnlyList<ApiError> Errors, IReadOnlyList<ApiError> Warnings, string? NikMasked, Sex? Sex, DateOnly? BirthDate,
    bool? Kapuas, string? KecamatanCode, string? KecamatanName);

public sealed record ApiError(string Code, string Message, string? Field = null);

public sealed record ApiProblem(IReadOnlyList<ApiError> Errors, IReadOnlyList<ApiError> Warnings);

public sealed record SearchRequest(string? Query, string? Kecamatan, string? Desa, OccupationKind? Occupation, ParticipantStatus Status = ParticipantStatus.Any,
    int Page = 1, int PageSize = 25);

public sealed record SearchResponse(IReadOnlyList<ParticipantRowView> Rows, long Total, int Page, int PageSize);

public sealed record Registered(Guid Id, WorkerView Worker, IReadOnlyList<ApiError> Warnings);

public sealed record HistoryResponse(WorkerView Worker, IReadOnlyList<AuditEntry> AuditTrail);

public sealed record PeriodRequest(DateOnly? Start, DateOnly? End, FundingKind? Funding, string? Note);

public sealed record EnrolRequest(string? AgreementId, DateOnly? From);

public sealed record ExitRequest(ExitReason? Reason, DateOnly? Date, string? Note);

public sealed record DocumentRequest(DocumentKind? Kind, DateOnly? ReceivedOn, bool OriginalSighted, string? Note);

/// <summary>An agreement and who pays for it; <see cref="Payer"/> is ApbdKabupaten, Apbdes, ApbdProvinsi or Donor.</summary>
public sealed record AgreementSummary(
    string AgreementId, string Number, string Payer, string PayerLabel, string? PayerKecamatan, string? PayerDesa, string? PayerName,
    int BudgetYear, DateOnly Start, DateOnly End, int Quota, int Enrolled, long BudgetCeiling, string Status);

public sealed record CostMonth(string Month, int DaysCovered, long Amount);

public sealed record CostBreakdown(
    string AgreementId, string Number, DateOnly Start, DateOnly End, int Quota, int Enrolled, long DeclaredIncome, string PartialMonthRule,
    long JkkPerMonth, long JkmPerMonth, IReadOnlyList<CostMonth> PerWorkerMonths, long CostPerWorker, long CostOfEnrolled, long CostAtFullQuota,
    long BudgetCeiling);

public sealed record RenewalPreviewRequest(string? From, string? To, RenewalPriority Priority = RenewalPriority.LongestContinuousMembership);

/// <summary>Status "approved" when a previewed renewal was approved and started, "resumed" when a failed one was started again.</summary>
public sealed record RenewalStarted(Guid RenewalId, string Status, string JobId);
