using Kapuas.Domain.Continuity;

namespace Kapuas.Grains.ReadModel;

/// <summary>The installation's decisions as the grains' rules need them (the silo reads them from PostgreSQL).</summary>
public interface IInstallationDecisionSource
{
    Task<InstallationDecisions> GetAsync();
}
