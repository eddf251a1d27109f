namespace Kapuas.Grains;

/// <summary>Names of the grain storage providers the silo registers.</summary>
public static class GrainStorage
{
    /// <summary>The one storage for worker, agreement and system state (ADO.NET on PostgreSQL in production).</summary>
    public const string Name = "kapuas";
}
