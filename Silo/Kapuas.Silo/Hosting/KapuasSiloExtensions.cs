using System.Net;
using Hangfire;
using Kapuas.Grains;
using Kapuas.Domain.Identity;
using Kapuas.Grains.Diagnostics;
using Kapuas.Grains.ReadModel;
using Kapuas.Grains.Imports;
using Kapuas.Grains.Renewal;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Renewal;
using Kapuas.Infrastructure.Import;
using Kapuas.Infrastructure.Backup;
using Kapuas.Infrastructure.Database;
using Kapuas.Infrastructure.Hosting;
using Kapuas.Infrastructure.ReadModel;
using Kapuas.Grains.Continuity;
using Kapuas.Infrastructure.Continuity;
using Kapuas.Silo.Jobs;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Dashboard;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;

namespace Kapuas.Silo.Hosting;

public static class KapuasSiloExtensions
{
    /// <summary>
    /// The whole silo process: Orleans (ADO.NET clustering and grain storage on PostgreSQL), the Hangfire server,
    /// Serilog and the health endpoint.
    /// </summary>
    public static WebApplicationBuilder AddKapuasSilo(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(SiloSettings.Section).Get<SiloSettings>() ?? new SiloSettings();
        var cluster = builder.Configuration.GetSection(ClusterSettings.Section).Get<ClusterSettings>() ?? new ClusterSettings();
        var connectionString = KapuasDatabase.ConnectionString(builder.Configuration);
        var siloName = settings.Name ?? $"silo-{settings.SiloPort}";

        builder.AddKapuasLogging(siloName);
        builder.AddKapuasMetrics(siloName);
        builder.UseOrleans(silo => silo.ConfigureKapuasSilo(connectionString, cluster, settings, siloName));

        var invisibility = builder.Configuration.GetValue<int?>("Kapuas:Jobs:InvisibilitySeconds") is { } seconds
            ? TimeSpan.FromSeconds(seconds)
            : KapuasHangfire.DefaultInvisibilityTimeout;
        builder.Services.AddHangfire(c => c.UseKapuasStorage(connectionString, invisibility));
        if (settings.JobWorkers > 0)
        {
            builder.Services.AddHangfireServer(o =>
            {
                o.ServerName = $"{Environment.MachineName}:{siloName}";
                o.WorkerCount = settings.JobWorkers;
                o.Queues = JobQueues.All;
            });
            builder.Services.AddHostedService<RecurringJobs>();
        }

        DapperSetup.Configure();
        builder.Services.AddKapuasDataSource(connectionString);
        builder.Services.AddSingleton<GrainStateDirectory>();
        var dataDirectory = KapuasDataFolder.DataDirectory(builder.Configuration, builder.Environment);
        var nikKey = NikKey.Load(builder.Configuration, dataDirectory);
        builder.Services.AddSingleton(new NikFingerprinter(nikKey));
        builder.Services.AddSingleton<PostgresRosterStore>();
        builder.Services.AddSingleton<IRosterStore>(sp => new BatchingRosterStore(sp.GetRequiredService<PostgresRosterStore>()));
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<PostgresHolidayCalendarSource>();
        builder.Services.AddSingleton<IHolidayCalendarSource>(sp => sp.GetRequiredService<PostgresHolidayCalendarSource>());
        builder.Services.AddSingleton<InstallationDecisionStore>();
        builder.Services.AddSingleton<CachedInstallationDecisions>();
        builder.Services.AddSingleton<IInstallationDecisionSource>(sp => sp.GetRequiredService<CachedInstallationDecisions>());

        builder.Services.AddTransient<ISystemCheckJob, SystemCheckJob>();
        builder.Services.AddTransient<IRosterRebuildJob, RosterRebuildJob>();
        builder.Services.AddSingleton<ImportStore>();
        builder.Services.AddTransient<IImportCommitJob, ImportCommitJob>();
        builder.Services.AddTransient<IDemoSeedJob, DemoSeedJob>();
        builder.Services.AddSingleton<RenewalStore>();
        builder.Services.AddTransient<IRenewalJob, RenewalJob>();
        builder.Services.AddSingleton<Kapuas.Infrastructure.Coverage.DoubleCoverStore>();
        builder.Services.AddTransient<Kapuas.Infrastructure.Coverage.IDoubleCoverJob, DoubleCoverJob>();
        builder.Services.AddSingleton<ContinuityStore>();
        builder.Services.AddTransient<IContinuityJob, ContinuityJob>();
        builder.Services.AddSingleton(sp => new BackupService(connectionString, dataDirectory, sp.GetRequiredService<ILogger<BackupService>>(), sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(new BackupSettings(BackupFolder.Path(builder.Configuration, dataDirectory), nikKey));
        builder.Services.AddTransient<IBackupJob, BackupJob>();
        builder.Services.AddHealthChecks()
            .AddCheck("database", new DatabaseHealthCheck(connectionString))
            .AddCheck<SiloHealthCheck>("orleans")
            .AddCheck<HangfireHealthCheck>("hangfire");
        return builder;
    }

    public static WebApplication MapKapuasSilo(this WebApplication app)
    {
        app.UseKapuasMetrics();
        app.MapKapuasHealth();
        return app;
    }

    private static void ConfigureKapuasSilo(
        this ISiloBuilder silo, string connectionString, ClusterSettings cluster, SiloSettings settings, string siloName)
    {
        var orleansConnection = KapuasDatabase.ForOrleans(connectionString);
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = cluster.ClusterId;
            o.ServiceId = cluster.ServiceId;
        });
        silo.Configure<SiloOptions>(o => o.SiloName = siloName);
        // The Orleans Dashboard's grains and profiler; the Admin serves its pages to administrators (/orleans).
        silo.AddDashboard(o =>
        {
            o.HideTrace = true;
            o.CounterUpdateIntervalMs = 5_000;
        });
        silo.ConfigureEndpoints(
            IPAddress.Parse(settings.AdvertisedAddress),
            settings.SiloPort,
            settings.GatewayPort,
            listenOnAnyHostAddress: false);
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = "Npgsql";
            o.ConnectionString = orleansConnection;
        });
        silo.AddAdoNetGrainStorage(GrainStorage.Name, (OptionsBuilder<AdoNetGrainStorageOptions> options) =>
            options.Configure<Serializer>((o, serializer) =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = orleansConnection;
                // Orleans' own version-tolerant binary format: state types carry [Id]s, so renaming a class is safe.
                o.GrainStorageSerializer = new OrleansGrainStorageSerializer(serializer);
            }));
    }
}
