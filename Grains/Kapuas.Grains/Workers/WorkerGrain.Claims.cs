using Kapuas.Domain.Agreements;
using Kapuas.Domain.Claims;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Family;
using Kapuas.Domain.Operations;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.ReadModel;

namespace Kapuas.Grains.Workers;

/// <summary>Claims and family: kept in the worker's state, beside the coverage timeline they depend on.</summary>
public sealed partial class WorkerGrain
{
    public const int MaxFamilyMembers = 30;

    private readonly Dictionary<string, Money> declaredIncomes = new(StringComparer.Ordinal);

    public async Task<CommandResult<ClaimView>> OpenClaimAsync(ClaimIntakeInput intake, CommandContext context)
    {
        var claimId = intake.ClaimId ?? context.OperationId;
        if (await ReplayClaimAsync(context, claimId) is { } replay)
        {
            return replay;
        }

        if (!state.State.Registered)
        {
            return ClaimFail("worker.not_found", "Peserta tidak ditemukan.");
        }

        if (intake.Type is not { } type || !Enum.IsDefined(type))
        {
            return ClaimFail("claim.type_required", "Jenis klaim wajib dipilih.", "Jenis");
        }

        var (report, errors) = IncidentReport.Create(intake.IncidentAt, intake.Place, intake.Description, intake.OnCommute,
            intake.TrafficAccident, intake.Reporter, intake.ReporterName, intake.ReporterContact, context.At, state.State.BirthDate);
        if (report is null)
        {
            return CommandResult<ClaimView>.Fail([.. errors.Select(e => WireError.From(e.Error, e.Field))]);
        }

        if (state.State.Claims.Any(c => c.Id == claimId))
        {
            return ClaimFail("claim.exists", "Klaim dengan ID ini sudah ada.");
        }

        var date = report.Date;
        if (Claim.CheckDeathDate(type, intake.DiedOn, date, Wib.DateOf(context.At)) is { } deathDate)
        {
            return ClaimFail(deathDate.Code, deathDate.Message, "TanggalMeninggal");
        }

        if (state.State.Exit is { Reason: ExitReason.Died } died && date > died.Date)
        {
            return ClaimFail("claim.after_death",
                $"Kejadian {IndonesianFormat.Date(date)} sesudah peserta tercatat meninggal pada {IndonesianFormat.Date(died.Date)}.", "Waktu");
        }

        var claim = Claim.Open(claimId, type, report, Actor(context), context.UserName) with
        {
            DiedOn = type == ClaimType.JkkDeath ? intake.DiedOn : null,
        };
        var deathOn = claim.DeathDate ?? date;
        if (claim.IsDeath && state.State.Claims.FirstOrDefault(c => c.IsDeath && c.State is not (ClaimState.Closed or ClaimState.Rejected)) is { } open)
        {
            return ClaimFail("claim.death_exists", $"Sudah ada klaim kematian yang berjalan ({open.Number}).", "Jenis");
        }

        var timeline = Timeline(state.State);
        var coverage = Answer(timeline, date);
        var next = Clone(state.State);
        next.Claims.Add(claim.ToStored(null, coverage));
        var actions = new List<string> { "claim.opened" };
        var warnings = new List<WireError>();
        if (!coverage.IsCovered)
        {
            warnings.Add(new WireError("claim.not_covered", $"Peserta tidak terlindungi pada tanggal kejadian: {coverage.Explanation}"));
        }

        if (claim.IsDeath)
        {
            switch (state.State.Exit)
            {
                case null:
                    next.Exit = new ExitState(ExitReason.Died, deathOn, $"Klaim {claim.Number}");
                    actions.Add("worker.death_recorded");
                    break;
                case { Reason: ExitReason.Died } recorded when recorded.Date != deathOn:
                    warnings.Add(new WireError("claim.death_date_differs",
                        $"Kematian sudah tercatat pada {IndonesianFormat.Date(recorded.Date)}, berbeda dengan tanggal meninggal {IndonesianFormat.Date(deathOn)}."));
                    break;
                case { Reason: not ExitReason.Died } other:
                    warnings.Add(new WireError("claim.exited_before",
                        $"Peserta sudah tercatat keluar ({new Exit(other.Reason, other.Date, null).Label}) pada {IndonesianFormat.Date(other.Date)}; kematian tidak dicatat ulang."));
                    break;
            }
        }

        await CommitStateAsync(next, context, actions);
        if (actions.Contains("worker.death_recorded"))
        {
            // Agreements whose period the death wipes out entirely give the place back to their quota.
            foreach (var voided in next.Spans.Where(s => s.AgreementId is not null && s.Start > deathOn))
            {
                await GrainFactory.GetGrain<IAgreementGrain>(voided.AgreementId!).ReleaseAsync(Id, context);
            }
        }

        return CommandResult<ClaimView>.Ok((await ClaimViewAsync(claimId, context.At))!, warnings);
    }

    public Task<CommandResult<ClaimView>> RecordClaimDocumentAsync(Guid claimId, DocumentInput document, CommandContext context) =>
        ChangeClaimAsync(claimId, context, "claim.document_recorded",
            claim => claim.RecordDocument(document.Kind, document.ReceivedOn, document.OriginalSighted, document.Note, Wib.DateOf(context.At)));

    public Task<CommandResult<ClaimView>> AttachClaimDocumentAsync(Guid claimId, AttachmentInput attachment, CommandContext context) =>
        ChangeClaimAsync(claimId, context, "claim.attachment_added",
            claim => claim.Attach(attachment.Kind, new AttachmentRef(attachment.AttachmentId, AttachmentCheck.SafeName(attachment.FileName),
                attachment.Type, attachment.Size, context.At, context.UserName)));

    public Task<CommandResult<ClaimView>> RecordFirstReportAsync(Guid claimId, DateTimeOffset reportedAt, CommandContext context) =>
        ChangeClaimAsync(claimId, context, "claim.first_report_recorded", claim => claim.RecordFirstReport(reportedAt, context.At));

    public Task<CommandResult<ClaimView>> AssignClaimAsync(Guid claimId, string userName, CommandContext context) =>
        ChangeClaimAsync(claimId, context, "claim.assigned", claim =>
            string.IsNullOrWhiteSpace(userName) || userName.Trim().Length > 256
                ? new DomainError("claim.assignee", "Petugas yang menangani wajib diisi.")
                : claim with { AssignedTo = userName.Trim() });

    public async Task<CommandResult<ClaimView>> MoveClaimAsync(Guid claimId, TransitionInput transition, CommandContext context)
    {
        if (transition.PaidAmount is < 0 || transition.ApprovedAmount is < 0)
        {
            return ClaimFail("claim.amount_negative", "Jumlah tidak boleh negatif.", "Jumlah");
        }

        var details = new TransitionDetails(transition.BpjsReference, transition.Reason,
            transition.PaidAmount is { } paid ? new Money(paid) : null, transition.PaidOn, transition.Recipient,
            transition.ApprovedAmount is { } approved ? new Money(approved) : null);
        if (!Enum.IsDefined(transition.To))
        {
            return ClaimFail("claim.state_unknown", "Status tujuan tidak dikenal.");
        }

        return await ChangeClaimAsync(claimId, context, $"claim.moved.{transition.To}", claim => claim.Move(transition.To, details, Actor(context)),
            async (moved, stored) => moved.State == ClaimState.Approved && moved.Type != ClaimType.JkkAccident
                ? stored with { Scholarships = ScholarshipRecords((await EstimateAsync(moved, state.State, Wib.DateOf(context.At))).Estimate, stored) }
                : stored);
    }

    public async Task<CommandResult<ClaimView>> RecordScholarshipAsync(Guid claimId, ScholarshipInput input, CommandContext context)
    {
        if (await ReplayClaimAsync(context, claimId) is { } replay)
        {
            return replay;
        }

        if (state.State.Claims.FirstOrDefault(c => c.Id == claimId) is not { } stored)
        {
            return ClaimFail("claim.not_found", "Klaim tidak ditemukan.");
        }

        if (stored.Scholarships.FirstOrDefault(x => x.ChildId == input.ChildId) is not { } record)
        {
            return ClaimFail("scholarship.not_found", "Anak ini tidak memiliki catatan beasiswa pada klaim ini.");
        }

        if (input.Paid is < 0)
        {
            return ClaimFail("scholarship.paid", "Jumlah beasiswa tidak boleh negatif.", "Dibayar");
        }

        var today = Wib.DateOf(context.At);
        var rules = BenefitRules.On(Wib.DateOf(stored.IncidentAt))!;
        // The cap is per participant: every child's scholarship on every claim of this worker counts (bpjs-rules.md §2.3).
        var others = Money.Sum(state.State.Claims.SelectMany(c => c.Scholarships.Where(x => c.Id != claimId || x.ChildId != input.ChildId))
            .Select(x => x.ToDomain().TotalPaid));
        var changed = input.EndReason is { } reason
            ? record.ToDomain().End(reason, input.EndedOn ?? today, today)
            : record.ToDomain().RecordYear(new ScholarshipYear(input.Year, input.Level, input.ClaimedOn,
                input.Paid is { } p ? new Money(p) : null, input.PaidOn), others, rules, today);
        if (!changed.IsSuccess)
        {
            return CommandResult<ClaimView>.Fail(changed.Error!);
        }

        var next = Clone(state.State);
        var index = next.Claims.FindIndex(c => c.Id == claimId);
        next.Claims[index] = stored with
        {
            Scholarships = [.. stored.Scholarships.Select(x => x.ChildId == input.ChildId ? changed.Value.ToStored() : x)],
        };
        await CommitStateAsync(next, context, ["claim.scholarship_recorded"]);
        return CommandResult<ClaimView>.Ok((await ClaimViewAsync(claimId, context.At))!);
    }

    public async Task<CommandResult<ClaimView>> RecordScholarshipDecisionAsync(Guid claimId, ScholarshipDecisionInput decision, CommandContext context)
    {
        if (await ReplayClaimAsync(context, claimId) is { } replay)
        {
            return replay;
        }

        if (state.State.Claims.FirstOrDefault(c => c.Id == claimId) is not { } stored)
        {
            return ClaimFail("claim.not_found", "Klaim tidak ditemukan.");
        }

        var claim = stored.ToDomain();
        var (estimate, _, _, _) = await EstimateAsync(claim, state.State, Wib.DateOf(context.At));
        if (!estimate.IsSuccess || estimate.Value.Verdict.Right != ScholarshipRight.NeedsBpjsConfirmation)
        {
            return ClaimFail("scholarship.decision_not_needed",
                "Keputusan BPJS tentang beasiswa hanya dicatat bila hak beasiswa klaim ini perlu konfirmasi BPJS.");
        }

        if (claim.State is not (ClaimState.Approved or ClaimState.Paid or ClaimState.Closed or ClaimState.Rejected))
        {
            return ClaimFail("scholarship.decision_too_early", "Catat keputusan BPJS tentang beasiswa setelah BPJS memutuskan klaim (disetujui atau ditolak).");
        }

        var reference = decision.BpjsReference?.Trim();
        var note = decision.Note?.Trim();
        if (reference is { Length: > Claim.MaxReference } || note is { Length: > Claim.MaxNote } || PlainText.HasMarkup(reference))
        {
            return ClaimFail("scholarship.decision_text", $"Nomor surat BPJS paling panjang {Claim.MaxReference} karakter dan catatan paling panjang {Claim.MaxNote} karakter, tanpa tanda < atau >.");
        }

        var recorded = new ScholarshipDecisionView(decision.Granted, string.IsNullOrEmpty(reference) ? null : reference,
            string.IsNullOrEmpty(note) ? null : note, context.At, context.UserName);
        var changed = stored with { ScholarshipDecision = recorded };
        if (decision.Granted)
        {
            changed = changed with { Scholarships = ScholarshipRecords(estimate, stored, grantedByBpjs: true) };
        }

        var next = Clone(state.State);
        next.Claims[next.Claims.FindIndex(c => c.Id == claimId)] = changed;
        await CommitStateAsync(next, context, ["claim.scholarship_decision_recorded"]);
        return CommandResult<ClaimView>.Ok((await ClaimViewAsync(claimId, context.At))!);
    }

    public async Task<ClaimView?> GetClaimAsync(Guid claimId, DateTimeOffset now) => await ClaimViewAsync(claimId, now);

    public async Task<CommandResult<WorkerView>> SaveFamilyMemberAsync(FamilyMemberInput member, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (NotRegistered() is { } missing)
        {
            return missing;
        }

        var id = member.Id ?? context.OperationId;
        var existing = state.State.Family.FindIndex(m => m.Id == id);
        if (member.Id is not null && existing < 0)
        {
            return CommandResult<WorkerView>.Fail(new WireError("family.not_found", "Anggota keluarga tidak ditemukan."));
        }

        if (existing < 0 && state.State.Family.Count >= MaxFamilyMembers)
        {
            return CommandResult<WorkerView>.Fail(new WireError("family.too_many", $"Paling banyak {MaxFamilyMembers} anggota keluarga."));
        }

        // On a change, a NIK left out (null) keeps the one stored: forms never send a stored NIK back to the browser.
        var nikInput = member.Nik ?? (existing >= 0 ? state.State.Family[existing].Nik : null);
        var created = FamilyMember.Create(id, member.Name, nikInput, member.Relationship, member.BirthDate, member.Level,
            member.Married, member.Working, Wib.DateOf(context.At));
        if (!created.IsSuccess)
        {
            return CommandResult<WorkerView>.Fail(created.Error!, FamilyField(created.Error!.Code));
        }

        var m = created.Value;
        if (m.Nik is { } nik && nik.Value == state.State.Nik)
        {
            return CommandResult<WorkerView>.Fail(new WireError("family.own_nik", "NIK anggota keluarga sama dengan NIK peserta.", "NIK"));
        }

        var stored = new StoredFamilyMember(m.Id, m.Name, m.Nik?.Value, m.Relationship, m.BirthDate, m.Level, m.Married, m.Working);
        var next = Clone(state.State);
        if (existing < 0)
        {
            next.Family.Add(stored);
        }
        else
        {
            next.Family[existing] = stored;
        }

        return await CommitAsync(next, context, "family.saved", []);
    }

    public async Task<CommandResult<WorkerView>> RemoveFamilyMemberAsync(Guid memberId, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (NotRegistered() is { } missing)
        {
            return missing;
        }

        if (state.State.Claims.Any(c => c.Scholarships.Any(x => x.ChildId == memberId)))
        {
            return CommandResult<WorkerView>.Fail(new WireError("family.has_scholarship",
                "Anak ini memiliki catatan beasiswa; akhiri beasiswanya, jangan hapus datanya."));
        }

        var next = Clone(state.State);
        if (next.Family.RemoveAll(m => m.Id == memberId) == 0)
        {
            return CommandResult<WorkerView>.Fail(new WireError("family.not_found", "Anggota keluarga tidak ditemukan."));
        }

        return await CommitAsync(next, context, "family.removed", []);
    }

    public async Task<CommandResult<WorkerView>> ReverseDeathAsync(string reason, CommandContext context)
    {
        if (await ReplayAsync(context) is { } replay)
        {
            return replay;
        }

        if (NotRegistered() is { } missing)
        {
            return missing;
        }

        var why = reason?.Trim() ?? "";
        if (why.Length == 0 || why.Length > Claim.MaxReason)
        {
            return CommandResult<WorkerView>.Fail(new WireError("death.reason_required",
                $"Alasan pembatalan kematian wajib diisi (paling panjang {Claim.MaxReason} karakter).", "Alasan"));
        }

        if (state.State.Exit is not { Reason: ExitReason.Died } died)
        {
            return CommandResult<WorkerView>.Fail(new WireError("death.none", "Peserta tidak tercatat meninggal."));
        }

        var deathClaims = state.State.Claims.Where(c => c.IsDeath).ToList();
        if (deathClaims.FirstOrDefault(c => c.State is ClaimState.SubmittedToBpjs or ClaimState.MoreInformationRequested
                or ClaimState.Approved or ClaimState.Paid) is { } sent)
        {
            return CommandResult<WorkerView>.Fail(new WireError("death.claim_with_bpjs",
                $"Klaim kematian {sent.Number} sudah diajukan ke BPJS ({ClaimStateMachine.Label(sent.State)}); selesaikan dengan BPJS lebih dahulu."));
        }

        var next = Clone(state.State);
        next.Exit = null;
        foreach (var open in deathClaims.Where(c => c.State is ClaimState.Draft or ClaimState.DocumentsIncomplete or ClaimState.ReadyToSubmit))
        {
            var closed = open.ToDomain().Move(ClaimState.Closed, new TransitionDetails(Reason: $"Kematian dibatalkan: {why}"), Actor(context));
            next.Claims[next.Claims.FindIndex(c => c.Id == open.Id)] = closed.Value.ToStored(open, open.CoverageAtIntake);
        }

        // Periods the death had wiped out count again: take their quota places back, or drop them when the place is gone.
        var warnings = new List<WireError>();
        var reserved = new List<string>();
        foreach (var span in state.State.Spans.Where(s => s.AgreementId is not null && s.Start > died.Date))
        {
            var result = await GrainFactory.GetGrain<IAgreementGrain>(span.AgreementId!).ReserveAsync(Id, span.Start, context);
            if (result.Succeeded)
            {
                reserved.Add(span.AgreementId!);
            }
            else
            {
                next.Spans.Remove(span);
                warnings.Add(new WireError("death.period_dropped",
                    $"Periode PKS {span.AgreementId} tidak dipulihkan: {string.Join("; ", result.Errors.Select(e => e.Message))}"));
            }
        }

        try
        {
            return await CommitAsync(next, context, "worker.death_reversed", warnings);
        }
        catch
        {
            foreach (var agreementId in reserved)
            {
                await GrainFactory.GetGrain<IAgreementGrain>(agreementId).ReleaseAsync(Id, context);
            }

            throw;
        }
    }

    /// <summary>Applies one domain change to one claim, persists it, and answers with the claim's page.</summary>
    private async Task<CommandResult<ClaimView>> ChangeClaimAsync(
        Guid claimId, CommandContext context, string action, Func<Claim, Result<Claim>> change,
        Func<Claim, StoredClaim, Task<StoredClaim>>? enrich = null)
    {
        if (await ReplayClaimAsync(context, claimId) is { } replay)
        {
            return replay;
        }

        if (state.State.Claims.FirstOrDefault(c => c.Id == claimId) is not { } stored)
        {
            return ClaimFail("claim.not_found", "Klaim tidak ditemukan.");
        }

        var changed = change(stored.ToDomain());
        if (!changed.IsSuccess)
        {
            return CommandResult<ClaimView>.Fail(changed.Error!);
        }

        var updated = changed.Value.ToStored(stored, stored.CoverageAtIntake);
        if (enrich is not null)
        {
            updated = await enrich(changed.Value, updated);
        }

        var next = Clone(state.State);
        next.Claims[next.Claims.FindIndex(c => c.Id == claimId)] = updated;
        await CommitStateAsync(next, context, [action]);
        return CommandResult<ClaimView>.Ok((await ClaimViewAsync(claimId, context.At))!);
    }

    private async Task<CommandResult<ClaimView>?> ReplayClaimAsync(CommandContext context, Guid claimId)
    {
        if (!state.State.Operations.Any(o => o.OperationId == context.OperationId))
        {
            return null;
        }

        await TryPublishAsync();
        return await ClaimViewAsync(claimId, context.At) is { } view
            ? CommandResult<ClaimView>.Ok(view)
            : ClaimFail("claim.not_found", "Klaim tidak ditemukan.");
    }

    private static CommandResult<ClaimView> ClaimFail(string code, string message, string? field = null) =>
        CommandResult<ClaimView>.Fail(new WireError(code, message, field));

    private static Actor Actor(CommandContext context) => new(context.UserId, context.UserName, context.At);

    private static string? FamilyField(string code) => code switch
    {
        "family.name_required" or "family.name_too_long" => "Nama",
        "family.relationship_required" => "Hubungan",
        "family.birth_date" or "family.child_birth_date" => "TanggalLahir",
        "family.level_unknown" => "Jenjang",
        _ when code.StartsWith("nik.", StringComparison.Ordinal) => "NIK",
        _ => null,
    };

    private static List<FamilyMemberView> FamilyViews(WorkerState s)
    {
        var members = s.Family.Select(m => m.ToDomain()).ToList();
        var entitled = HeirOrder.Entitled(members).Select(m => m.Id).ToHashSet();
        return [.. members.OrderBy(m => HeirOrder.Rank(m.Relationship)).ThenBy(m => m.BirthDate).Select(m => new FamilyMemberView(
            m.Id, m.Name, m.Nik?.Masked, m.Relationship, FamilyMember.Label(m.Relationship), m.BirthDate, m.Level, m.Married, m.Working,
            HeirOrder.Rank(m.Relationship), entitled.Contains(m.Id)))];
    }

    /// <summary>The income the benefit is a multiple of: the one the covering agreement declared, else the lowest bracket.</summary>
    private async Task<Money> DeclaredIncomeAsync(string? agreementId)
    {
        if (agreementId is null)
        {
            return Agreement.DefaultDeclaredIncome;
        }

        if (!declaredIncomes.TryGetValue(agreementId, out var income))
        {
            var agreement = await GrainFactory.GetGrain<IAgreementGrain>(agreementId).GetAsync();
            income = agreement is null ? Agreement.DefaultDeclaredIncome : new Money(agreement.Terms.DeclaredIncome);
            declaredIncomes[agreementId] = income;
        }

        return income;
    }

    private async Task<(Result<BenefitEstimate> Estimate, Money Income, MasaIur MasaIur, CoverageAnswer Coverage)> EstimateAsync(Claim claim, WorkerState s, DateOnly today)
    {
        var timeline = Timeline(s);
        var date = claim.Incident.Date;
        var coverage = Answer(timeline, date);
        var income = await DeclaredIncomeAsync(coverage.IsCovered ? coverage.AgreementId : null);
        var masaIur = timeline.MasaIurOn(claim.DeathDate ?? date);
        var reading = (await decisions.GetAsync()).Reading;
        var children = s.Family.Select(m => m.ToDomain().AsChild()).OfType<Child>().ToList();
        return (BenefitEstimator.Estimate(claim.Type, date, coverage.IsCovered, masaIur, reading, income, children, today), income, masaIur, coverage);
    }

    /// <summary>
    /// On approval of a death or disability claim, each child the rules make eligible gets a scholarship record; when
    /// the verdict needs BPJS's confirmation, only once BPJS's decision is recorded as granted.
    /// </summary>
    private IReadOnlyList<StoredScholarship> ScholarshipRecords(Result<BenefitEstimate> estimate, StoredClaim stored, bool grantedByBpjs = false)
    {
        if (!estimate.IsSuccess || !(estimate.Value.Verdict.Right == ScholarshipRight.Entitled
            || (grantedByBpjs && estimate.Value.Verdict.Right == ScholarshipRight.NeedsBpjsConfirmation)))
        {
            return stored.Scholarships;
        }

        var children = state.State.Family.Where(m => m.Relationship == Relationship.Child && m.BirthDate is not null).ToList();
        var records = stored.Scholarships.ToList();
        foreach (var eligible in estimate.Value.Scholarships.Where(x => x.Eligible || grantedByBpjs))
        {
            var child = children.First(c => c.Name == eligible.Child.Name && c.BirthDate == eligible.Child.BirthDate);
            if (records.All(r => r.ChildId != child.Id))
            {
                records.Add(new StoredScholarship(child.Id, child.Name, child.BirthDate!.Value, [], null, null));
            }
        }

        return records;
    }

    private async Task<ClaimView?> ClaimViewAsync(Guid claimId, DateTimeOffset now)
    {
        var s = state.State;
        if (s.Claims.FirstOrDefault(c => c.Id == claimId) is not { } stored)
        {
            return null;
        }

        var claim = stored.ToDomain();
        var calendar = await holidays.GetAsync();
        var (estimate, income, masaIur, coverage) = await EstimateAsync(claim, s, Wib.DateOf(now));
        var estimateView = estimate.IsSuccess
            ? new BenefitEstimateView(estimate.Value.Covered,
                [.. estimate.Value.Components.Select(c => new BenefitComponentView(c.Label, c.Amount.Rupiah, c.Working, c.Source, c.PerMonth))],
                [.. estimate.Value.Scholarships.Select(x => new ScholarshipEligibilityView(x.Child.Name, x.Child.BirthDate, x.Child.Level, x.Eligible, x.Reason, x.YearlyAmount.Rupiah))],
                estimate.Value.Notes, estimate.Value.Total.Rupiah, income.Rupiah, masaIur.SinceLapseMonths, null, masaIur.CumulativeMonths,
                estimate.Value.Verdict.Right, estimate.Value.Verdict.Explanation)
            : new BenefitEstimateView(false, [], [], [], 0, income.Rupiah, masaIur.SinceLapseMonths, estimate.Error!.Message, masaIur.CumulativeMonths);
        var incident = claim.Incident;
        var kecamatan = Domain.Regions.Kecamatan.Find(s.KecamatanCode);
        return new ClaimView(
            claim.Id, Id, claim.Number, claim.Type, Claim.TypeLabel(claim.Type), claim.State, ClaimStateMachine.Label(claim.State),
            new IncidentView(incident.At, incident.Place, incident.Description, incident.OnCommute, incident.TrafficAccident, incident.Reporter,
                IncidentReport.ReporterLabel(incident.Reporter), incident.ReporterName, incident.ReporterContact),
            coverage,
            [.. claim.Documents.Select(d => new DocumentView(d.Requirement.Kind, d.Requirement.Label, d.Requirement.Required, d.Requirement.Blocking,
                d.ReceivedOn, d.OriginalSighted, d.Note, [.. d.Attachments.Select(a => new AttachmentView(a.Id, a.FileName, a.Type, a.Size, a.At, a.By))],
                d.Requirement.Source))],
            claim.MissingBlocking,
            [.. claim.History.Select(t => new TransitionView(t.From, t.To, ClaimStateMachine.Label(t.From), ClaimStateMachine.Label(t.To), t.At,
                t.UserName, t.Why, Describe(t.Details)))],
            [.. claim.Clocks(calendar).Select(c => new ClockView(c.Deadline.Label, c.Deadline.Due, c.Deadline.Source, c.Status, c.MetAt,
                c.Status == ClockStatus.Pending && c.Deadline.IsOverdue(now),
                c.Status == ClockStatus.Pending && c.Deadline.FallsDueWithin(now, TimeSpan.FromDays(3)), c.Describe(now)))],
            estimateView, claim.BpjsReference, claim.ApprovedAmount?.Rupiah, claim.Payment?.Amount.Rupiah, claim.Payment?.On,
            claim.Payment?.Recipient, claim.Reason, ClaimStateMachine.Next(claim.State),
            [.. stored.Scholarships.Select(x => new ScholarshipView(x.ChildId, x.ChildName, x.BirthDate, x.Years, x.EndReason, x.EndedOn,
                x.ToDomain().TotalPaid.Rupiah))],
            claim.FirstReportedAt, claim.OpenedAt, claim.OpenedBy, claim.AssignedTo, s.Name, Domain.Identity.Nik.Mask(s.Nik),
            kecamatan.IsSuccess ? kecamatan.Value.Name : s.KecamatanCode, HeirOrder.Explain(s.Family.Select(m => m.ToDomain())),
            claim.DiedOn, stored.ScholarshipDecision);
    }

    private static string? Describe(TransitionDetails d)
    {
        var parts = new List<string>();
        if (d.BpjsReference is not null)
        {
            parts.Add($"referensi BPJS {d.BpjsReference}");
        }

        if (d.ApprovedAmount is { } approved)
        {
            parts.Add($"disetujui {approved}");
        }

        if (d.PaidAmount is { } paid)
        {
            parts.Add($"dibayar {paid} pada {(d.PaidOn is { } on ? IndonesianFormat.Date(on) : "-")} kepada {d.Recipient}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }

    private async Task<IReadOnlyList<ClaimRow>> ClaimRowsAsync(WorkerState s)
    {
        if (s.Claims.Count == 0)
        {
            return [];
        }

        var calendar = await holidays.GetAsync();
        return [.. s.Claims.Select(stored =>
        {
            var claim = stored.ToDomain();
            var next = claim.NextDeadline(calendar);
            return new ClaimRow(claim.Id, claim.Number, claim.Type.ToString(), claim.State.ToString(), claim.Incident.At, claim.OpenedAt,
                claim.OpenedBy, claim.AssignedTo, stored.CoverageAtIntake.IsCovered, claim.MissingBlocking, next?.Due, next?.Label,
                claim.ApprovedAmount?.Rupiah, claim.Payment?.Amount.Rupiah, claim.Payment?.On,
                claim.History.Count > 0 ? claim.History[^1].At : claim.OpenedAt);
        })];
    }
}
