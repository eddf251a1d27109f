using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kapuas.Grains.Common;

/// <summary>Serialises audit snapshots: compact, enums as names, dates as ISO strings.</summary>
public static class AuditJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string? Serialize(object? snapshot) => snapshot is null ? null : JsonSerializer.Serialize(snapshot, Options);
}
