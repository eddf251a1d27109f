using System.Globalization;
using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Planning;
using Kapuas.Infrastructure.Planning;
using Kapuas.Infrastructure.Spreadsheets;
using Microsoft.Extensions.Localization;

namespace Kapuas.Admin.Reports;

/// <summary>How a figure of the plan is shown: a count of workers or months, an amount in rupiah, or words.</summary>
public enum BudgetFigureKind
{
    Count,
    Rupiah,
    Text,
}

/// <summary>One line of the scenarios side by side: its label and, for each scenario, its value (a number for counts and amounts).</summary>
public sealed record BudgetFigure(string Id, string Label, BudgetFigureKind Kind, Func<ScenarioPlan, object> Value)
{
    /// <summary>The value as the page and the PDF write it (Indonesian number format, rupiah with its sign).</summary>
    public string Show(ScenarioPlan plan) => Value(plan) switch
    {
        long n when Kind == BudgetFigureKind.Rupiah => Formatting.Rupiah(n),
        long n => Formatting.Number(n),
        var other => Convert.ToString(other, CultureInfo.InvariantCulture) ?? "",
    };
}

/// <summary>One input of the plan with its meaning: a label, the value as shown, and the number itself where it is one.</summary>
public sealed record BudgetInputLine(string Id, string Label, string Value, long? Number = null);

/// <summary>
/// The budget plan as the page shows it and as it is downloaded (XLSX, PDF): the inputs with their meaning, the scenarios
/// side by side, the months of each, and every figure's working. The same lines for all three, so that a download holds
/// exactly what the page showed. Texts come in the current UI culture: the downloads are made in Bahasa Indonesia (the
/// budget request is an Indonesian document, <see cref="Formatting.InIndonesian"/>).
/// </summary>
public sealed class BudgetPlanReport(BudgetFacts facts, BudgetPlanInputs inputs, IStringLocalizer<SharedResource> text)
{
    private static readonly double[] InputWidths = [205, 310];

    public string Title => text["BudgetDocumentTitle", inputs.BudgetYear, facts.Payer.Phrase.ToString()];

    /// <summary>A file name without personal data: the year and the payer's kind.</summary>
    public string FileName(string extension) =>
        $"rencana-anggaran-{inputs.BudgetYear.ToString(CultureInfo.InvariantCulture)}-{facts.Payer.Kind.ToString().ToLowerInvariant()}.{extension}";

    /// <summary>The inputs and what each means.</summary>
    public IReadOnlyList<BudgetInputLine> Inputs()
    {
        var i = inputs;
        var current = facts.Current!;
        var ends = facts.MonthEnds;
        var lines = new List<BudgetInputLine>
        {
            new("payer", text["BudgetInputPayer"], facts.Payer.Phrase.ToString()),
            new("year", text["BudgetInputYear"], i.BudgetYear.ToString(CultureInfo.InvariantCulture), i.BudgetYear),
            new("as-of", text["BudgetInputAsOf"], Formatting.Date(i.AsOf)),
            new("current", text["BudgetInputCurrent"], text["BudgetInputCurrentValue", current.Number, current.Id, Formatting.AgreementStatus(current.Status.ToString()),
                Formatting.Date(current.Start), Formatting.Date(current.End), Formatting.Number(current.Quota), Formatting.Rupiah(current.BudgetCeiling.Rupiah)]),
            new("roster", text["BudgetInputRoster", Formatting.Date(i.AsOf)], Formatting.Number(i.RosterToday), i.RosterToday),
            new("known-exits", text["BudgetInputKnownExits", Formatting.Date(facts.BudgetYearStart)], Formatting.Number(i.KnownExits), i.KnownExits),
            new("deaths", text["BudgetInputDeaths", Formatting.Date(facts.ObservedFrom.AddDays(1)), Formatting.Date(i.AsOf)], Formatting.Number(i.ObservedDeaths), i.ObservedDeaths),
            new("exits", text["BudgetInputExits", Formatting.Date(facts.ObservedFrom.AddDays(1)), Formatting.Date(i.AsOf)], Formatting.Number(i.ObservedExits), i.ObservedExits),
            new("average", text["BudgetInputAverage", Formatting.Date(ends[0].Day), Formatting.Date(ends[^1].Day)], Formatting.Number(i.AverageRoster), i.AverageRoster),
            new("month-ends", text["BudgetInputMonthEnds"], string.Join("; ", ends.Select(e => $"{Formatting.Date(e.Day)}: {Formatting.Number(e.Workers)}"))),
            new("children", text["BudgetInputChildren"], facts.FamiliesNotIndexed == 0
                ? Formatting.Number(i.ScholarshipChildren)
                : text["BudgetInputChildrenPartial", Formatting.Number(i.ScholarshipChildren), Formatting.Number(facts.FamiliesNotIndexed)], i.ScholarshipChildren),
            new("income", text["BudgetInputIncome"], Formatting.Rupiah(i.DeclaredIncome.Rupiah), i.DeclaredIncome.Rupiah),
            new("programs", text["BudgetInputPrograms"], string.Join(" + ", new[] { (Programs.Jkk, "JKK"), (Programs.Jkm, "JKM") }
                .Where(p => i.Programs.HasFlag(p.Item1)).Select(p => p.Item2))),
        };
        lines.AddRange(RatesInForce(i).Select((r, n) => new BudgetInputLine($"rate-{n}", text["BudgetInputRate", Formatting.Date(r.EffectiveFrom)],
            text["BudgetInputRateValue", (r.JkkBasisPoints / 100m).ToString("0.##", IndonesianFormat.Culture), Formatting.Rupiah(r.Jkk(i.DeclaredIncome).Rupiah),
                Formatting.Rupiah(r.JkmMonthly.Rupiah), r.Source])));
        return lines;
    }

    /// <summary>The rates of the table in force on some day from the month before the earliest gap to the end of the budget year.</summary>
    private static IEnumerable<ContributionRate> RatesInForce(BudgetPlanInputs i)
    {
        var from = i.CurrentEnd < new DateOnly(i.BudgetYear, 1, 1) ? i.CurrentEnd.AddDays(1) : new DateOnly(i.BudgetYear, 1, 1);
        var to = new DateOnly(i.BudgetYear, 12, 31);
        var rates = i.Rates.Rates;
        return rates.Where((r, n) => r.EffectiveFrom <= to && (n == rates.Count - 1 || rates[n + 1].EffectiveFrom > from));
    }

    /// <summary>The figures of each scenario, in the order of the working.</summary>
    public IReadOnlyList<BudgetFigure> Figures() =>
    [
        new("quota", text["BudgetFigureQuota"], BudgetFigureKind.Count, s => (long)s.Scenario.Quota),
        new("start", text["BudgetFigureStart"], BudgetFigureKind.Text, s => s.Scenario.Start.ToString()),
        new("months", text["BudgetFigureMonths"], BudgetFigureKind.Count, s => (long)s.Scenario.Months),
        new("bridged", text["BudgetFigureBridged"], BudgetFigureKind.Text, s => s.Scenario.Bridged ? text["BudgetYes"].Value : text["BudgetNo"].Value),
        new("ceiling", text["BudgetFigureCeiling"], BudgetFigureKind.Rupiah, s => s.Scenario.Ceiling.Rupiah),
        new("ahead", text["BudgetFigureAhead"], BudgetFigureKind.Count, s => (long)s.MonthsUntilStart),
        new("base", text["BudgetFigureBase"], BudgetFigureKind.Count, s => (long)s.Base),
        new("expected-deaths", text["BudgetFigureExpectedDeaths"], BudgetFigureKind.Count, s => (long)s.ExpectedDeaths),
        new("expected-exits", text["BudgetFigureExpectedExits"], BudgetFigureKind.Count, s => (long)s.ExpectedExits),
        new("continuing", text["BudgetFigureContinuing"], BudgetFigureKind.Count, s => (long)s.Continuing),
        new("funded", text["BudgetFigureFunded"], BudgetFigureKind.Count, s => (long)s.Funded),
        new("lapsing", text["BudgetFigureLapsing"], BudgetFigureKind.Count, s => (long)s.Lapsing),
        new("rights", text["BudgetFigureRights"], BudgetFigureKind.Count, s => (long)s.ScholarshipRightsAtRisk),
        new("months-cost", text["BudgetFigureMonthsCost"], BudgetFigureKind.Rupiah, s => s.MonthsCost.Rupiah),
        new("gap", text["BudgetFigureGap"], BudgetFigureKind.Text, s => s.Gap?.ToString() ?? "-"),
        new("arrears", text["BudgetFigureArrears"], BudgetFigureKind.Rupiah, s => s.ArrearsCost.Rupiah),
        new("total", text["BudgetFigureTotal"], BudgetFigureKind.Rupiah, s => s.Total.Rupiah),
        new("headroom", text["BudgetFigureHeadroom"], BudgetFigureKind.Rupiah, s => s.Headroom.Rupiah),
        new("within", text["BudgetFigureWithin"], BudgetFigureKind.Text, s => s.WithinCeiling ? text["BudgetYes"].Value : text["BudgetOverCeiling"].Value),
    ];

    /// <summary>A scenario's months: those covered, then the arrears of a bridged gap.</summary>
    public IEnumerable<(PlannedMonth Month, bool Arrears)> Months(ScenarioPlan s) =>
        s.Months.Select(m => (m, false)).Concat(s.Arrears.Select(m => (m, true)));

    public byte[] Xlsx(BudgetPlan plan)
    {
        var names = plan.Scenarios.Select(s => (object?)s.Scenario.Name).ToList();
        var side = new List<IReadOnlyList<object?>> { new object?[] { Title }, Array.Empty<object?>() };
        side.AddRange(Inputs().Select(l => (IReadOnlyList<object?>)[l.Label, l.Number is { } n ? n : l.Value]));
        side.Add([]);
        side.Add([text["BudgetFigure"].Value, .. names]);
        side.AddRange(Figures().Select(f => (IReadOnlyList<object?>)[f.Label, .. plan.Scenarios.Select(f.Value)]));
        side.Add([]);
        side.Add([text["BudgetContinuingMeaning"].Value]);

        var months = new List<IReadOnlyList<object?>>
        {
            new object?[] { text["BudgetScenario"].Value, text["BudgetMonth"].Value, text["BudgetMonthKind"].Value, text["BudgetWorkers"].Value,
                text["BudgetJkkPerWorker"].Value, text["BudgetJkmPerWorker"].Value, text["BudgetPerWorker"].Value, text["BudgetMonthCost"].Value },
        };
        foreach (var s in plan.Scenarios)
        {
            months.AddRange(Months(s).Select(m => (IReadOnlyList<object?>)[s.Scenario.Name, m.Month.Month.ToString(),
                m.Arrears ? text["BudgetArrearsMonth"].Value : text["BudgetCoveredMonth"].Value, (long)m.Month.Workers, m.Month.Jkk.Rupiah,
                m.Month.Jkm.Rupiah, m.Month.PerWorker.Rupiah, m.Month.Cost.Rupiah]));
        }

        var working = new List<IReadOnlyList<object?>> { new object?[] { text["BudgetScenario"].Value, text["BudgetStep"].Value, text["BudgetWorkingLine"].Value } };
        foreach (var s in plan.Scenarios)
        {
            working.AddRange(s.Working.Select((w, n) => (IReadOnlyList<object?>)[s.Scenario.Name, (long)(n + 1), w.ToString()]));
        }

        return SpreadsheetExport.Workbook(
        [
            (text["BudgetSheetScenarios"].Value, side),
            (text["BudgetSheetMonths"].Value, months),
            (text["BudgetSheetWorking"].Value, working),
        ]);
    }

    public byte[] Pdf(BudgetPlan plan, string printedBy, DateTimeOffset at)
    {
        var pdf = new PdfReport();
        pdf.Line(text["BudgetContinuingMeaning"]);
        pdf.Heading(text["BudgetInputsTitle"]);
        foreach (var line in Inputs())
        {
            pdf.Row(InputWidths, line.Label, line.Value);
        }

        pdf.Heading(text["BudgetScenariosTitle"]);
        var columns = plan.Scenarios.Count;
        var label = 515.0 - (columns * 90.0);
        double[] widths = [label, .. Enumerable.Repeat(90.0, columns)];
        pdf.HeaderRow(widths, [text["BudgetFigure"], .. plan.Scenarios.Select(s => s.Scenario.Name)]);
        foreach (var figure in Figures())
        {
            pdf.Row(widths, [figure.Label, .. plan.Scenarios.Select(figure.Show)]);
        }

        double[] monthWidths = [70, 70, 60, 75, 75, 75, 90];
        foreach (var s in plan.Scenarios)
        {
            pdf.Heading(text["BudgetScenarioMonthsTitle", s.Scenario.Name]);
            pdf.HeaderRow(monthWidths, text["BudgetMonth"], text["BudgetMonthKind"], text["BudgetWorkers"], text["BudgetJkkPerWorker"],
                text["BudgetJkmPerWorker"], text["BudgetPerWorker"], text["BudgetMonthCost"]);
            foreach (var (month, arrears) in Months(s))
            {
                pdf.Row(monthWidths, month.Month.ToString(), arrears ? text["BudgetArrearsMonth"] : text["BudgetCoveredMonth"], Formatting.Number(month.Workers),
                    month.Jkk.ToString(), month.Jkm.ToString(), month.PerWorker.ToString(), month.Cost.ToString());
            }

            pdf.Heading(text["BudgetScenarioWorkingTitle", s.Scenario.Name]);
            foreach (var (line, n) in s.Working.Select((w, n) => (w, n)))
            {
                pdf.Row([25, 490], (n + 1).ToString(CultureInfo.InvariantCulture) + ".", line.ToString());
            }
        }

        return pdf.Build(Title, text["BudgetPdfFooter", Title, Formatting.Wib(at), printedBy]);
    }
}
