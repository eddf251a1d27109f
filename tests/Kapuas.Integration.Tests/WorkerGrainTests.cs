using Kapuas.Domain.Agreements;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Workers;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Workers;
using Kapuas.Testing;

namespace Kapuas.Integration.Tests;

/// <summary>Worker and agreement grains on the real stack: ADO.NET storage, read model and audit in PostgreSQL.</summary>
public sealed class WorkerGrainTests : SiloOnPostgres
{
    private IWorkerGrain NewWorker() => Silo.Grains.GetGrain<IWorkerGrain>(Guid.CreateVersion7());

    private async Task<IAgreementGrain> SignedAgreementAsync(AgreementTermsInput terms, string? code = null)
    {
        var agreement = Silo.Grains.GetGrain<IAgreementGrain>(code ?? $"PKS-{Guid.NewGuid():N}"[..20]);
        (await agreement.DefineAsync(terms, TestData.Context("admin"))).Expect();
        (await agreement.ChangeStatusAsync(AgreementStatus.Signed, TestData.Context("admin"))).Expect();
        return agreement;
    }

    [Fact]
    public async Task Registration_stores_the_worker_and_its_read_model_row_without_the_full_nik()
    {
        var profile = TestData.Profile("Siti Aminah");
        var worker = NewWorker();

        var view = (await worker.RegisterAsync(profile, TestData.Context("sari"))).Expect();

        Assert.Equal("Siti Aminah", view.Name);
        Assert.Equal(profile.Nik![..4] + "**********" + profile.Nik[14..], view.NikMasked);
        Assert.Equal("62.03.01", view.KecamatanCode);
        Assert.Equal("sari", view.UpdatedBy);
        Assert.Equal("Siti Aminah", await Database.ScalarAsync<string>($"SELECT name FROM app.participants WHERE worker_id = '{view.Id}'"));
        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.participants WHERE nik_masked = '{profile.Nik}'"));
        Assert.Equal(0L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.audit_log WHERE after::text LIKE '%{profile.Nik}%'"));
        Assert.Equal("sari", await Database.ScalarAsync<string>($"SELECT user_name FROM app.audit_log WHERE subject_id = '{view.Id}' AND action = 'worker.registered'"));
    }

    [Fact]
    public async Task An_invalid_profile_is_refused_with_every_error_and_nothing_is_stored()
    {
        var worker = NewWorker();
        var bad = TestData.Profile() with { Nik = "62030112", Name = " ", Kecamatan = "Atlantis" };

        var result = await worker.RegisterAsync(bad, TestData.Context());

        Assert.False(result.Succeeded);
        Assert.Equal(["Kecamatan", "NIK", "Nama"], result.Errors.Select(e => e.Field!).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, e => e.Code == "nik.length");
        Assert.Contains(result.Errors, e => e.Code == "name.required");
        Assert.Contains(result.Errors, e => e.Code == "kecamatan.unknown");
        Assert.Null(await worker.GetAsync(new DateOnly(2026, 6, 15)));
        Assert.Equal(0L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants"));
    }

    [Fact]
    public async Task A_nik_registered_twice_is_refused_with_a_message_naming_the_existing_record()
    {
        var profile = TestData.Profile("Rahmat Hidayat", Sex.Male);
        var first = (await NewWorker().RegisterAsync(profile, TestData.Context())).Expect();

        var second = NewWorker();
        var result = await second.RegisterAsync(profile with { Name = "Rahmat H." }, TestData.Context());

        var error = Assert.Single(result.Errors);
        Assert.Equal("nik.duplicate", error.Code);
        Assert.Contains("Rahmat Hidayat", error.Message, StringComparison.Ordinal);
        Assert.Contains(first.Id.ToString(), error.Message, StringComparison.Ordinal);
        Assert.Null(await second.GetAsync(new DateOnly(2026, 6, 15)));
        Assert.Equal(1L, await Database.ScalarAsync<long>("SELECT count(*) FROM app.participants WHERE name LIKE 'Rahmat%'"));
    }

    [Fact]
    public async Task A_retried_command_with_the_same_operation_id_changes_nothing()
    {
        var worker = NewWorker();
        var context = TestData.Context();
        var profile = TestData.Profile();

        var first = (await worker.RegisterAsync(profile, context)).Expect();
        var again = (await worker.RegisterAsync(profile, context)).Expect();

        Assert.Equal(1, first.Version);
        Assert.Equal(first.Version, again.Version);
        Assert.Equal(1L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.audit_log WHERE subject_id = '{first.Id}'"));
    }

    [Fact]
    public async Task Enrolment_covers_the_agreement_period_and_answers_coverage_on_a_date()
    {
        var agreement = await SignedAgreementAsync(TestData.Agreement2026());
        var worker = NewWorker();
        await worker.RegisterAsync(TestData.Profile(), TestData.Context());

        var view = (await worker.EnrollFromStartAsync(agreement.GetPrimaryKeyString(), TestData.Context())).Expect();

        var period = Assert.Single(view.Periods);
        Assert.Equal((new DateOnly(2026, 1, 1), new DateOnly(2026, 12, 31)), (period.Start, period.End));
        Assert.True(view.Coverage.IsCovered);
        Assert.Equal(6, view.MasaIur.CumulativeMonths);
        Assert.False((await worker.GetCoverageOnAsync(new DateOnly(2025, 12, 31))).IsCovered);
        Assert.Equal(1, (await agreement.GetAsync())!.Enrolled);
        Assert.Equal(1L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.participant_periods WHERE worker_id = '{view.Id}' AND agreement_id = '{agreement.GetPrimaryKeyString()}'"));
    }

    [Fact]
    public async Task Enrolment_over_the_quota_is_refused_with_the_numbers()
    {
        var agreement = await SignedAgreementAsync(TestData.Agreement2026(quota: 2));
        var code = agreement.GetPrimaryKeyString();
        for (var i = 0; i < 2; i++)
        {
            var w = NewWorker();
            await w.RegisterAsync(TestData.Profile($"Pekerja {i}"), TestData.Context());
            (await w.EnrollFromStartAsync(code, TestData.Context())).Expect();
        }

        var third = NewWorker();
        await third.RegisterAsync(TestData.Profile("Pekerja 3"), TestData.Context());
        var result = await third.EnrollFromStartAsync(code, TestData.Context());

        var error = Assert.Single(result.Errors);
        Assert.Equal("agreement.quota_full", error.Code);
        Assert.Contains("2 dari 2", error.Message, StringComparison.Ordinal);
        Assert.Empty((await third.GetAsync(new DateOnly(2026, 6, 15)))!.Periods);
    }

    [Fact]
    public async Task Concurrent_enrolments_never_overrun_the_quota()
    {
        var agreement = await SignedAgreementAsync(TestData.Agreement2026(quota: 3));
        var workers = new List<IWorkerGrain>();
        for (var i = 0; i < 8; i++)
        {
            var w = NewWorker();
            await w.RegisterAsync(TestData.Profile($"Serentak {i}"), TestData.Context());
            workers.Add(w);
        }

        var results = await Task.WhenAll(workers.Select(w => w.EnrollFromStartAsync(agreement.GetPrimaryKeyString(), TestData.Context())));

        Assert.Equal(3, results.Count(r => r.Succeeded));
        Assert.Equal(3L, await Database.ScalarAsync<long>($"SELECT count(*) FROM app.agreement_enrolments WHERE agreement_id = '{agreement.GetPrimaryKeyString()}'"));
    }

    [Fact]
    public async Task Enrolment_outside_the_period_or_into_a_draft_agreement_is_refused()
    {
        var worker = NewWorker();
        await worker.RegisterAsync(TestData.Profile(), TestData.Context());
        var signed = await SignedAgreementAsync(TestData.Agreement2026());
        var draft = Silo.Grains.GetGrain<IAgreementGrain>("PKS-DRAF-1");
        await draft.DefineAsync(TestData.Agreement2026(), TestData.Context("admin"));

        var outside = await worker.EnrollAsync(signed.GetPrimaryKeyString(), new DateOnly(2027, 1, 1), TestData.Context());
        var intoDraft = await worker.EnrollFromStartAsync("PKS-DRAF-1", TestData.Context());

        Assert.Equal("agreement.outside_period", Assert.Single(outside.Errors).Code);
        Assert.Equal("agreement.not_open", Assert.Single(intoDraft.Errors).Code);
    }

    [Fact]
    public async Task A_death_ends_coverage_on_its_date_and_later_dates_say_why()
    {
        var agreement = await SignedAgreementAsync(TestData.Agreement2026());
        var worker = NewWorker();
        await worker.RegisterAsync(TestData.Profile(), TestData.Context());
        await worker.EnrollFromStartAsync(agreement.GetPrimaryKeyString(), TestData.Context());

        var view = (await worker.RecordExitAsync(new ExitInput(ExitReason.Died, new DateOnly(2026, 5, 10), "Akta kematian 123"), TestData.Context())).Expect();

        Assert.True((await worker.GetCoverageOnAsync(new DateOnly(2026, 5, 10))).IsCovered);
        var after = await worker.GetCoverageOnAsync(new DateOnly(2026, 5, 11));
        Assert.False(after.IsCovered);
        Assert.Equal("exited", after.Reason);
        Assert.Contains("meninggal dunia", after.Explanation, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2026, 5, 10), view.Periods[0].EffectiveEnd);
        Assert.Equal("2026-05-10", await Database.ScalarAsync<string>($"SELECT coverage_end::text FROM app.participants WHERE worker_id = '{view.Id}'"));
        Assert.Equal("exit.already", Assert.Single((await worker.RecordExitAsync(new ExitInput(ExitReason.MovedAway, new DateOnly(2026, 6, 1), null), TestData.Context())).Errors).Code);
    }

    [Fact]
    public async Task Historical_periods_join_the_timeline_and_overlaps_are_refused()
    {
        var worker = NewWorker();
        await worker.RegisterAsync(TestData.Profile(), TestData.Context());

        (await worker.AddHistoricalPeriodAsync(new HistoricalPeriodInput(new DateOnly(2023, 1, 1), new DateOnly(2023, 12, 31), FundingKind.SelfPaid, "BPU mandiri"), TestData.Context())).Expect();
        var overlap = await worker.AddHistoricalPeriodAsync(new HistoricalPeriodInput(new DateOnly(2023, 12, 31), new DateOnly(2024, 3, 31), FundingKind.Apbdes, null), TestData.Context());
        var view = (await worker.AddHistoricalPeriodAsync(new HistoricalPeriodInput(new DateOnly(2024, 1, 1), new DateOnly(2024, 3, 31), FundingKind.Apbdes, null), TestData.Context())).Expect();

        Assert.Equal("coverage.overlap", Assert.Single(overlap.Errors).Code);
        Assert.Equal(2, view.Periods.Count);
        Assert.Empty(view.Gaps);
        Assert.Equal(15, view.MasaIur.CumulativeMonths);
    }

    [Fact]
    public async Task Worker_state_survives_a_silo_restart_on_postgresql()
    {
        var agreement = await SignedAgreementAsync(TestData.Agreement2026());
        var id = Guid.CreateVersion7();
        await Silo.Grains.GetGrain<IWorkerGrain>(id).RegisterAsync(TestData.Profile("Yusuf Bahri", Sex.Male), TestData.Context());
        await Silo.Grains.GetGrain<IWorkerGrain>(id).EnrollFromStartAsync(agreement.GetPrimaryKeyString(), TestData.Context());

        await RestartSiloAsync();

        var view = await Silo.Grains.GetGrain<IWorkerGrain>(id).GetAsync(new DateOnly(2026, 6, 15));
        Assert.NotNull(view);
        Assert.Equal("Yusuf Bahri", view.Name);
        Assert.Single(view.Periods);
        Assert.Equal(1, (await Silo.Grains.GetGrain<IAgreementGrain>(agreement.GetPrimaryKeyString()).GetAsync())!.Enrolled);
    }

    [Fact]
    public async Task Agreement_status_moves_forward_only_and_terms_lock_after_signing()
    {
        var agreement = Silo.Grains.GetGrain<IAgreementGrain>("PKS-STATUS-1");
        (await agreement.DefineAsync(TestData.Agreement2026(), TestData.Context("admin"))).Expect();

        var skip = await agreement.ChangeStatusAsync(AgreementStatus.Active, TestData.Context("admin"));
        (await agreement.ChangeStatusAsync(AgreementStatus.Signed, TestData.Context("admin"))).Expect();
        var edit = await agreement.DefineAsync(TestData.Agreement2026(quota: 6000), TestData.Context("admin"));

        Assert.Equal("agreement.illegal_status", Assert.Single(skip.Errors).Code);
        Assert.Equal("agreement.locked", Assert.Single(edit.Errors).Code);
        Assert.Equal("Signed", await Database.ScalarAsync<string>("SELECT status FROM app.agreements WHERE agreement_id = 'PKS-STATUS-1'"));
        Assert.Equal(201_600L, await Database.ScalarAsync<long>("SELECT cost_per_worker FROM app.agreements WHERE agreement_id = 'PKS-STATUS-1'"));
    }
}
