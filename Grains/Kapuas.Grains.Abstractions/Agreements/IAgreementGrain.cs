using Kapuas.Domain.Agreements;
using Kapuas.Domain.Coverage;
using Kapuas.Grains.Common;

namespace Kapuas.Grains.Agreements;

/// <summary>One PKS (cooperation agreement) per grain, keyed by its code (e.g. <c>PKS-2026</c>).</summary>
[Alias("Kapuas.IAgreementGrain")]
public interface IAgreementGrain : IGrainWithStringKey
{
    /// <summary>Creates the agreement, or changes its terms while it is a draft.</summary>
    [Alias("DefineAsync")]
    Task<CommandResult<AgreementView>> DefineAsync(AgreementTermsInput terms, CommandContext context);

    /// <summary>Draft → Signed → Active → Closed; any other move is refused.</summary>
    [Alias("ChangeStatusAsync")]
    Task<CommandResult<AgreementView>> ChangeStatusAsync(AgreementStatus status, CommandContext context);

    /// <summary>
    /// Takes a place in the quota for a worker, covered from <paramref name="from"/> (the agreement's start if null)
    /// to its end. Idempotent per worker. Refused when the agreement is a draft or closed, the date is outside its
    /// period, or the quota is full.
    /// </summary>
    [Alias("ReserveAsync")]
    Task<CommandResult<CoveragePeriodView>> ReserveAsync(Guid workerId, DateOnly? from, CommandContext context);

    /// <summary>
    /// Takes places for many workers at once (imports and renewals), in the order given, as far as the quota allows;
    /// the workers that got none are listed. The enrolments themselves still go through each worker grain.
    /// </summary>
    [Alias("ReserveManyAsync")]
    Task<CommandResult<ReservationSummary>> ReserveManyAsync(IReadOnlyList<Guid> workerIds, CommandContext context);

    /// <summary>Gives a worker's place back (an enrolment that could not be completed).</summary>
    [Alias("ReleaseAsync")]
    Task ReleaseAsync(Guid workerId, CommandContext context);

    /// <summary>Null when no agreement has this code.</summary>
    [Alias("GetAsync")]
    [Orleans.Concurrency.ReadOnly]
    Task<AgreementView?> GetAsync();
}

[GenerateSerializer, Immutable, Alias("Kapuas.AgreementTermsInput")]
public sealed record AgreementTermsInput(
    [property: Id(0)] string Number,
    [property: Id(1)] DateOnly SignedOn,
    [property: Id(2)] int BudgetYear,
    [property: Id(3)] DateOnly Start,
    [property: Id(4)] DateOnly End,
    [property: Id(5)] int Quota,
    [property: Id(6)] Programs Programs,
    [property: Id(7)] long DeclaredIncome,
    [property: Id(8)] long BudgetCeiling,
    [property: Id(9)] PartialMonthRule PartialMonthRule = PartialMonthRule.FullMonth,
    [property: Id(10)] FundingKind Payer = FundingKind.ApbdKabupaten,
    [property: Id(11)] string? PayerKecamatan = null,
    [property: Id(12)] string? PayerDesa = null,
    [property: Id(13)] string? PayerName = null);

[GenerateSerializer, Immutable, Alias("Kapuas.CoveragePeriodView")]
public sealed record CoveragePeriodView([property: Id(0)] DateOnly Start, [property: Id(1)] DateOnly End);

[GenerateSerializer, Immutable, Alias("Kapuas.AgreementView")]
public sealed record AgreementView(
    [property: Id(0)] string Id,
    [property: Id(1)] AgreementTermsInput Terms,
    [property: Id(2)] AgreementStatus Status,
    [property: Id(3)] int Enrolled,
    [property: Id(4)] long CostPerWorker,
    [property: Id(5)] long CostOfEnrolled,
    [property: Id(6)] long CostAtFullQuota,
    [property: Id(7)] DateTimeOffset UpdatedAt,
    [property: Id(8)] string UpdatedBy)
{
    public int RemainingQuota => Math.Max(0, Terms.Quota - Enrolled);
}

[GenerateSerializer, Immutable, Alias("Kapuas.ReservationSummary")]
public sealed record ReservationSummary(
    [property: Id(0)] int Reserved,
    [property: Id(1)] int AlreadyHeld,
    [property: Id(2)] IReadOnlyList<Guid> RefusedForQuota,
    [property: Id(3)] int Enrolled);

public static class AgreementTermsInputExtensions
{
    /// <summary>The raw terms in the domain's form, for validation.</summary>
    public static AgreementTerms ToTerms(this AgreementTermsInput t, string code) =>
        new(code, t.Number, t.SignedOn, t.BudgetYear, t.Start, t.End, t.Quota, t.Programs,
            new Kapuas.Domain.Common.Money(t.DeclaredIncome), new Kapuas.Domain.Common.Money(t.BudgetCeiling), t.PartialMonthRule, t.Payer,
            t.PayerKecamatan, t.PayerDesa, t.PayerName);

    /// <summary>The domain agreement these terms describe (validated; throws when stored terms are somehow invalid).</summary>
    public static Agreement ToAgreement(this AgreementTermsInput t, string code) =>
        Agreement.Create(t.ToTerms(code)) is { IsSuccess: true } ok
            ? ok.Value
            : throw new InvalidOperationException($"The terms of agreement {code} are invalid.");
}
