using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Continuity;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Demo;
using Kapuas.Domain.Family;
using Kapuas.Domain.Regions;
using Kapuas.Domain.Renewal;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Continuity;
using Kapuas.Grains.Imports;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Continuity;
using Kapuas.Infrastructure.Coverage;
using Kapuas.Infrastructure.Renewal;

namespace Kapuas.Silo.Jobs;

/// <summary>
/// Puts a demo roster into the system through the grains, exactly as users would: the 2025 and 2026 agreements,
/// registrations, earlier periods, enrolments, deaths and exits. Every call has an operation id derived from the
/// seed, so a rerun (or a resumed run) adds nothing twice. It tells the continuity story of Kapuas (issue 13): the
/// 2025 decree ended on 30/09/2025 and the 2026 PKS started on 01/01/2026, unbridged, so every continuing worker
/// has an October–December 2025 gap; the guard's alerts of 2025 are replayed on the days they were due; and a 2027
/// PKS signed late (starting 01/02/2027) gives a renewal preview that offers to bridge January 2027.
/// </summary>
public sealed partial class DemoSeedJob(
    IGrainFactory grains, ContinuityStore continuity, RenewalStore renewals, IContinuityJob guard, DoubleCoverStore doubleCover, TimeProvider clock,
    ILogger<DemoSeedJob> logger)
    : IDemoSeedJob
{
    public const string Agreement2025 = "PKS-2025";
    public const string Agreement2026 = "PKS-2026";
    public const string Agreement2027 = "PKS-2027";
    private const string User = "demo";

    public async Task RunAsync(int workers, int seed, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var today = Wib.DateOf(now);
        var roster = DemoRoster.Generate(workers, seed, today).ToList();
        var in2025 = roster.Count(w => w.In2025);
        var in2026 = roster.Count(w => w.In2026);

        var quota2025 = Math.Max(10_000, in2025);
        var quota2026 = Math.Max(5_000, in2026);
        await AgreementAsync(Agreement2025, seed, now, new AgreementTermsInput(
            "400.7/96/DINSOS/2025", new DateOnly(2025, 2, 20), 2025, new DateOnly(2025, 3, 1), new DateOnly(2025, 9, 30), quota2025,
            Programs.Jkk | Programs.Jkm, 1_000_000, 117_600L * quota2025));
        await AgreementAsync(Agreement2026, seed, now, new AgreementTermsInput(
            "400.7/12/DINSOS/2026", new DateOnly(2026, 1, 8), 2026, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), quota2026,
            Programs.Jkk | Programs.Jkm, 1_000_000, 201_600L * quota2026));

        var context = Ctx(seed, -1, "reserve", now);
        foreach (var chunk in roster.Chunk(1000))
        {
            await grains.GetGrain<IAgreementGrain>(Agreement2025).ReserveManyAsync([.. chunk.Where(w => w.In2025).Select(w => w.Id)], context);
            await grains.GetGrain<IAgreementGrain>(Agreement2026).ReserveManyAsync([.. chunk.Where(w => w.In2026).Select(w => w.Id)], context);
        }

        var done = 0;
        await Parallel.ForEachAsync(roster, new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken }, async (w, _) =>
        {
            var grain = grains.GetGrain<IWorkerGrain>(w.Id);
            CommandContext Context(string purpose) => new(DemoRoster.StableId(seed, w.Index, purpose), User, "Data demo", now);

            var profile = w.Profile;
            (await grain.RegisterAsync(
                new WorkerProfileInput(profile.Nik, profile.Name, profile.Sex, profile.BirthDate, profile.Kecamatan, profile.Desa,
                    profile.Occupation, profile.Phone, profile.Kpj, profile.Source),
                Context("register"))).Expect();
            if (w.Index % 3 == 0)
            {
                // A child on file for a third of the workers: the scholarship rights the continuity guard counts.
                var born = new DateOnly(2006 + w.Index % 16, 1 + w.Index % 12, 1 + w.Index % 28);
                var age = today.Year - born.Year;
                var level = age switch { < 5 => SchoolLevel.NotYetInSchool, < 7 => SchoolLevel.Tk, < 13 => SchoolLevel.Sd, < 16 => SchoolLevel.Smp, < 19 => SchoolLevel.Sma, _ => SchoolLevel.HigherEducation };
                (await grain.SaveFamilyMemberAsync(new FamilyMemberInput(null, $"Anak {(profile.Name ?? "").Split(' ')[0]}", null, Relationship.Child, born, level, false, false),
                    Context("child"))).Expect();
            }

            for (var h = 0; h < w.History.Count; h++)
            {
                var (start, end, funding) = w.History[h];
                (await grain.AddHistoricalPeriodAsync(new HistoricalPeriodInput(start, end, funding, "Riwayat demo"), Context($"history-{h}"))).Expect();
            }

            if (w.In2025)
            {
                (await grain.EnrollWithAsync(new EnrolmentInput(Agreement2025, null, StartingRoster: true), Context("enrol-2025"))).Expect();
            }

            if (w.In2026)
            {
                (await grain.EnrollWithAsync(new EnrolmentInput(Agreement2026, null, StartingRoster: true), Context("enrol-2026"))).Expect();
            }

            if (w.Exit is { Reason: ExitReason.Died } death)
            {
                // A death comes in as a JKM claim, which records the exit itself.
                (await grain.OpenClaimAsync(DemoIncident(ClaimType.JkmDeath, death.Date, now, "Rumah duka", "Meninggal karena sakit"),
                    Context("death-claim"))).Expect();
            }
            else if (w.Exit is { } exit)
            {
                (await grain.RecordExitAsync(new ExitInput(exit.Reason, exit.Date, "Data demo"), Context("exit"))).Expect();
            }
            else if (w.In2026 && w.Index % 97 == 5)
            {
                var day = new DateOnly(2026, 1, 1).AddDays(w.Index % 300);
                (await grain.OpenClaimAsync(DemoIncident(ClaimType.JkkAccident, day, now, "Ladang", "Terluka saat bekerja di ladang"),
                    Context("accident-claim"))).Expect();
            }

            if (Interlocked.Increment(ref done) % 1000 == 0)
            {
                LogProgress(done, roster.Count);
            }
        });

        await grains.GetGrain<IAgreementGrain>(Agreement2025).ChangeStatusAsync(AgreementStatus.Closed, Ctx(seed, -1, "2025-close", now));
        await ContinuityStoryAsync(seed, quota2026, now, cancellationToken);
        await VillageStoryAsync(roster, seed, now);
        LogDone(roster.Count, in2025, in2026);
    }

    /// <summary>
    /// The 2025 alerts the guard would have raised (no successor signed until 08/01/2026; the cohort entered grace on
    /// 01/10/2025), kept as acknowledged history; the 2027 PKS and the renewal preview that offers bridging; today's
    /// assessment.
    /// </summary>
    private async Task ContinuityStoryAsync(int seed, int quota, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await AgreementAsync(Agreement2027, seed, now, new AgreementTermsInput(
            "400.7/03/DINSOS/2027", new DateOnly(2026, 11, 20), 2027, new DateOnly(2027, 2, 1), new DateOnly(2027, 12, 31), quota,
            Programs.Jkk | Programs.Jkm, 1_000_000, 201_600L * quota), activate: false);
        var views = await Task.WhenAll(new[] { Agreement2025, Agreement2026, Agreement2027 }.Select(id => grains.GetGrain<IAgreementGrain>(id).GetAsync()));
        var agreements = views.OfType<AgreementView>().Select(v => (Agreement: v.Terms.ToAgreement(v.Id), v.Status)).ToList();
        var pks2025 = agreements.Single(a => a.Agreement.Id == Agreement2025).Agreement;
        var cohort2025 = (await continuity.CohortAsync(Agreement2025, pks2025.Period.End)).Count;
        var end = pks2025.Period.End;
        foreach (var day in ContinuityGuard.Thresholds.Select(t => end.AddDays(-t)).Append(end.AddDays(1)))
        {
            // As the guard saw it on that day: only agreements signed by then count as successors.
            var known = agreements.Where(a => a.Agreement.SignedOn <= day).Select(a => (a.Agreement, AgreementStatus.Signed));
            var assessment = ContinuityGuard.Assess(pks2025, known, cohort2025, day);
            var at = Wib.At(day, new TimeOnly(6, 0));
            await continuity.RaiseHistoryAsync(assessment.Alerts.Where(a => a.ThresholdDays == 0 || a.DueOn.AddDays(-a.ThresholdDays) == day).ToList(),
                at, "Data demo");
        }

        if ((await renewals.RecentAsync(50)).All(r => r.ToAgreement != Agreement2027))
        {
            var next = agreements.Single(a => a.Agreement.Id == Agreement2027).Agreement;
            await RenewalPreview.CreateAsync(renewals, next, 0, Agreement2026, RenewalPriority.LongestContinuousMembership, User, now);
        }

        await guard.RunAsync(cancellationToken);
    }

    /// <summary>A demo incident at 06.00 WIB on <paramref name="day"/>, never later than the seeding moment.</summary>
    /// <summary>
    /// "1 Desa 100 Pekerja Rentan" (bpjs-rules.md §6.2, §6.3): the two desa with the most workers on the roster each pay
    /// for their residents in 2026 from their APBDes. Their lists come in as imports do; a handful of residents the
    /// regency's PKS-2026 already covers are held as double cover, and the check finds them for the Tanggungan ganda page.
    /// </summary>
    private async Task VillageStoryAsync(IReadOnlyList<DemoWorker> roster, int seed, DateTimeOffset now)
    {
        const int DoubleCoveredPerVillage = 3;
        var villages = roster.Where(w => w.Exit is null)
            .GroupBy(w => (w.Profile.Kecamatan, w.Profile.Desa))
            .Where(g => g.Any(w => w.In2026)) // a desa with someone the regency covers too: the double cover to find
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key.Kecamatan, StringComparer.Ordinal).ThenBy(g => g.Key.Desa, StringComparer.Ordinal)
            .Take(2)
            .ToList();
        for (var v = 0; v < villages.Count; v++)
        {
            var (kecamatan, desa) = villages[v].Key;
            var code = $"APBDES-{v + 1}-2026";
            var residents = villages[v].Where(w => !w.In2026).Concat(villages[v].Where(w => w.In2026).Take(DoubleCoveredPerVillage)).ToList();
            await AgreementAsync(code, seed, now, new AgreementTermsInput(
                $"141/{v + 1:D2}/APBDES/2026", new DateOnly(2026, 1, 15), 2026, new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31), 100,
                Programs.Jkk | Programs.Jkm, 1_000_000, 201_600L * 100, PartialMonthRule.FullMonth, FundingKind.Apbdes,
                Kecamatan.Find(kecamatan).Value.Code, desa));
            foreach (var w in residents)
            {
                var p = w.Profile;
                (await grains.GetGrain<IWorkerGrain>(w.Id).ImportAsync(
                    new WorkerProfileInput(p.Nik, p.Name, p.Sex, p.BirthDate, p.Kecamatan, p.Desa, p.Occupation, p.Phone, p.Kpj, p.Source),
                    new EnrolmentInput(code, null, StartingRoster: true), Ctx(seed, w.Index, $"{code}-list", now))).Expect();
            }
        }

        await doubleCover.CheckAllAsync(now);
    }

    private static ClaimIntakeInput DemoIncident(ClaimType type, DateOnly day, DateTimeOffset now, string place, string what)
    {
        var at = Wib.At(day, new TimeOnly(6, 0));
        return new ClaimIntakeInput(type, at > now ? now.AddMinutes(-1) : at, place, what, false, false, ReporterKind.Family,
            "Keluarga (data demo)", "081200000000");
    }

    private async Task AgreementAsync(string code, int seed, DateTimeOffset now, AgreementTermsInput terms, bool activate = true)
    {
        var agreement = grains.GetGrain<IAgreementGrain>(code);
        var existing = await agreement.GetAsync();
        if (existing is null || existing.Status == AgreementStatus.Draft)
        {
            (await agreement.DefineAsync(terms, Ctx(seed, -1, $"{code}-define", now))).Expect();
        }

        await agreement.ChangeStatusAsync(AgreementStatus.Signed, Ctx(seed, -1, $"{code}-sign", now));
        if (activate)
        {
            await agreement.ChangeStatusAsync(AgreementStatus.Active, Ctx(seed, -1, $"{code}-activate", now));
        }
    }

    private static CommandContext Ctx(int seed, int index, string purpose, DateTimeOffset now) =>
        new(DemoRoster.StableId(seed, index, purpose), User, "Data demo", now);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data: {Done} of {Total} workers")]
    private partial void LogProgress(int done, int total);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data ready: {Total} workers, {In2025} in the 2025 agreement, {In2026} in 2026")]
    private partial void LogDone(int total, int in2025, int in2026);
}
