using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Kapuas.Domain.Common;
using Kapuas.Infrastructure.Database;

namespace Kapuas.Infrastructure.Hosting;

/// <summary>Hangfire's storage, the same for the clients that enqueue (Admin) and the server that runs jobs (Silo).</summary>
public static class KapuasHangfire
{
    /// <summary>How long a job whose server died stays invisible before another server takes it up (sliding while alive).</summary>
    public static readonly TimeSpan DefaultInvisibilityTimeout = TimeSpan.FromMinutes(2);

    public static IGlobalConfiguration UseKapuasStorage(this IGlobalConfiguration configuration, string connectionString, TimeSpan? invisibilityTimeout = null) =>
        configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseFilter(new JobsWriteInIndonesian())
            .UsePostgreSqlStorage(
                options => options.UseNpgsqlConnection(connectionString),
                new PostgreSqlStorageOptions
                {
                    SchemaName = KapuasDatabase.HangfireSchema,
                    // The schema is installed once by the migrator before any process starts.
                    PrepareSchemaIfNecessary = false,
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // A job whose server died is picked up again after this long; a live server keeps extending it
                    // (sliding), so a long renewal is never run twice at once.
                    InvisibilityTimeout = invisibilityTimeout ?? DefaultInvisibilityTimeout,
                    UseSlidingInvisibilityTimeout = true,
                    DistributedLockTimeout = TimeSpan.FromMinutes(1),
                });
}

/// <summary>
/// A job writes texts that users read later (why a renewal's or an import's row failed): in Bahasa Indonesia, like
/// everything kept. Hangfire otherwise runs a job in the UI culture of the request that enqueued it (its
/// CaptureCulture filter, order -1, which this one follows and which restores the culture afterwards).
/// </summary>
public sealed class JobsWriteInIndonesian : JobFilterAttribute, IServerFilter
{
    public JobsWriteInIndonesian() => Order = 10;

    public void OnPerforming(PerformingContext context) => CultureInfo.CurrentUICulture = DomainText.Indonesian;

    public void OnPerformed(PerformedContext context)
    {
    }
}
