using Kapuas.Admin.Budget;
using Kapuas.Admin.Identity;
using Kapuas.Admin.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Pages.Budget;

/// <summary>
/// Next year's budget plan for one payer (issue 18, part 3): the inputs from the roster as of today, up to four scenarios
/// side by side, and the plan downloaded as XLSX or PDF. Everything comes from the address (GET), so a plan can be opened
/// again, and its downloads hold exactly what the page shows.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class IndexModel(BudgetPlanService planner, TimeProvider clock, IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The payer's key (<see cref="Kapuas.Infrastructure.Planning.BudgetPayer.Key"/>); the regency when none is given.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Payer { get; set; }

    /// <summary>The budget year as typed; next year (or the first after the current agreement) when none is given.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Year { get; set; }

    /// <summary>The scenarios as typed; none sent gives the two default ones.</summary>
    [BindProperty(SupportsGet = true)]
    public List<ScenarioInput> Scenarios { get; set; } = [];

    public BudgetPlanAnswer Answer { get; private set; } = null!;

    /// <summary>The inputs, figures and lines of the plan, once there are inputs to show.</summary>
    public BudgetPlanReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        await PlanAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetXlsxAsync()
    {
        if (await PlanAsync() is not { } plan)
        {
            return Page();
        }

        using (Formatting.InIndonesian()) // the budget request is an Indonesian document, whatever language the page is read in
        {
            var report = new BudgetPlanReport(Answer.Facts!, plan.Inputs, text);
            return File(report.Xlsx(plan), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.FileName("xlsx"));
        }
    }

    public async Task<IActionResult> OnGetPdfAsync()
    {
        if (await PlanAsync() is not { } plan)
        {
            return Page();
        }

        using (Formatting.InIndonesian())
        {
            var report = new BudgetPlanReport(Answer.Facts!, plan.Inputs, text);
            return File(report.Pdf(plan, User.Identity?.Name ?? "unknown", clock.GetUtcNow()), "application/pdf", report.FileName("pdf"));
        }
    }

    /// <summary>The address of a download of the plan shown: the same payer, year and scenarios, another handler.</summary>
    public string? DownloadUrl(string handler)
    {
        var values = new Dictionary<string, object?> { ["Payer"] = Answer.Payer?.Key, ["Year"] = Answer.Year };
        for (var i = 0; i < Answer.Rows.Count; i++)
        {
            var row = Answer.Rows[i];
            if (!row.IsEmpty)
            {
                values[$"Scenarios[{i}].Name"] = row.Name;
                values[$"Scenarios[{i}].Quota"] = row.Quota;
                values[$"Scenarios[{i}].Start"] = row.Start;
                values[$"Scenarios[{i}].Months"] = row.Months;
                values[$"Scenarios[{i}].Bridged"] = row.IsBridged ? "true" : "false";
                values[$"Scenarios[{i}].Ceiling"] = row.Ceiling;
            }
        }

        return Url.Page("/Budget/Index", handler, values);
    }

    /// <summary>Plans what the address asks for; the plan, or null with the refusals in the model state (answered 400).</summary>
    private async Task<Kapuas.Domain.Planning.BudgetPlan?> PlanAsync()
    {
        Answer = await planner.PlanAsync(Payer, Year, Scenarios, Formatting.WibDate(clock.GetUtcNow()));
        foreach (var problem in Answer.Problems)
        {
            ModelState.AddModelError(problem.Field, problem.Message);
        }

        if (Answer.Refused)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest; // the page, with what was wrong in the address
        }

        if (Answer.Inputs is { } inputs && Answer.Facts is { } facts)
        {
            Report = new BudgetPlanReport(facts, inputs, text);
        }

        Scenarios = [.. Answer.Rows]; // the form shows the scenarios planned: as typed, or the defaults

        return Answer.Plan;
    }
}
