using Kapuas.Testing;

namespace Kapuas.Integration.Tests;

/// <summary>
/// The production guide's settings, proven where this machine allows: the systemd units verify clean, and the cluster
/// works across machines (network namespaces with their own addresses) and survives one of them cut off.
/// </summary>
public sealed class DeploymentTests
{
    [Fact]
    public async Task The_systemd_units_verify_clean_with_systemd_analyze()
    {
        var verify = await TestProcess.RunAsync("bash", ["deploy/verify-units.sh"], timeout: TimeSpan.FromMinutes(2));

        Assert.True(verify.ExitCode == 0, verify.All);
    }

    [Fact]
    public async Task Postgres_two_silos_and_the_admin_on_their_own_addresses_form_one_cluster_and_survive_a_silo_cut_off()
    {
        var run = await TestProcess.RunAsync("bash", ["scripts/netns-cluster.sh"], new Dictionary<string, string>
        {
            ["KAPUAS_DATA_DIR"] = TestPaths.DataDirectory(),
        }, TimeSpan.FromMinutes(8));

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode} (77: needs root and iproute2){Environment.NewLine}{run.All}");
        Assert.EndsWith("netns-cluster: passed", run.Output.TrimEnd(), StringComparison.Ordinal);
    }
}
