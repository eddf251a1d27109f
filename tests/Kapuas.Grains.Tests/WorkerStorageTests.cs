using System.Reflection;
using System.Text.Json;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Workers;
using Kapuas.Grains.ReadModel;
using Kapuas.Grains.Workers;

namespace Kapuas.Grains.Tests;

/// <summary>
/// The stored worker goes to the domain aggregate and back without losing a field. The sample sets every stored
/// field to a value other than its default, so a field added to a stored record later fails here until the sample
/// and the mapping both carry it (a field left out of the mapping would silently be dropped on the next write).
/// </summary>
public sealed class WorkerStorageTests
{
    private static readonly DateTimeOffset At = new(2026, 7, 20, 3, 0, 0, TimeSpan.Zero);

    private static WorkerState Sample()
    {
        var claim = new StoredClaim(Guid.NewGuid(), ClaimType.JkmDeath, new DateTimeOffset(2026, 6, 10, 8, 0, 0, TimeSpan.FromHours(7)), "Sungai",
            "Perahu terbalik", true, true, ReporterKind.Family, "Wati", "081234567890", ClaimState.Paid,
            [new StoredDocument(DocumentKind.WorkerKtp, new DateOnly(2026, 6, 12), true, "dilegalisir",
                [new StoredAttachment(Guid.NewGuid(), "ktp.pdf", AttachmentType.Pdf, 2048, At, "sari")])],
            [new StoredTransition(ClaimState.Approved, ClaimState.Paid, At, "id-sari", "sari", "lunas", "BPJS-9", 42_000_000,
                new DateOnly(2026, 7, 19), "Wati", 42_000_000)],
            At.AddDays(-30), "sari", "budi", At.AddDays(-29), "BPJS-9", 42_000_000, 42_000_000, new DateOnly(2026, 7, 19), "Wati", "lunas",
            [new StoredScholarship(Guid.NewGuid(), "Nia", new DateOnly(2016, 2, 2),
                [new StoredScholarshipYear(2026, SchoolLevel.Sd, new DateOnly(2026, 7, 1), 1_500_000, new DateOnly(2026, 7, 10))],
                ScholarshipEndReason.Married, new DateOnly(2026, 7, 15))],
            new StoredCoverage(new DateOnly(2026, 6, 10), true, "covered", "Terlindungi: periode 01/01/2026–31/12/2026 (APBD Kabupaten Kapuas (PKS ST26)).",
                new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), "ST26", "coverage.explain.covered", ["01/01/2026–31/12/2026", "\u0001funding.ApbdKabupaten\u001FST26\u0002"]),
            new DateOnly(2026, 6, 11), new StoredScholarshipDecision(true, "B/1/2026", "diberikan", At, "admin"));
        return new WorkerState
        {
            Registered = true,
            Nik = "6203011204880003",
            Name = "Rusdi",
            Sex = Sex.Female,
            BirthDate = new DateOnly(1988, 4, 12),
            KecamatanCode = "62.03.01",
            Desa = "Selat Hulu",
            Occupation = OccupationKind.Lainnya,
            OccupationOther = "penjahit",
            Phone = "081234567890",
            Kpj = "12345678901",
            Source = DataSource.Dtks,
            Spans =
            [
                new SpanState(new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), FundingKind.SelfPaid, null, "mandiri"),
                new SpanState(new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), FundingKind.ApbdKabupaten, "ST26", "catatan", PartialMonthRule.ProRataByDays),
            ],
            Exit = new ExitState(ExitReason.Died, new DateOnly(2026, 6, 11), "Klaim"),
            Operations = [new OperationRecord(Guid.NewGuid(), "worker.registered", "id-admin", At)],
            Outbox = [new AuditRow(Guid.NewGuid(), "worker", "w", "worker.registered", At, "id-admin", "admin", "{}", "{}")],
            Version = 7,
            RegisteredAt = At.AddYears(-1),
            RegisteredBy = "admin",
            UpdatedAt = At,
            UpdatedBy = "sari",
            Claims = [claim],
            Family = [new StoredFamilyMember(Guid.NewGuid(), "Nia", "6203014202160001", Relationship.Child, new DateOnly(2016, 2, 2), SchoolLevel.Sd, true, true)],
            HeldCovers = [new SpanState(new DateOnly(2026, 3, 1), new DateOnly(2026, 12, 31), FundingKind.Apbdes, "DESA26", "daftar desa", PartialMonthRule.CompleteMonthsOnly)],
        };
    }

    [Fact]
    public void A_stored_worker_goes_to_the_aggregate_and_back_unchanged()
    {
        var stored = Sample();

        var back = stored.ToDomain().ToState(stored.Operations, stored.Outbox);

        Assert.Equal(JsonSerializer.Serialize(stored), JsonSerializer.Serialize(back));
    }

    [Fact]
    public void The_sample_sets_every_stored_field_so_that_a_new_one_cannot_be_missed()
    {
        var seen = new HashSet<string>();
        var set = new HashSet<string>();
        Visit(Sample(), seen, set, "WorkerState");

        Assert.Empty(seen.Except(set));
        Assert.True(seen.Count > 80, $"only {seen.Count} stored fields found");
    }

    /// <summary>Every property with a serializer id, in the stored records reachable from the state, holds a non-default value somewhere.</summary>
    private static void Visit(object value, HashSet<string> seen, HashSet<string> set, string path)
    {
        foreach (var property in value.GetType().GetProperties().Where(p => p.GetCustomAttribute<IdAttribute>() is not null))
        {
            var field = property.GetValue(value);
            var here = $"{path}.{property.Name}";
            var type = property.PropertyType;
            var isDefault = field is null
                || (type.IsValueType && Nullable.GetUnderlyingType(type) is null && field.Equals(Activator.CreateInstance(type)))
                || field is string { Length: 0 }
                || (field is System.Collections.ICollection { Count: 0 });
            seen.Add(here);
            if (isDefault || field is null)
            {
                continue;
            }

            set.Add(here);

            if (field is System.Collections.IEnumerable items and not string)
            {
                foreach (var item in items)
                {
                    if (item.GetType().Namespace == typeof(WorkerState).Namespace)
                    {
                        Visit(item, seen, set, here);
                    }
                }
            }
            else if (field.GetType().Namespace == typeof(WorkerState).Namespace)
            {
                Visit(field, seen, set, here);
            }
        }
    }
}
