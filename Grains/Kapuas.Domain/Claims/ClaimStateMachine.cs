using Kapuas.Domain.Common;

namespace Kapuas.Domain.Claims;

public enum ClaimType
{
    /// <summary>JKK: a work accident (injury, treatment, temporary incapacity).</summary>
    JkkAccident = 1,

    /// <summary>JKK: death caused by a work accident or occupational disease.</summary>
    JkkDeath = 2,

    /// <summary>JKK: permanent total disability from a work accident.</summary>
    JkkPermanentTotalDisability = 3,

    /// <summary>JKM: death not caused by work.</summary>
    JkmDeath = 4,
}

public enum ClaimState
{
    Draft = 0,
    DocumentsIncomplete = 1,
    ReadyToSubmit = 2,
    SubmittedToBpjs = 3,
    MoreInformationRequested = 4,
    Approved = 5,
    Rejected = 6,
    Paid = 7,
    Closed = 8,
}

/// <summary>
/// The claim's life from the first report to BPJS payout. Every move not listed is refused with a message that
/// says what is possible from where the claim stands.
/// </summary>
public static class ClaimStateMachine
{
    private static readonly Dictionary<ClaimState, ClaimState[]> Allowed = new()
    {
        [ClaimState.Draft] = [ClaimState.DocumentsIncomplete, ClaimState.ReadyToSubmit, ClaimState.Closed],
        [ClaimState.DocumentsIncomplete] = [ClaimState.ReadyToSubmit, ClaimState.Closed],
        [ClaimState.ReadyToSubmit] = [ClaimState.DocumentsIncomplete, ClaimState.SubmittedToBpjs, ClaimState.Closed],
        [ClaimState.SubmittedToBpjs] = [ClaimState.MoreInformationRequested, ClaimState.Approved, ClaimState.Rejected],
        [ClaimState.MoreInformationRequested] = [ClaimState.SubmittedToBpjs, ClaimState.Rejected],
        [ClaimState.Approved] = [ClaimState.Paid],
        [ClaimState.Rejected] = [ClaimState.Closed],
        [ClaimState.Paid] = [ClaimState.Closed],
        [ClaimState.Closed] = [],
    };

    public static IReadOnlyList<ClaimState> Next(ClaimState from) => Allowed[from];

    /// <summary>
    /// Checks a move and what it needs: a BPJS reference to submit, a reason to reject or to close before payment,
    /// an amount, a date and a recipient to record a payment, and no missing blocking document to submit.
    /// </summary>
    public static Result<ClaimState> Move(ClaimState from, ClaimState to, TransitionDetails details, int missingBlockingDocuments)
    {
        if (!Allowed[from].Contains(to))
        {
            var options = Allowed[from].Length == 0
                ? Phrase.Term("claim.next.none")
                : Phrase.List(Allowed[from].Select(Term));
            return new DomainError("claim.illegal_transition", Term(from), Term(to), options);
        }

        switch (to)
        {
            case ClaimState.ReadyToSubmit or ClaimState.SubmittedToBpjs when missingBlockingDocuments > 0:
                return new DomainError("claim.documents_missing", $"{missingBlockingDocuments}");
            case ClaimState.SubmittedToBpjs when from == ClaimState.ReadyToSubmit && string.IsNullOrWhiteSpace(details.BpjsReference):
                return new DomainError("claim.reference_required");
            case ClaimState.Rejected when string.IsNullOrWhiteSpace(details.Reason):
                return new DomainError("claim.reason_required");
            case ClaimState.Closed when from is not (ClaimState.Paid or ClaimState.Rejected) && string.IsNullOrWhiteSpace(details.Reason):
                return new DomainError("claim.reason_required#close");
            case ClaimState.Paid when details.PaidAmount is not { Rupiah: > 0 }:
                return new DomainError("claim.amount_required");
            case ClaimState.Paid when details.PaidOn is null:
                return new DomainError("claim.paid_on_required");
            case ClaimState.Paid when string.IsNullOrWhiteSpace(details.Recipient):
                return new DomainError("claim.recipient_required");
        }

        return to;
    }

    /// <summary>The state in words, in the current UI culture.</summary>
    public static string Label(ClaimState state) => new Phrase(Key(state)).ToString();

    /// <summary>The state as an argument of another text, rendered in that text's language.</summary>
    public static string Term(ClaimState state) => Phrase.Term(Key(state));

    private static string Key(ClaimState state) => state switch
    {
        ClaimState.Draft => "claim.state.Draft",
        ClaimState.DocumentsIncomplete => "claim.state.DocumentsIncomplete",
        ClaimState.ReadyToSubmit => "claim.state.ReadyToSubmit",
        ClaimState.SubmittedToBpjs => "claim.state.SubmittedToBpjs",
        ClaimState.MoreInformationRequested => "claim.state.MoreInformationRequested",
        ClaimState.Approved => "claim.state.Approved",
        ClaimState.Rejected => "claim.state.Rejected",
        ClaimState.Paid => "claim.state.Paid",
        _ => "claim.state.Closed",
    };
}

/// <summary>What a transition carries: the BPJS reference, a reason, the payment.</summary>
public sealed record TransitionDetails(
    string? BpjsReference = null, string? Reason = null, Money? PaidAmount = null, DateOnly? PaidOn = null, string? Recipient = null,
    Money? ApprovedAmount = null);
