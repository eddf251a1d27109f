using System.Diagnostics.Metrics;
using Hangfire;
using Kapuas.Domain.Common;
using Kapuas.Infrastructure.Backup;
using Kapuas.Infrastructure.Roster;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace Kapuas.Infrastructure.Hosting;

/// <summary>
/// Metrics for operators: Orleans' own meters, ASP.NET Core's and Kestrel's, Npgsql's, and the installation's own
/// (<see cref="KapuasGauges"/>), in Prometheus' text format at <c>/metrics</c> on the process's loopback health port.
/// </summary>
public static class KapuasMonitoring
{
    public const string MeterName = "Kapuas.Actors";

    /// <summary>Extra addresses (loopback) where only /health and /metrics are answered: <c>Kapuas:HealthUrls</c>.</summary>
    public const string HealthUrlsKey = "Kapuas:HealthUrls";

    public static WebApplicationBuilder AddKapuasMetrics(this WebApplicationBuilder builder, string serviceName)
    {
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName))
            .WithMetrics(metrics => metrics
                .AddMeter("Microsoft.Orleans", MeterName, "Npgsql", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
                .AddPrometheusExporter());

        // The health port is an address of its own, added to those the process listens on.
        if (HealthPort(builder.Configuration) is not null)
        {
            var urls = (builder.Configuration["Urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? "http://localhost:5000")
                .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            builder.WebHost.UseUrls([.. urls, .. HealthUrls(builder.Configuration)]);
        }

        return builder;
    }

    /// <summary>
    /// Serves /metrics (and, when a health port is set, /health) only on the health port; without one, only to requests
    /// from this machine. Called before authentication: the port, not a sign-in, is what guards them.
    /// </summary>
    public static WebApplication UseKapuasMetrics(this WebApplication app)
    {
        var healthPort = HealthPort(app.Configuration);
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context =>
            context.Request.Path == "/metrics" && IsHealthRequest(context, healthPort));
        if (healthPort is { } port)
        {
            // The site's own port does not answer the operator's endpoints: the reverse proxy may publish it.
            app.Use((context, next) =>
            {
                if ((context.Request.Path == "/health" || context.Request.Path == "/metrics") && context.Connection.LocalPort != port)
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
        }

        return app;
    }

    private static bool IsHealthRequest(HttpContext context, int? healthPort) => healthPort is { } port
        ? context.Connection.LocalPort == port
        : context.Connection.RemoteIpAddress is not { } remote || System.Net.IPAddress.IsLoopback(remote);

    private static string[] HealthUrls(IConfiguration configuration) =>
        (configuration[HealthUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int? HealthPort(IConfiguration configuration) =>
        HealthUrls(configuration).Select(u => new Uri(u.Replace("*", "localhost", StringComparison.Ordinal)).Port).Cast<int?>().FirstOrDefault();
}

/// <summary>
/// The installation's own gauges, read from PostgreSQL at most every 30 seconds whatever the scrape rate: workers
/// covered today, claims past a deadline, the last renewal's state, the last good backup's age, and Hangfire's queue
/// and failure counts. Registered in the Admin (one per installation), not in every silo.
/// </summary>
public sealed class KapuasGauges : IDisposable
{
    private static readonly TimeSpan Fresh = TimeSpan.FromSeconds(30);
    private readonly Meter meter;
    private readonly Dashboard dashboard;
    private readonly BackupRuns backups;
    private readonly JobStorage jobs;
    private readonly TimeProvider clock;
    private readonly SemaphoreSlim reading = new(1, 1);
    private Snapshot? last;

    public KapuasGauges(IMeterFactory meters, Dashboard dashboard, BackupRuns backups, JobStorage jobs, TimeProvider clock)
    {
        this.dashboard = dashboard;
        this.backups = backups;
        this.jobs = jobs;
        this.clock = clock;
        meter = meters.Create(KapuasMonitoring.MeterName);
        meter.CreateObservableGauge("kapuas.workers.covered", () => Read().CoveredToday, "{worker}", "Workers covered today by a PKS");
        meter.CreateObservableGauge("kapuas.claims.overdue", () => Read().ClaimsOverdue, "{claim}", "Claims past a deadline");
        meter.CreateObservableGauge<int>("kapuas.renewal.last", () => Read().Renewal is { } r
            ? [new Measurement<int>(1, new KeyValuePair<string, object?>("state", r.Status), new KeyValuePair<string, object?>("to_agreement", r.ToAgreement))]
            : Array.Empty<Measurement<int>>(), "1", "The most recent renewal, labelled with its state");
        meter.CreateObservableGauge<double>("kapuas.backup.age", () => Read().LastGoodBackup is { } at
            ? [new Measurement<double>((clock.GetUtcNow() - at).TotalSeconds)]
            : Array.Empty<Measurement<double>>(), "s", "Age of the last good backup");
        meter.CreateObservableGauge<long>("kapuas.jobs", () =>
        {
            var s = Read();
            return
            [
                new Measurement<long>(s.JobsEnqueued, new KeyValuePair<string, object?>("state", "enqueued")),
                new Measurement<long>(s.JobsProcessing, new KeyValuePair<string, object?>("state", "processing")),
                new Measurement<long>(s.JobsFailed, new KeyValuePair<string, object?>("state", "failed")),
                new Measurement<long>(s.JobServers, new KeyValuePair<string, object?>("state", "servers")),
            ];
        }, "{job}", "Hangfire jobs by state, and job servers");
    }

    private sealed record Snapshot(DateTimeOffset At, long CoveredToday, long ClaimsOverdue, RenewalState? Renewal, DateTimeOffset? LastGoodBackup,
        long JobsEnqueued, long JobsProcessing, long JobsFailed, long JobServers);

    /// <summary>The figures, read again when older than 30 seconds; a database that does not answer keeps the last ones.</summary>
    private Snapshot Read()
    {
        var now = clock.GetUtcNow();
        if (last is { } known && now - known.At < Fresh)
        {
            return known;
        }

        reading.Wait();
        try
        {
            if (last is { } again && now - again.At < Fresh)
            {
                return again;
            }

            var figures = dashboard.GetAsync(Wib.DateOf(now), now).GetAwaiter().GetResult();
            var good = backups.LastGoodAsync().GetAwaiter().GetResult();
            var statistics = jobs.GetMonitoringApi().GetStatistics();
            last = new Snapshot(now, figures.CoveredToday, figures.Overdue, figures.Renewals.FirstOrDefault(),
                good?.FinishedAt,
                statistics.Enqueued, statistics.Processing, statistics.Failed, statistics.Servers);
            return last;
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return last ?? new Snapshot(now, 0, 0, null, null, 0, 0, 0, 0);
        }
        finally
        {
            reading.Release();
        }
    }

    public void Dispose()
    {
        meter.Dispose();
        reading.Dispose();
    }
}

/// <summary>Healthy when Hangfire's storage answers and at least one job server (a silo) is running.</summary>
public sealed class HangfireHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var statistics = storage.GetMonitoringApi().GetStatistics();
            return Task.FromResult(statistics.Servers > 0
                ? HealthCheckResult.Healthy($"{statistics.Servers} server pekerjaan; {statistics.Enqueued} antre, {statistics.Failed} gagal.")
                : HealthCheckResult.Degraded("Tidak ada server pekerjaan (silo dengan JobWorkers > 0) yang berjalan: pekerjaan latar tidak dijalankan."));
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Penyimpanan Hangfire tidak menjawab.", e));
        }
    }
}
