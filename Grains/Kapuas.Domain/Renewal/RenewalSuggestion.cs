using Kapuas.Domain.Agreements;

namespace Kapuas.Domain.Renewal;

/// <summary>One recorded agreement as the renewal form lists it.</summary>
public sealed record AgreementListing(string Code, DateOnly Start, DateOnly End, AgreementStatus Status);

/// <summary>The pair a renewal form offers first; either side may be missing, with what to do about it.</summary>
public sealed record RenewalSuggestion(string? From, string? To, RenewalSuggestion.Missing Lacks)
{
    public enum Missing
    {
        Nothing,

        /// <summary>No agreement is recorded at all.</summary>
        AnyAgreement,

        /// <summary>Agreements exist, but none holds a roster to renew from (all are drafts or signed only).</summary>
        PreviousAgreement,

        /// <summary>No signed agreement starts after the one to renew from.</summary>
        NextSignedAgreement,
    }

    /// <summary>
    /// From: the agreement with a roster (active or closed) that ends most recently. To: the earliest signed or active
    /// agreement that starts after it.
    /// </summary>
    public static RenewalSuggestion For(IEnumerable<AgreementListing> agreements)
    {
        var all = agreements.ToList();
        if (all.Count == 0)
        {
            return new(null, null, Missing.AnyAgreement);
        }

        var from = all.Where(a => a.Status is AgreementStatus.Active or AgreementStatus.Closed)
            .OrderByDescending(a => a.End).ThenByDescending(a => a.Start).FirstOrDefault();
        if (from is null)
        {
            return new(null, null, Missing.PreviousAgreement);
        }

        var to = all.Where(a => a.Code != from.Code && a.Start > from.Start && a.Status.TakesWorkers())
            .OrderBy(a => a.Start).FirstOrDefault();
        return to is null ? new(from.Code, null, Missing.NextSignedAgreement) : new(from.Code, to.Code, Missing.Nothing);
    }
}
