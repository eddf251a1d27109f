using Kapuas.Domain.Identity;
using Kapuas.Infrastructure.Agreements;
using Kapuas.Infrastructure.Billing;
using Kapuas.Infrastructure.Claims;
using Kapuas.Infrastructure.Continuity;
using Kapuas.Infrastructure.Database;
using Kapuas.Infrastructure.Identity;
using Kapuas.Infrastructure.Import;
using Kapuas.Infrastructure.Renewal;
using Kapuas.Infrastructure.Roster;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kapuas.Infrastructure.Hosting;

/// <summary>
/// Everything the Admin site reads and writes in PostgreSQL, as query and command services: the site's pages take
/// these and never open a connection of their own (all SQL lives in this project).
/// </summary>
public static class SiteData
{
    /// <summary>The one PostgreSQL data source of a process.</summary>
    public static IServiceCollection AddKapuasDataSource(this IServiceCollection services, string connectionString)
    {
        DapperSetup.Configure();
        return services.AddSingleton(_ => NpgsqlDataSource.Create(KapuasDatabase.Pooled(new NpgsqlConnectionStringBuilder(connectionString))));
    }

    public static IServiceCollection AddKapuasSiteData(this IServiceCollection services, string connectionString, NikFingerprinter fingerprinter)
    {
        services.AddKapuasDataSource(connectionString);
        services.AddSingleton(fingerprinter);
        services.AddSingleton<ImportStore>();
        services.AddSingleton<RosterImportService>();
        services.AddSingleton<RenewalStore>();
        services.AddSingleton<ClaimStore>();
        services.AddSingleton<CoverLetterStore>();
        services.AddSingleton<InstallationDecisionStore>();
        services.AddSingleton<ContinuityStore>();
        services.AddSingleton<ParticipantSearch>();
        services.AddSingleton<AccessLog>();
        services.AddSingleton<Dashboard>();
        services.AddSingleton<MonthlyBill>();
        services.AddSingleton<Coverage.DoubleCoverStore>();
        services.AddSingleton<AgreementDirectory>();
        services.AddSingleton<Planning.BudgetPlanInputsStore>();
        services.AddSingleton<UserDirectory>();
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<Backup.BackupRuns>();
        services.AddScoped<PostgresUserStore>();
        return services;
    }

    /// <summary>
    /// Sends the request's UI culture with every grain call, so that the texts in the grains' answers (labels,
    /// explanations, the estimate's working) are in the user's language (<see cref="Grains.Common.CallCulture"/>).
    /// For an Orleans client; a document that must stay in Bahasa Indonesia then reads its data with the UI culture
    /// set to Indonesian.
    /// </summary>
    public static IServiceCollection AddKapuasCallCulture(this IServiceCollection services) =>
        services.AddSingleton<Orleans.IOutgoingGrainCallFilter, Grains.Common.SendUiCulture>();
}
