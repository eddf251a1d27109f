using Kapuas.Domain.Renewal;

namespace Kapuas.Domain.Tests;

/// <summary>The renewal's life and the names it is stored and sent under.</summary>
public sealed class RenewalStatusTests
{
    [Theory]
    [InlineData(RenewalStatus.Previewed, RenewalStatus.Approved, true)]
    [InlineData(RenewalStatus.Previewed, RenewalStatus.Scheduled, true)]
    [InlineData(RenewalStatus.Previewed, RenewalStatus.Running, false)]
    [InlineData(RenewalStatus.Approved, RenewalStatus.Running, true)]
    [InlineData(RenewalStatus.Scheduled, RenewalStatus.Running, true)]
    [InlineData(RenewalStatus.Running, RenewalStatus.Running, true)]
    [InlineData(RenewalStatus.Failed, RenewalStatus.Running, true)]
    [InlineData(RenewalStatus.Running, RenewalStatus.Completed, true)]
    [InlineData(RenewalStatus.Running, RenewalStatus.Failed, true)]
    [InlineData(RenewalStatus.Completed, RenewalStatus.Running, false)]
    [InlineData(RenewalStatus.Approved, RenewalStatus.Completed, false)]
    [InlineData(RenewalStatus.Failed, RenewalStatus.Completed, false)]
    public void Only_the_renewals_own_moves_are_allowed(RenewalStatus from, RenewalStatus to, bool allowed) =>
        Assert.Equal(allowed, RenewalStatuses.CanMove(from, to));

    [Fact]
    public void A_failed_renewal_can_be_started_again_a_completed_or_previewed_one_cannot()
    {
        Assert.Equal([RenewalStatus.Approved, RenewalStatus.Scheduled, RenewalStatus.Failed], Enum.GetValues<RenewalStatus>().Where(RenewalStatuses.CanStart));
        Assert.Equal([RenewalStatus.Approved, RenewalStatus.Scheduled, RenewalStatus.Running], Enum.GetValues<RenewalStatus>().Where(RenewalStatuses.IsUnderway));
    }

    [Fact]
    public void Statuses_are_stored_under_their_lower_case_names()
    {
        Assert.Equal(["previewed", "approved", "scheduled", "running", "completed", "failed"], Enum.GetValues<RenewalStatus>().Select(s => s.Code()));
        Assert.All(Enum.GetValues<RenewalStatus>(), s => Assert.Equal(s, RenewalStatuses.Parse(s.Code())));
        Assert.Throws<ArgumentOutOfRangeException>(() => RenewalStatuses.Parse("finished"));
    }
}

/// <summary>Which agreements take workers: said once, used by enrolment, import, renewal and the continuity guard.</summary>
public sealed class AgreementStatusTests
{
    [Theory]
    [InlineData(Agreements.AgreementStatus.Draft, false)]
    [InlineData(Agreements.AgreementStatus.Signed, true)]
    [InlineData(Agreements.AgreementStatus.Active, true)]
    [InlineData(Agreements.AgreementStatus.Closed, false)]
    public void Only_a_signed_or_active_agreement_takes_workers(Agreements.AgreementStatus status, bool takes) =>
        Assert.Equal(takes, Agreements.AgreementStatuses.TakesWorkers(status));
}
