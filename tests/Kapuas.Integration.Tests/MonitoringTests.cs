using System.Net;
using System.Text.Json;
using Kapuas.Testing;

namespace Kapuas.Integration.Tests;

/// <summary>
/// A silo process and an Admin process as an operator runs them: each serves Prometheus metrics at /metrics on its
/// loopback health port (the Admin's site port does not), with Orleans', ASP.NET Core's, Npgsql's and the installation's
/// own series; /health names each dependency and says which one is down.
/// </summary>
public sealed class MonitoringTests : IAsyncLifetime
{
    private readonly PostgresDatabase db = new();
    private readonly TestClusterIds ids = TestClusterIds.New();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Each_process_serves_its_metrics_on_the_health_port_and_health_names_the_dependency_that_is_down()
    {
        await TestJobs.ApprovedRenewalAsync(ids, db.ConnectionString, "MO25", "MO26", 3, seed: 5);
        await db.ExecuteAsync("""
            INSERT INTO app.backup_runs (started_at, finished_at, trigger, file, size_bytes, migration, succeeded)
            VALUES (now() - interval '2 hours 1 minute', now() - interval '2 hours', 'nightly', '/srv/b.backup', 10, 13, true)
            """);
        await using var silo = await SiloProcess.StartAsync(ids, db.ConnectionString, jobWorkers: 1, invisibilitySeconds: 60);
        var sitePort = TestSilo.FreePort();
        var healthPort = TestSilo.FreePort();
        var environment = SiloProcess.AdminEnvironment(ids, db.ConnectionString, "Rahasia-Monitor-2026", sitePort, TestPaths.DataDirectory(), TestData.NikKey);
        environment["Kapuas__HealthUrls"] = $"http://127.0.0.1:{healthPort}";
        await using var admin = new SiloProcess(environment, healthPort, SiloProcess.AdminProgram);
        await admin.RestartAsync();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        // The site's port (the one the proxy publishes) answers neither endpoint; the sign-in page it does.
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{sitePort}/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"http://127.0.0.1:{sitePort}/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"http://127.0.0.1:{sitePort}/Account/Login")).StatusCode);

        var siloMetrics = await http.GetStringAsync($"http://127.0.0.1:{silo.HealthPort}/metrics");
        Assert.All(new[] { "orleans_catalog_activations", "orleans_app_requests_latency_milliseconds_count", "db_client_operation_duration_seconds_count",
            "http_server_request_duration_seconds_count" }, series => Assert.Contains(series, siloMetrics, StringComparison.Ordinal));

        var adminMetrics = await http.GetStringAsync($"http://127.0.0.1:{healthPort}/metrics");
        Assert.All(new[]
        {
            "orleans_client_connected_gateways", "http_server_request_duration_seconds_count", "db_client_operation_duration_seconds_count",
            "kapuas_workers_covered{", "kapuas_claims_overdue{", "kapuas_renewal_last{", "state=\"approved\"", "kapuas_backup_age_seconds{",
            "kapuas_jobs{", "state=\"failed\"", "state=\"servers\"",
        }, series => Assert.True(adminMetrics.Contains(series, StringComparison.Ordinal),
            $"{series} not in: {string.Join('\n', adminMetrics.Split('\n').Where(l => l.StartsWith("kapuas", StringComparison.Ordinal)))}"));
        var age = adminMetrics.Split('\n').Single(l => l.StartsWith("kapuas_backup_age_seconds{", StringComparison.Ordinal));
        var seconds = double.Parse(age[(age.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 2 * 3600, 2 * 3600 + 600);

        using (var healthy = JsonDocument.Parse(await http.GetStringAsync($"http://127.0.0.1:{healthPort}/health")))
        {
            var checks = healthy.RootElement.GetProperty("checks");
            Assert.Equal(["database", "orleans", "hangfire"], checks.EnumerateObject().Select(c => c.Name));
            Assert.All(checks.EnumerateObject(), c => Assert.Equal("Healthy", c.Value.GetProperty("status").GetString()));
        }

        // The silo goes: the Admin's health says it is the cluster that is down, not the database.
        silo.Kill();
        await Eventually.UntilAsync(async () =>
        {
            var response = await http.GetAsync($"http://127.0.0.1:{healthPort}/health");
            using var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var checks = report.RootElement.GetProperty("checks");
            return response.StatusCode == HttpStatusCode.ServiceUnavailable
                && checks.GetProperty("orleans").GetProperty("status").GetString() == "Unhealthy"
                && checks.GetProperty("database").GetProperty("status").GetString() == "Healthy";
        }, TimeSpan.FromSeconds(60), "the Admin's health names the cluster as down");
    }
}
