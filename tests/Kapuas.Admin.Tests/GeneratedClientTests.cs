using Kapuas.ApiClient;
using Kapuas.ApiClient.Models;
using Kapuas.Testing;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Kapuas.Admin.Tests;

/// <summary>
/// The API through a client nobody here wrote: Kiota generates it from the document the running Admin serves
/// (scripts/api-client.sh), and its typed models read what the server sends. A field the document gets wrong (an enum
/// value it does not list, a number sent as a string) fails here as it would for the BPJS liaison's own client.
/// </summary>
[Collection(AdminCollection.Name)]
public sealed class GeneratedClientTests(AdminFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));

    private async Task<KapuasApiClient> ClientAsync(string userName) =>
        new(new HttpClientRequestAdapter(new AnonymousAuthenticationProvider(), httpClient: await fixture.ApiAsync(userName)) { BaseUrl = "http://localhost" });

    [Fact]
    public async Task The_committed_client_is_what_kiota_generates_from_the_served_document()
    {
        var work = Path.Combine(TestPaths.DataDirectory(), "openapi", Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(work);
        var document = Path.Combine(work, "v1.json");
        await File.WriteAllTextAsync(document, await fixture.Anonymous().GetStringAsync("/openapi/v1.json"));
        var generated = Path.Combine(work, "client");
        var root = SiloProcess.RepositoryRoot();

        var kiota = await TestProcess.RunAsync("bash", [Path.Combine(root, "scripts", "api-client.sh"), document, generated]);
        Assert.True(kiota.ExitCode == 0, $"scripts/api-client.sh failed: {kiota.All}");

        var committed = Path.Combine(root, "tests", "Kapuas.ApiClient", "Generated");
        var fresh = Files(generated);
        var stale = Files(committed);
        var differing = fresh.Keys.Union(stale.Keys)
            .Where(f => !fresh.TryGetValue(f, out var a) || !stale.TryGetValue(f, out var b) || a != b)
            .Order(StringComparer.Ordinal).ToList();
        Assert.True(differing.Count == 0,
            $"The API changed since its client was generated ({string.Join(", ", differing.Take(10))}): run scripts/api-client.sh {document}");
    }

    [Fact]
    public async Task The_generated_client_reads_history_with_a_gap_and_an_exit_coverage_errors_and_claims()
    {
        var admin = await ClientAsync(Identity.FirstAdministrator.UserName);
        var caseworker = await ClientAsync("sari");
        var liaison = await ClientAsync("budi");
        var code = $"GEN{Guid.NewGuid():N}"[..14];
        await TestRoster.SignedAgreementAsync(fixture.Silo.Grains, code, TestData.AgreementFor(Today.Year));

        // A NIK that is not one: the documented error, typed.
        var refused = await Assert.ThrowsAsync<ApiProblem>(() => admin.Api.Workers.PostAsync(Profile("Klien Salah", "62030152")));
        Assert.Equal(400, refused.ResponseStatusCode);
        Assert.StartsWith("nik.", refused.Errors![0].Code, StringComparison.Ordinal);

        var registered = (await admin.Api.Workers.PostAsync(Profile("Klien Kiota", TestData.Nik(Domain.Workers.Sex.Female, new DateOnly(1990, 5, 6)))))!;
        var id = registered.Id!.Value;
        var worker = admin.Api.Workers[id];
        await worker.Periods.PostAsync(new PeriodRequest { Start = new Date(2020, 1, 1), End = new Date(2020, 12, 31), Funding = FundingKind.SelfPaid, Note = "mandiri" });
        await worker.Enrolments.PostAsync(new EnrolRequest { AgreementId = code });

        var found = (await liaison.Api.Workers.Search.PostAsync(new SearchRequest { Query = "Klien Kiota", PageSize = 10 }))!;
        Assert.Contains(found.Rows!, r => r.WorkerId == id);
        var cost = (await liaison.Api.Agreements[code].Cost.GetAsync())!;
        Assert.Equal(code, cost.AgreementId);
        Assert.True(cost.CostPerWorker > 0);

        var gapDay = await liaison.Api.Workers[id].Coverage.GetAsync(c => c.QueryParameters.Date = "2022-03-15");
        Assert.False(gapDay!.IsCovered);
        Assert.Equal("gap", gapDay.Reason);
        var badDate = await Assert.ThrowsAsync<ApiProblem>(() => liaison.Api.Workers[id].Coverage.GetAsync(c => c.QueryParameters.Date = "15-03-2022"));
        Assert.Equal("date.invalid", badDate.Errors![0].Code);

        // A claim opened and moved through the client; a move the rules refuse comes back as the documented error.
        var claim = (await caseworker.Api.Workers[id].Claims.PostAsync(new ClaimIntakeInput
        {
            Type = ClaimType.JkkAccident, IncidentAt = DateTimeOffset.UtcNow.AddMinutes(-5), Place = "Ladang", Description = "Tertimpa pohon",
            Reporter = ReporterKind.Family, ReporterName = "Bu Sri", ReporterContact = "0812",
        }))!;
        var claimId = claim.Id!.Value;
        var early = await Assert.ThrowsAsync<ApiProblem>(() => caseworker.Api.Workers[id].Claims[claimId].Transitions.PostAsync(new TransitionInput { To = ClaimState.Paid }));
        Assert.Equal("claim.illegal_transition", early.Errors![0].Code);
        var closed = await caseworker.Api.Workers[id].Claims[claimId].Transitions.PostAsync(new TransitionInput { To = ClaimState.Closed, Reason = "Keluarga mengurus sendiri" });
        Assert.Equal(ClaimState.Closed, closed!.State);

        await worker.Exit.PostAsync(new ExitRequest { Reason = ExitReason.MovedAway, Date = new Date(Today.Year, Today.Month, Today.Day), Note = "pindah" });

        // The history of a worker with a gap and an exit, as the client's models read it.
        var history = (await liaison.Api.Workers[id].GetAsync())!;
        Assert.Equal(2, history.Worker!.Periods!.Count);
        Assert.Equal([FundingKind.SelfPaid, FundingKind.ApbdKabupaten], history.Worker.Periods.Select(p => p.Funding!.Value).ToList());
        var gap = Assert.Single(history.Worker.Gaps!);
        Assert.Equal(new Date(2021, 1, 1), gap.Start);
        Assert.Equal(ExitReason.MovedAway, history.Worker.Exit!.Reason);
        Assert.Contains(history.Worker.Claims!, c => c.Id == claimId && c.State == ClaimState.Closed);
        Assert.NotEmpty(history.AuditTrail!);
        var read = await liaison.Api.Workers[id].Claims[claimId].GetAsync();
        Assert.Equal(ClaimState.Closed, read!.State);

        var unknown = await Assert.ThrowsAsync<ApiProblem>(() => liaison.Api.Workers[Guid.NewGuid()].GetAsync());
        Assert.Equal(404, unknown.ResponseStatusCode);
        var forbidden = await Assert.ThrowsAsync<ApiProblem>(() => liaison.Api.Workers.PostAsync(Profile("Bukan Haknya", "6203011204880001")));
        Assert.Equal(403, forbidden.ResponseStatusCode);
        Assert.Equal("auth.forbidden", forbidden.Errors![0].Code);

        // Every answer above was also held against the document's schemas (the fixture's clients check each one).
        Assert.Contains("GET /api/workers/{id} → 200", fixture.Contract.Checked);
        Assert.Contains("POST /api/workers → 403", fixture.Contract.Checked);
    }

    private static WorkerProfileInput Profile(string name, string nik) => new()
    {
        Nik = nik, Name = name, Sex = Sex.Female, BirthDate = new Date(1990, 5, 6), Kecamatan = "Selat", Desa = "Selat Hulu", Occupation = "petani",
        Phone = "081234567890",
    };

    private static Dictionary<string, string> Files(string folder) =>
        Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f).Replace('\\', '/'), f => File.ReadAllText(f).ReplaceLineEndings("\n"), StringComparer.Ordinal);
}
