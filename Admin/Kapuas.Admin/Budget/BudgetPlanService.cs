using System.Globalization;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Planning;
using Kapuas.Grains.Agreements;
using Kapuas.Infrastructure.Planning;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Budget;

/// <summary>
/// One scenario as the form sends it. Every field is kept as typed and read here, so that a number written wrongly gets
/// a message in the reader's language next to its field (and the form shows it again as it was).
/// </summary>
public sealed class ScenarioInput
{
    public string? Name { get; set; }

    /// <summary>Workers funded at most.</summary>
    public string? Quota { get; set; }

    /// <summary>The first month, as an HTML month field sends it: <c>2027-03</c>.</summary>
    public string? Start { get; set; }

    public string? Months { get; set; }

    /// <summary>"true" when the gap before the start is paid as arrears.</summary>
    public string? Bridged { get; set; }

    /// <summary>The budget ceiling in rupiah; dots, commas and spaces between the digits are allowed (1.008.000.000).</summary>
    public string? Ceiling { get; set; }

    public bool IsBridged => string.Equals(Bridged?.Trim(), "true", StringComparison.OrdinalIgnoreCase);

    public bool IsEmpty => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Quota) && string.IsNullOrWhiteSpace(Start)
        && string.IsNullOrWhiteSpace(Months) && string.IsNullOrWhiteSpace(Ceiling);
}

/// <summary>Why a plan cannot be made yet, before any input is at fault.</summary>
public enum BudgetPlanMissing
{
    Nothing,

    /// <summary>No agreement has been recorded: no payer to plan for.</summary>
    AnyAgreement,

    /// <summary>The payer's agreements are all drafts: no end, income or quota to start from.</summary>
    SignedAgreement,
}

/// <summary>A refusal for the page: the form field it belongs to (empty for the whole form) and the message.</summary>
public sealed record BudgetPlanProblem(string Field, string Message);

/// <summary>Everything the page and the downloads show for one request: the choices, the facts, the plan or the refusals.</summary>
public sealed record BudgetPlanAnswer(
    IReadOnlyList<BudgetPayer> Payers,
    BudgetPayer? Payer,
    int? Year,
    BudgetFacts? Facts,
    BudgetPlanInputs? Inputs,
    IReadOnlyList<ScenarioInput> Rows,
    BudgetPlan? Plan,
    IReadOnlyList<BudgetPlanProblem> Problems,
    BudgetPlanMissing Missing)
{
    public bool Refused => Problems.Count > 0;
}

/// <summary>
/// Next year's budget plan for the page and its downloads, the same for both: the payers to choose from, the inputs
/// from the read model as of today (WIB), the scenarios read from the form (or two sensible ones to start from), and the
/// plan (<see cref="BudgetPlanner"/>), or each refusal next to its field.
/// </summary>
public sealed class BudgetPlanService(BudgetPlanInputsStore store, IClusterClient cluster, IStringLocalizer<SharedResource> text)
{
    /// <summary>Scenarios side by side, at most.</summary>
    public const int MaxScenarios = 4;

    private const int MaxField = 100;

    /// <summary>
    /// The plan for <paramref name="payerKey"/> and <paramref name="yearText"/> with the scenarios of the form; with no
    /// scenario sent (the payer just chosen), the two default ones. Texts are read in the current UI culture.
    /// </summary>
    public async Task<BudgetPlanAnswer> PlanAsync(string? payerKey, string? yearText, IReadOnlyList<ScenarioInput> scenarios, DateOnly today)
    {
        var payers = await store.PayersAsync();
        var problems = new List<BudgetPlanProblem>();
        var rows = scenarios.ToList();
        if (payers.Count == 0)
        {
            return new(payers, null, null, null, null, Padded(rows), null, problems, BudgetPlanMissing.AnyAgreement);
        }

        var payer = payers[0];
        if (!string.IsNullOrWhiteSpace(payerKey))
        {
            var parsed = payerKey.Length <= 3 * MaxField ? BudgetPayer.Parse(payerKey) : null;
            if (parsed is null || !payers.Contains(parsed))
            {
                problems.Add(new("Payer", text["BudgetPayerUnknown"]));
                return new(payers, null, null, null, null, Padded(rows), null, problems, BudgetPlanMissing.Nothing);
            }

            payer = parsed;
        }

        int? year = null;
        if (!string.IsNullOrWhiteSpace(yearText))
        {
            if (Whole(yearText) is not { } y || y is < 2000 or > 2100)
            {
                problems.Add(new("Year", text["BudgetYearRange"]));
                return new(payers, payer, null, null, null, Padded(rows), null, problems, BudgetPlanMissing.Nothing);
            }

            year = (int)y;
        }

        var facts = await store.FactsAsync(payer, year, today);
        year ??= facts?.BudgetYear ?? BudgetPlanner.DefaultYear(null, today);
        if (facts?.Current is not { } current)
        {
            return new(payers, payer, year, facts, null, Padded(rows), null, problems, BudgetPlanMissing.SignedAgreement);
        }

        var view = await cluster.GetGrain<IAgreementGrain>(current.Id).GetAsync();
        var inputs = facts.Inputs(view?.Terms.Programs ?? (Programs.Jkk | Programs.Jkm), view?.Terms.ToAgreement(current.Id).Rates ?? ContributionRateTable.Statutory)!;

        // The inputs are checked once for every scenario: with no scenario, sound inputs are refused only for that.
        var check = BudgetPlanner.Plan(inputs, []);
        if (check.Error is { Code: not "budget_plan.no_scenarios" } wrongInputs)
        {
            problems.Add(new(wrongInputs.Code == "agreement.budget_year" ? "Year" : "", wrongInputs.Message));
            return new(payers, payer, year, facts, inputs, Padded(rows), null, problems, BudgetPlanMissing.Nothing);
        }

        var defaults = rows.Count == 0;
        if (defaults)
        {
            rows = Defaults(inputs, current);
        }

        if (rows.Count > MaxScenarios)
        {
            problems.Add(new("", text["BudgetTooManyScenarios", MaxScenarios]));
            return new(payers, payer, year, facts, inputs, Padded(rows.Take(MaxScenarios).ToList()), null, problems, BudgetPlanMissing.Nothing);
        }

        var read = new List<(int Index, BudgetScenario Scenario)>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (!rows[i].IsEmpty && Read(rows[i], i, problems) is { } scenario)
            {
                read.Add((i, scenario));
            }
        }

        foreach (var (index, scenario) in read)
        {
            if (BudgetPlanner.Plan(inputs, [scenario]).Error is { } refused)
            {
                problems.Add(new(Field(index, refused.Code), refused.Message));
            }
        }

        BudgetPlan? plan = null;
        if (defaults && read.Count == 0)
        {
            // No default fits this payer's year (its current agreement runs past it): the form waits for the user's scenarios.
            return new(payers, payer, year, facts, inputs, Padded(rows), null, problems, BudgetPlanMissing.Nothing);
        }

        if (problems.Count == 0)
        {
            var planned = BudgetPlanner.Plan(inputs, read.Select(r => r.Scenario));
            if (planned.IsSuccess)
            {
                plan = planned.Value;
            }
            else
            {
                // Each scenario alone is sound: what is left is the set (none at all, or a name used twice).
                var twice = read.Where(r => read.Any(o => o.Index < r.Index && string.Equals(o.Scenario.Name.Trim(), r.Scenario.Name.Trim(), StringComparison.OrdinalIgnoreCase)))
                    .Select(r => (int?)r.Index).FirstOrDefault();
                problems.Add(new(twice is { } second ? Field(second, planned.Error!.Code) : "", planned.Error!.Message));
            }
        }

        return new(payers, payer, year, facts, inputs, Padded(rows), plan, problems, BudgetPlanMissing.Nothing);
    }

    /// <summary>The form's field for a refusal of scenario <paramref name="index"/>, by the refusal's code.</summary>
    private static string Field(int index, string code) => $"Scenarios[{index}]." + code switch
    {
        "agreement.quota" => nameof(ScenarioInput.Quota),
        "agreement.budget" => nameof(ScenarioInput.Ceiling),
        "budget_plan.start_year" or "budget_plan.start_passed" or "budget_plan.start_before_current_end" => nameof(ScenarioInput.Start),
        "budget_plan.months" => nameof(ScenarioInput.Months),
        "bridging.too_long" => nameof(ScenarioInput.Bridged),
        _ => nameof(ScenarioInput.Name),
    };

    /// <summary>A scenario from its row, or null with a message next to each field that is missing or not a number.</summary>
    private BudgetScenario? Read(ScenarioInput row, int index, List<BudgetPlanProblem> problems)
    {
        var before = problems.Count;
        string Key(string field) => $"Scenarios[{index}].{field}";
        if (string.IsNullOrWhiteSpace(row.Name))
        {
            problems.Add(new(Key(nameof(ScenarioInput.Name)), text["BudgetNameRequired"]));
        }

        var quota = Whole(row.Quota);
        if (quota is not { } q || q > 10_000_000)
        {
            problems.Add(new(Key(nameof(ScenarioInput.Quota)), text["BudgetQuotaNumber"]));
        }

        var start = Month(row.Start);
        if (start is null)
        {
            problems.Add(new(Key(nameof(ScenarioInput.Start)), text["BudgetStartFormat"]));
        }

        var months = Whole(row.Months);
        if (months is not { } m || m > 12)
        {
            problems.Add(new(Key(nameof(ScenarioInput.Months)), text["BudgetMonthsNumber"]));
        }

        var ceiling = Whole(row.Ceiling);
        if (ceiling is null)
        {
            problems.Add(new(Key(nameof(ScenarioInput.Ceiling)), text["BudgetCeilingNumber"]));
        }

        return problems.Count > before
            ? null
            : new BudgetScenario(row.Name!.Trim(), (int)quota!.Value, start!.Value, (int)months!.Value, row.IsBridged, new Money(ceiling!.Value));
    }

    /// <summary>
    /// Two scenarios to start from: the current quota for every month from the earliest start, bridged when there is a
    /// gap that may still be bridged; and half as many workers again for ten months from March (the 5.000 against
    /// 7.500 for 10 months), not bridged; both against the current agreement's ceiling.
    /// </summary>
    private List<ScenarioInput> Defaults(BudgetPlanInputs inputs, CurrentAgreement current)
    {
        var first = BudgetPlanner.EarliestStart(current.End);
        var january = new YearMonth(inputs.BudgetYear, 1);
        var startA = first > january ? first : january;
        if (startA.Year != inputs.BudgetYear)
        {
            return [];
        }

        var monthsA = 13 - startA.Month;
        var quotaA = current.Quota;
        var a = Row(quotaA, startA, monthsA, bridged: true, current.BudgetCeiling);
        if (Plan(inputs, a) is { Code: "bridging.too_long" })
        {
            a.Bridged = null;
        }

        var march = new YearMonth(inputs.BudgetYear, 3);
        var startB = startA > march ? startA : march;
        var b = Row(Math.Max(quotaA + 1, (int)Math.Min(10_000_000L, (quotaA * 3L) + 1) / 2), startB, 13 - startB.Month, bridged: false, current.BudgetCeiling);
        if (string.Equals(a.Name, b.Name, StringComparison.Ordinal))
        {
            b.Name += " (B)";
        }

        return [.. new[] { a, b }.Where(s => Plan(inputs, s) is null)];
    }

    private ScenarioInput Row(int quota, YearMonth start, int months, bool bridged, Money ceiling) => new()
    {
        Name = text["BudgetDefaultScenarioName", Formatting.Number(quota), months],
        Quota = quota.ToString(CultureInfo.InvariantCulture),
        Start = start.ToString(),
        Months = months.ToString(CultureInfo.InvariantCulture),
        Bridged = bridged ? "true" : null,
        Ceiling = ceiling.Rupiah.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The refusal of one default scenario, or null when it plans.</summary>
    private static DomainError? Plan(BudgetPlanInputs inputs, ScenarioInput row) =>
        Whole(row.Quota) is { } quota && Month(row.Start) is { } start && Whole(row.Months) is { } months && Whole(row.Ceiling) is { } ceiling
            ? BudgetPlanner.Plan(inputs, [new BudgetScenario(row.Name ?? "", (int)quota, start, (int)months, row.IsBridged, new Money(ceiling))]).Error
            : new DomainError("budget_plan.no_scenarios");

    /// <summary>Always the form's four rows: the scenarios sent (or the defaults), then empty ones.</summary>
    private static List<ScenarioInput> Padded(List<ScenarioInput> rows) =>
        [.. rows, .. Enumerable.Range(0, Math.Max(0, MaxScenarios - rows.Count)).Select(_ => new ScenarioInput())];

    /// <summary>A whole number as typed, with dots, commas or spaces between its digits; null when it is not one.</summary>
    public static long? Whole(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > MaxField)
        {
            return null;
        }

        var digits = new string([.. typed.Trim().Where(c => c is not ('.' or ',' or ' ' or '\u00A0'))]);
        return digits.Length is > 0 and <= 15 && digits.All(char.IsAsciiDigit) ? long.Parse(digits, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>A month as an HTML month field sends it (<c>2027-03</c>); null otherwise.</summary>
    public static YearMonth? Month(string? typed)
    {
        var t = typed?.Trim() ?? "";
        return t.Length == 7 && t[4] == '-' && int.TryParse(t[..4], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            && int.TryParse(t[5..], NumberStyles.None, CultureInfo.InvariantCulture, out var month) && year is >= 2000 and <= 2100 && month is >= 1 and <= 12
            ? new YearMonth(year, month)
            : null;
    }
}
