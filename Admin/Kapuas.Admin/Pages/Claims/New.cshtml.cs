using Kapuas.Admin.Identity;
using Kapuas.Domain.Claims;
using Kapuas.Grains.Workers;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Claims;

/// <summary>Intake of a new claim from the worker's page; the answer says at once whether the worker was covered.</summary>
[Authorize(Policy = Policies.CaseHandling)]
public sealed class NewModel(IClusterClient cluster, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    public WorkerView Worker { get; private set; } = null!;

    [BindProperty]
    public IntakeForm Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid worker)
    {
        if (worker == Guid.Empty)
        {
            return RedirectToPage("/Workers/Index"); // a claim is opened from the participant it is for
        }

        if (!await LoadAsync(worker))
        {
            return NotFound();
        }

        Input.OperationId = Guid.NewGuid();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid worker)
    {
        if (!await LoadAsync(worker))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var intake = new ClaimIntakeInput(Input.Type, Commands.FromWib(Input.IncidentAt), Input.Place, Input.Description, Input.OnCommute,
            Input.TrafficAccident, Input.Reporter, Input.ReporterName, Input.ReporterContact, null,
            Input.Type == ClaimType.JkkDeath ? Input.DiedOn : null);
        var result = await cluster.GetGrain<IWorkerGrain>(worker).OpenClaimAsync(intake, this.Context(clock, Input.OperationId));
        if (!result.Succeeded)
        {
            ModelState.AddErrors(result.Errors, "Input.", Fields);
            return Page();
        }

        var claim = result.Value!;
        TempData["Message"] = text["ClaimNewRecorded", claim.Number] + " " + claim.CoverageOnIncident.Explanation;
        if (result.Warnings.Count > 0)
        {
            TempData["Warning"] = string.Join(" ", result.Warnings.Select(w => w.Message));
        }

        return RedirectToPage("/Claims/Detail", new { worker, claim = claim.Id });
    }

    /// <summary>The grain names fields in Bahasa Indonesia; the form's inputs carry these names.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Jenis"] = nameof(IntakeForm.Type),
        ["Waktu"] = nameof(IntakeForm.IncidentAt),
        ["Tempat"] = nameof(IntakeForm.Place),
        ["Kronologi"] = nameof(IntakeForm.Description),
        ["Pelapor"] = nameof(IntakeForm.Reporter),
        ["NamaPelapor"] = nameof(IntakeForm.ReporterName),
        ["KontakPelapor"] = nameof(IntakeForm.ReporterContact),
        ["TanggalMeninggal"] = nameof(IntakeForm.DiedOn),
    };

    private async Task<bool> LoadAsync(Guid id)
    {
        var worker = await cluster.GetGrain<IWorkerGrain>(id).GetAsync(Formatting.WibDate(clock.GetUtcNow()));
        Worker = worker!;
        return worker is not null;
    }

    public sealed class IntakeForm
    {
        public Guid? OperationId { get; set; }

        public ClaimType? Type { get; set; }

        /// <summary>Date and time of the incident, typed in WIB.</summary>
        public DateTime? IncidentAt { get; set; }

        public string? Place { get; set; }

        public string? Description { get; set; }

        public bool OnCommute { get; set; }

        public bool TrafficAccident { get; set; }

        public ReporterKind? Reporter { get; set; }

        public string? ReporterName { get; set; }

        public string? ReporterContact { get; set; }

        /// <summary>For a JKK death: the day the worker died, which may be days or months after the accident.</summary>
        public DateOnly? DiedOn { get; set; }
    }
}
