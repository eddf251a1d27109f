namespace Kapuas.Grains.Diagnostics;

[GenerateSerializer, Alias("Kapuas.SystemCheckState")]
public sealed class SystemCheckState
{
    [Id(0)] public int TimesRecorded { get; set; }

    [Id(1)] public List<SystemCheckEntry> Recent { get; set; } = [];

    [Id(2)] public List<OperationRecord> Operations { get; set; } = [];
}
