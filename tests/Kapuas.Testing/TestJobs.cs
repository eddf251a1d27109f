using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Kapuas.Domain.Renewal;
using Kapuas.Grains.Agreements;
using Kapuas.Infrastructure.Renewal;
using Microsoft.Extensions.DependencyInjection;

namespace Kapuas.Testing;

/// <summary>What the kill and fault tests set up the same way: a job client on a database, an approved renewal.</summary>
public static class TestJobs
{
    /// <summary>Enqueues into the Hangfire schema of a database, as the Admin does, for silo processes to run.</summary>
    public static BackgroundJobClient Client(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        return new BackgroundJobClient(new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options));
    }

    /// <summary>
    /// <paramref name="workers"/> workers enrolled in a 2025 agreement <paramref name="from"/> and an approved renewal
    /// of them into a 2026 agreement <paramref name="to"/>, made through a silo of its own that is stopped afterwards.
    /// </summary>
    public static async Task<Guid> ApprovedRenewalAsync(TestClusterIds ids, string connectionString, string from, string to, int workers, int seed)
    {
        await using var setup = await TestSilo.StartAsync(ids, connectionString, jobWorkers: 0);
        var previous = await TestRoster.SignedAgreementAsync(setup.Grains, from, TestData.Agreement2025(quota: workers));
        var next = await TestRoster.SignedAgreementAsync(setup.Grains, to, TestData.Agreement2026(quota: workers));
        await TestRoster.EnrolledAsync(setup.Grains, previous, workers, seed);
        var store = setup.Services.GetRequiredService<RenewalStore>();
        var view = (await next.GetAsync())!;
        var renewal = await RenewalPreview.CreateAsync(store, view.Terms.ToAgreement(to), view.Enrolled, from, RenewalPriority.LongestContinuousMembership, "admin", TestData.Now);
        return await store.ApproveAsync(renewal, "admin", TestData.Now, null) ? renewal : throw new InvalidOperationException("The renewal was not approved.");
    }
}
