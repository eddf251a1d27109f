using System.Text.Json;
using System.Text.Json.Serialization;
using Hangfire;
using Kapuas.Admin.Identity;
using Kapuas.Admin.Renewal;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Identity;
using Kapuas.Domain.Regions;
using Kapuas.Domain.Renewal;
using Kapuas.Grains.Agreements;
using Kapuas.Grains.Common;
using Kapuas.Grains.Renewal;
using Kapuas.Grains.Workers;
using Kapuas.Infrastructure.Agreements;
using Kapuas.Infrastructure.Renewal;
using Kapuas.Infrastructure.Roster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Kapuas.Admin.Api;

/// <summary>
/// The JSON API under <c>/api</c>: authenticated by per-user API keys (<c>X-Api-Key</c>), with the same three role
/// rules as the site, described at <c>/openapi/v1.json</c>. A NIK is only ever sent in a body, never in a path.
/// </summary>
public static class KapuasApi
{
    public const int MaxBodyBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        NumberHandling = JsonNumberHandling.Strict,
    };

    public static IEndpointRouteBuilder MapKapuasApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Kapuas").DisableAntiforgery();
        var read = api.MapGroup("").RequireAuthorization(Policies.ApiReader);
        var cases = api.MapGroup("").RequireAuthorization(Policies.ApiCaseHandling);
        var admin = api.MapGroup("").RequireAuthorization(Policies.ApiAdministrator);

        read.MapPost("/nik/check", CheckNik).WithName("checkNik").Body<NikCheckRequest>().Produces<NikCheckResponse>();
        read.MapPost("/workers/search", Search).WithName("searchWorkers").Body<SearchRequest>().Produces<SearchResponse>();
        read.MapGet("/workers/{id:guid}", History).WithName("getWorkerHistory").Produces<HistoryResponse>().NotFound();
        read.MapGet("/workers/{id:guid}/coverage", Coverage).WithName("getCoverageOnDate").Produces<CoverageAnswer>().NotFound().Invalid();
        read.MapGet("/workers/{id:guid}/family", Family).WithName("getFamily").Produces<IReadOnlyList<FamilyMemberView>>().NotFound();
        read.MapGet("/workers/{id:guid}/claims/{claimId:guid}", Claim).WithName("getClaim").Produces<ClaimView>().NotFound();
        read.MapGet("/agreements", ListAgreements).WithName("listAgreements").Produces<List<AgreementSummary>>().Invalid();
        read.MapGet("/agreements/{code}/cost", Cost).WithName("getAgreementCost").Produces<CostBreakdown>().NotFound();

        admin.MapPost("/workers", Register).WithName("registerWorker").Body<WorkerProfileInput>().Produces<Registered>(201);
        admin.MapPost("/workers/{id:guid}/periods", AddPeriod).WithName("addHistoricalPeriod").Body<PeriodRequest>().Produces<WorkerView>().NotFound();
        admin.MapPost("/workers/{id:guid}/enrolments", Enrol).WithName("enrolWorker").Body<EnrolRequest>().Produces<WorkerView>().NotFound();
        admin.MapPost("/workers/{id:guid}/exit", RecordExit).WithName("recordExit").Body<ExitRequest>().Produces<WorkerView>().NotFound();
        admin.MapPost("/renewals/preview", PreviewRenewal).WithName("previewRenewal").Body<RenewalPreviewRequest>().Produces<RenewalSummary>(201);
        read.MapGet("/renewals/{id:guid}", GetRenewal).WithName("getRenewal").Produces<RenewalSummary>().NotFound();
        admin.MapPost("/renewals/{id:guid}/start", StartRenewal).WithName("startRenewal").Produces<RenewalStarted>(202).NotFound().Invalid();

        cases.MapPost("/workers/{id:guid}/family", SaveFamily).WithName("saveFamilyMember").Body<FamilyMemberInput>().Produces<WorkerView>().NotFound();
        cases.MapPost("/workers/{id:guid}/claims", OpenClaim).WithName("openClaim").Body<ClaimIntakeInput>().Produces<ClaimView>(201).NotFound();
        cases.MapPost("/workers/{id:guid}/claims/{claimId:guid}/transitions", MoveClaim).WithName("moveClaim").Body<TransitionInput>().Produces<ClaimView>().NotFound();
        cases.MapPost("/workers/{id:guid}/claims/{claimId:guid}/documents", RecordDocument).WithName("recordClaimDocument").Body<DocumentRequest>().Produces<ClaimView>().NotFound();

        // What every operation may answer besides its result: no or a bad key, a role without the right, a failure below.
        foreach (var group in new[] { read, cases, admin })
        {
            group.WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiProblem), ["application/json"]))
                .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiProblem), ["application/json"]))
                .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(ApiProblem), ["application/json"]))
                .WithMetadata(new ProducesResponseTypeMetadata(StatusCodes.Status503ServiceUnavailable, typeof(ApiProblem), ["application/json"]));
        }

        return app;
    }

    private static async Task<IResult> CheckNik(HttpRequest request, TimeProvider clock) =>
        await WithBodyAsync<NikCheckRequest>(request, body =>
        {
            var check = Nik.Check(body.Nik, null, null, Formatting.WibDate(clock.GetUtcNow()));
            var warnings = check.Warnings.Select(w => new ApiError(w.Code, w.Message, "nik")).ToList();
            if (check.Nik is not { } nik)
            {
                return Task.FromResult(Results.Ok(new NikCheckResponse(false, [new ApiError(check.Error!.Code, check.Error.Message, "nik")], warnings,
                    null, null, null, null, null, null)));
            }

            var kecamatan = Kecamatan.Find(nik.KecamatanCode);
            return Task.FromResult(Results.Ok(new NikCheckResponse(true, [], warnings, nik.Masked, nik.Sex, nik.BirthDate(Formatting.WibDate(clock.GetUtcNow())),
                nik.IsKapuas, kecamatan.IsSuccess ? kecamatan.Value.Code : null, kecamatan.IsSuccess ? kecamatan.Value.Name : null)));
        });

    private static async Task<IResult> Search(HttpRequest request, ParticipantSearch search, TimeProvider clock) =>
        await WithBodyAsync<SearchRequest>(request, async body =>
        {
            if ((body.Query?.Length ?? 0) > ParticipantFilter.MaxQuery || (body.Desa?.Length ?? 0) > 100 || body.PageSize is < 1 or > 200 || body.Page < 1)
            {
                return Problem(new ApiError("search.invalid", $"Kata pencarian paling panjang {ParticipantFilter.MaxQuery} karakter, desa 100, halaman mulai 1, ukuran halaman 1–200."));
            }

            Domain.Common.Result<Kecamatan>? kecamatan = string.IsNullOrWhiteSpace(body.Kecamatan) ? (Domain.Common.Result<Kecamatan>?)null : Kecamatan.Find(body.Kecamatan);
            if (kecamatan is { IsSuccess: false })
            {
                return Problem(new ApiError("kecamatan.unknown", "Kecamatan tidak dikenal.", "kecamatan"));
            }

            var page = await search.SearchAsync(new ParticipantFilter(body.Query, kecamatan?.Value.Code,
                body.Desa, body.Occupation, body.Status, body.Page, body.PageSize), Formatting.WibDate(clock.GetUtcNow()));
            return Results.Ok(new SearchResponse(page.Rows, page.Total, page.Page, page.PageSize));
        });

    private static async Task<IResult> History(Guid id, HttpContext http, IClusterClient cluster, AccessLog access, TimeProvider clock)
    {
        var worker = await cluster.GetGrain<IWorkerGrain>(id).GetAsync(Formatting.WibDate(clock.GetUtcNow()));
        if (worker is null)
        {
            return NotFound("Peserta tidak ditemukan.");
        }

        await access.RecordAsync(http.User.Identity?.Name ?? "unknown", Roles.All.Where(http.User.IsInRole), id, "api");
        return Results.Ok(new HistoryResponse(worker, await access.AuditTrailAsync(id)));
    }

    private static async Task<IResult> Coverage(Guid id, string? date, IClusterClient cluster, TimeProvider clock)
    {
        var on = Formatting.WibDate(clock.GetUtcNow());
        if (date is not null && !DateOnly.TryParseExact(date, "yyyy-MM-dd", out on))
        {
            return Problem(new ApiError("date.invalid", "Tanggal harus berbentuk yyyy-MM-dd, misalnya 2026-03-15.", "date"));
        }

        var grain = cluster.GetGrain<IWorkerGrain>(id);
        return await grain.GetAsync(on) is null ? NotFound("Peserta tidak ditemukan.") : Results.Ok(await grain.GetCoverageOnAsync(on));
    }

    private static async Task<IResult> Family(Guid id, IClusterClient cluster, TimeProvider clock) =>
        await cluster.GetGrain<IWorkerGrain>(id).GetAsync(Formatting.WibDate(clock.GetUtcNow())) is { } worker
            ? Results.Ok(worker.Family)
            : NotFound("Peserta tidak ditemukan.");

    private static async Task<IResult> Claim(Guid id, Guid claimId, IClusterClient cluster, TimeProvider clock) =>
        await cluster.GetGrain<IWorkerGrain>(id).GetClaimAsync(claimId, clock.GetUtcNow()) is { } claim
            ? Results.Ok(claim)
            : NotFound("Klaim tidak ditemukan untuk peserta ini.");

    /// <summary>The agreements, newest first; <paramref name="payer"/> keeps one payer kind (each payer has its own bill).</summary>
    private static async Task<IResult> ListAgreements(string? payer, AgreementDirectory directory)
    {
        Domain.Coverage.FundingKind? kind = null;
        if (!string.IsNullOrEmpty(payer))
        {
            if (!Enum.TryParse<Domain.Coverage.FundingKind>(payer, ignoreCase: false, out var parsed) || !Domain.Agreements.Agreement.AgreementPayers.Contains(parsed))
            {
                var refusal = new Domain.Common.DomainError("agreement.payer");
                return Problem(new ApiError(refusal.Code, refusal.Message, "payer"));
            }

            kind = parsed;
        }

        return Results.Ok((await directory.ListAsync(kind)).Select(a => new AgreementSummary(a.Code, a.Number, a.Payer, a.PayerLabel, a.PayerKecamatan,
            a.PayerDesa, a.PayerName, a.BudgetYear, DateOnly.FromDateTime(a.Start), DateOnly.FromDateTime(a.End), a.Quota, a.Enrolled,
            a.BudgetCeiling, a.Status)).ToList());
    }

    private static async Task<IResult> Cost(string code, IClusterClient cluster)
    {
        if (code.Length > 64 || await cluster.GetGrain<IAgreementGrain>(code).GetAsync() is not { } view)
        {
            return NotFound($"PKS {code} tidak ditemukan.");
        }

        var agreement = view.Terms.ToAgreement(code);
        var monthly = agreement.MonthlyCost(Domain.Common.YearMonth.Of(agreement.Period.Start));
        return Results.Ok(new CostBreakdown(code, view.Terms.Number, view.Terms.Start, view.Terms.End, view.Terms.Quota, view.Enrolled,
            view.Terms.DeclaredIncome, view.Terms.PartialMonthRule.ToString(), monthly.Jkk.Rupiah, monthly.Jkm.Rupiah,
            [.. agreement.Charges(agreement.Period).Select(c => new CostMonth(c.Month.ToString(), c.DaysCovered, c.Amount.Rupiah))],
            view.CostPerWorker, view.CostOfEnrolled, view.CostAtFullQuota, view.Terms.BudgetCeiling));
    }

    private static async Task<IResult> Register(HttpContext http, IClusterClient cluster, TimeProvider clock) =>
        await WithBodyAsync<WorkerProfileInput>(http.Request, async body =>
        {
            var id = Guid.CreateVersion7();
            var result = await cluster.GetGrain<IWorkerGrain>(id).RegisterAsync(body, Context(http, clock));
            return result.Succeeded
                ? Results.Created($"/api/workers/{id}", new Registered(id, result.Value!, Errors(result.Warnings)))
                : Problem(result);
        });

    private static async Task<IResult> AddPeriod(Guid id, HttpContext http, IClusterClient cluster, TimeProvider clock) =>
        await WithBodyAsync<PeriodRequest>(http.Request, async body =>
            body.Start is not { } start || body.End is not { } end || body.Funding is not { } funding || !Enum.IsDefined(funding)
                ? Problem(new ApiError("period.required", "Tanggal mulai, tanggal akhir dan sumber dana wajib diisi.", "start"))
                : Answer(await cluster.GetGrain<IWorkerGrain>(id).AddHistoricalPeriodAsync(new HistoricalPeriodInput(start, end, funding, body.Note), Context(http, clock))));

    private static async Task<IResult> Enrol(Guid id, HttpContext http, IClusterClient cluster, TimeProvider clock) =>
        await WithBodyAsync<EnrolRequest>(http.Request, async body =>
            string.IsNullOrWhiteSpace(body.AgreementId) || body.AgreementId.Length > 64
                ? Problem(new ApiError("agreement.required", "Kode PKS wajib diisi.", "agreementId"))
                : Answer(await cluster.GetGrain<IWorkerGrain>(id).EnrollAsync(body.AgreementId.Trim(), body.From, Context(http, clock))));

    private static async Task<IResult> RecordExit(Guid id, HttpContext http, IClusterClient cluster, TimeProvider clock) =>
        await WithBodyAsync<ExitRequest>(http.Request, async body =>
            body.Reason is not { } reason || !Enum.IsDefined(reason) || body.Date is not { } date
                ? Problem(new ApiError("exit.required", "Alasan dan tanggal keluar wajib diisi.", "reason"))
                : Answer(await cluster.GetGrain<IWorkerGrain>(id).RecordExitAsync(new ExitInput(reason, date, body.Note), Context(http, clock))));

    private static async Task<IResult> SaveFamily(Guid id, HttpContext http, IClusterClient cluster, TimeProvider clock) =>
        await WithBodyAsync<FamilyMemberInput>(http.Request, async body =>
            Answer(await cluster.GetGrain<IWorkerGrain>(id).SaveFamilyMemberAsync(body, Context(http, clock))));

    private static async Task<IResult> OpenClaim(Guid id, HttpContext http, IClusterClient cluster, TimeProvider clock) =>
        await WithBodyAsync<ClaimIntakeInput>(http.Request, async body =>
        {
            var result = await cluster.GetGrain<IWorkerGrain>(id).OpenClaimAsync(body with { ClaimId = null }, Context(http, clock));
            return result.Succeeded ? Results.Created($"/api/workers/{id}/claims/{result.Value!.Id}", result.Value) : Problem(result);
        });

    private static async Task<IResult> MoveClaim(Guid id, Guid claimId, HttpContext http, IClusterClient cluster, TimeProvider clock) =>
        await WithBodyAsync<TransitionInput>(http.Request, async body =>
            Answer(await cluster.GetGrain<IWorkerGrain>(id).MoveClaimAsync(claimId, body, Context(http, clock))));

    private static async Task<IResult> RecordDocument(Guid id, Guid claimId, HttpContext http, IClusterClient cluster, TimeProvider clock) =>
        await WithBodyAsync<DocumentRequest>(http.Request, async body =>
            body.Kind is not { } kind || !Enum.IsDefined(kind)
                ? Problem(new ApiError("document.kind_required", "Jenis dokumen wajib diisi.", "kind"))
                : Answer(await cluster.GetGrain<IWorkerGrain>(id).RecordClaimDocumentAsync(claimId,
                    new DocumentInput(kind, body.ReceivedOn, body.OriginalSighted, body.Note), Context(http, clock))));

    private static async Task<IResult> PreviewRenewal(HttpContext http, RenewalService renewals, RenewalStore store) =>
        await WithBodyAsync<RenewalPreviewRequest>(http.Request, async body =>
        {
            var (id, refusal) = await renewals.PreviewAsync(body.From, body.To, body.Priority, http.User.Identity?.Name ?? "unknown");
            return id is { } created
                ? Results.Created($"/api/renewals/{created}", await store.GetAsync(created))
                : Problem(new ApiError(refusal!.Code, refusal.Message, refusal.Field));
        });

    /// <summary>A renewal's plan and state; a failed one says why (<c>failure</c>).</summary>
    private static async Task<IResult> GetRenewal(Guid id, RenewalStore store) =>
        await store.GetAsync(id) is { } renewal ? Results.Ok(renewal) : NotFound(RenewalService.NotFound.Message);

    /// <summary>
    /// Approves and starts a previewed renewal now (<c>?bridge=true</c> also pays the gap as arrears where the plan
    /// offers it), or resumes a failed one from where it stopped.
    /// </summary>
    private static async Task<IResult> StartRenewal(Guid id, HttpContext http, RenewalService renewals, bool bridge = false)
    {
        var (run, refusal) = await renewals.RunNowAsync(id, http.User.Identity?.Name ?? "unknown", bridge);
        return run is not null ? Results.Accepted($"/api/renewals/{id}", new RenewalStarted(id, run.Status, run.JobId))
            : refusal == RenewalService.NotFound ? NotFound(refusal.Message)
            : Problem(new ApiError(refusal!.Code, refusal.Message, refusal.Field));
    }

    /// <summary>A JSON body, and the answers reading it can give: 400 (missing, malformed or refused) and 413 (too large).</summary>
    private static RouteHandlerBuilder Body<T>(this RouteHandlerBuilder endpoint)
        where T : notnull =>
        endpoint.Accepts<T>("application/json").Invalid().Produces<ApiProblem>(StatusCodes.Status413PayloadTooLarge);

    private static RouteHandlerBuilder Invalid(this RouteHandlerBuilder endpoint) => endpoint.Produces<ApiProblem>(StatusCodes.Status400BadRequest);

    private static RouteHandlerBuilder NotFound(this RouteHandlerBuilder endpoint) => endpoint.Produces<ApiProblem>(StatusCodes.Status404NotFound);

    /// <summary>Reads the JSON body (at most 64 KB); a missing, oversized or malformed body is a 400 in Bahasa Indonesia.</summary>
    private static async Task<IResult> WithBodyAsync<T>(HttpRequest request, Func<T, Task<IResult>> handle)
        where T : class
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return Problem(new ApiError("body.too_large", $"Isi permintaan paling besar {MaxBodyBytes / 1024} KB."), StatusCodes.Status413PayloadTooLarge);
        }

        T? body;
        try
        {
            using var limited = new MemoryStream();
            await request.Body.CopyToAsync(limited);
            if (limited.Length > MaxBodyBytes)
            {
                return Problem(new ApiError("body.too_large", $"Isi permintaan paling besar {MaxBodyBytes / 1024} KB."), StatusCodes.Status413PayloadTooLarge);
            }

            limited.Position = 0;
            body = limited.Length == 0 ? null : await JsonSerializer.DeserializeAsync<T>(limited, Json);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" (di {path})" : "";
            return Problem(new ApiError("body.invalid_json", $"Isi permintaan bukan JSON yang sesuai{where}: periksa nama dan jenis isian."));
        }

        return body is null ? Problem(new ApiError("body.required", "Isi permintaan (JSON) wajib ada.")) : await handle(body);
    }

    private static CommandContext Context(HttpContext http, TimeProvider clock)
    {
        var name = http.User.Identity?.Name ?? "unknown";
        var operation = http.Request.Headers.TryGetValue("Idempotency-Key", out var key) && Guid.TryParse(key, out var id) ? id : Guid.NewGuid();
        return new CommandContext(operation, name, name, clock.GetUtcNow());
    }

    private static IResult Answer<T>(CommandResult<T> result) => result.Succeeded ? Results.Ok(result.Value) : Problem(result);

    private static IResult Problem<T>(CommandResult<T> result) =>
        Results.Json(new ApiProblem(Errors(result.Errors), Errors(result.Warnings)), Json,
            statusCode: result.Errors.All(e => e.Code.EndsWith("not_found", StringComparison.Ordinal)) ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest);

    private static IResult Problem(ApiError error, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new ApiProblem([error], []), Json, statusCode: status);

    private static IResult NotFound(string message) =>
        Results.Json(new ApiProblem([new ApiError("not_found", message)], []), Json, statusCode: StatusCodes.Status404NotFound);

    private static List<ApiError> Errors(IEnumerable<WireError> errors) => [.. errors.Select(e => new ApiError(e.Code, e.Message, e.Field))];
}
