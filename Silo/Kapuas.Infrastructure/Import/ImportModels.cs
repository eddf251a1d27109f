using Kapuas.Domain.Import;

namespace Kapuas.Infrastructure.Import;

public enum ImportRowKind
{
    New,
    Update,
    Unchanged,
    Rejected,
}

/// <summary>The preview of one row: what committing it would do, and why not when rejected.</summary>
public sealed record ImportRowPreview(
    int RowNumber,
    ImportRowKind Kind,
    string Name,
    Guid? WorkerId,
    IReadOnlyList<RowProblem> Errors,
    IReadOnlyList<RowProblem> Warnings,
    IReadOnlyList<string> Changes);

/// <summary>How the batch would change the chosen agreement's use of quota and budget.</summary>
public sealed record QuotaEffect(
    string AgreementId,
    string Number,
    int Quota,
    int EnrolledNow,
    int ToEnrol,
    long CostPerWorker,
    long BudgetCeiling)
{
    public int EnrolledAfter => EnrolledNow + ToEnrol;

    public long CostAfter => EnrolledAfter * CostPerWorker;

    public bool OverQuota => EnrolledAfter > Quota;

    public bool OverBudget => CostAfter > BudgetCeiling;
}

public sealed record ImportBatchSummary(
    Guid BatchId,
    string FileName,
    string FileKind,
    string? AgreementId,
    string UploadedBy,
    DateTimeOffset UploadedAt,
    string Status,
    int TotalRows,
    int NewRows,
    int UpdateRows,
    int UnchangedRows,
    int RejectedRows,
    int WarningRows,
    string? CommittedBy,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    bool StartingRoster = false);

/// <summary>A report line: a rejected row's problem or a row that failed during the commit.</summary>
public sealed record ImportReportLine(int RowNumber, string Name, string Column, string Value, string Reason);
