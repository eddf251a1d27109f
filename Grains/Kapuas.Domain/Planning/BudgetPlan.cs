using Kapuas.Domain.Agreements;
using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;

namespace Kapuas.Domain.Planning;

/// <summary>
/// What a payer knows today, for next year's budget request (bpjs-rules.md §6.1: the PKS is signed after the budget is
/// set, so the money is asked for months ahead). All counts are of the payer's own workers.
/// </summary>
/// <param name="Payer">Whose budget: the regency's APBD, a village's APBDes, the province, a donor (§0, §6.3).</param>
/// <param name="BudgetYear">The budget year planned for; every scenario's months lie in it.</param>
/// <param name="AsOf">Today: the roster is counted on this day and expected deaths and exits run from it.</param>
/// <param name="RosterToday">Workers the payer covers today.</param>
/// <param name="KnownExits">Of those, workers already known to leave before the new start (an exit recorded ahead).</param>
/// <param name="ObservedDeaths">Deaths among the payer's workers over the last 12 months.</param>
/// <param name="ObservedExits">Other exits over the last 12 months (moved away, became a wage earner, withdrawn).</param>
/// <param name="AverageRoster">The roster over those 12 months (the average of the month-end counts): the rates' base.</param>
/// <param name="ScholarshipChildren">
/// Children of today's workers who would hold a scholarship right should the worker die (school age, under 23, at
/// most two per worker: bpjs-rules.md §2.3). Used as a share of the roster for the rights put at risk.
/// </param>
/// <param name="CurrentEnd">The last day the current agreement covers (its paid-through date): a gap to the new start starts the day after.</param>
/// <param name="DeclaredIncome">The declared income the payer registers its workers at (JKK is a share of it, §1.1).</param>
/// <param name="Rates">The dated contribution table (§0, §1.1): each month is costed at the rate in force on its first day.</param>
/// <param name="Programs">The programmes paid for (JKK and JKM unless told otherwise).</param>
public sealed record BudgetPlanInputs(
    FundingKind Payer,
    int BudgetYear,
    DateOnly AsOf,
    int RosterToday,
    int KnownExits,
    int ObservedDeaths,
    int ObservedExits,
    int AverageRoster,
    int ScholarshipChildren,
    DateOnly CurrentEnd,
    Money DeclaredIncome,
    ContributionRateTable Rates,
    Programs Programs = Programs.Jkk | Programs.Jkm);

/// <summary>
/// One choice to put beside others: how many workers (<paramref name="Quota"/>), for how many months from which month
/// (<paramref name="Start"/>, <paramref name="Months"/>: 12, or 10 from March), whether the gap between the current
/// agreement's end and the new start is paid as arrears (<paramref name="Bridged"/>, bpjs-rules.md §3.1, §3.5), and the
/// budget ceiling it must fit in.
/// </summary>
public sealed record BudgetScenario(string Name, int Quota, YearMonth Start, int Months, bool Bridged, Money Ceiling);

/// <summary>One month of cost: the workers paid for and one worker's JKK and JKM at the rates in force that month.</summary>
public sealed record PlannedMonth(YearMonth Month, int Workers, Money Jkk, Money Jkm)
{
    public Money PerWorker => Jkk + Jkm;

    public Money Cost => PerWorker * Workers;
}

/// <summary>One scenario worked out: every figure, and its working as lines of text (<see cref="Working"/>) for the export.</summary>
public sealed record ScenarioPlan(
    BudgetScenario Scenario,
    int MonthsUntilStart,
    int Base,
    int ExpectedDeaths,
    int ExpectedExits,
    int Continuing,
    int Funded,
    int Lapsing,
    int ScholarshipRightsAtRisk,
    IReadOnlyList<PlannedMonth> Months,
    CoveragePeriod? Gap,
    IReadOnlyList<PlannedMonth> Arrears,
    IReadOnlyList<Phrase> Working)
{
    /// <summary>The contributions for the months covered.</summary>
    public Money MonthsCost => Money.Sum(Months.Select(m => m.Cost));

    /// <summary>The arrears for the gap when bridged; nothing otherwise.</summary>
    public Money ArrearsCost => Money.Sum(Arrears.Select(m => m.Cost));

    public Money Total => MonthsCost + ArrearsCost;

    /// <summary>The ceiling less the total: what is left (zero exactly at the ceiling), negative when over.</summary>
    public Money Headroom => Scenario.Ceiling - Total;

    /// <summary>The total fits the ceiling; exactly at the ceiling fits.</summary>
    public bool WithinCeiling => Total <= Scenario.Ceiling;

    /// <summary>The scenario in one line, for a table of scenarios side by side.</summary>
    public Phrase Summary => new("budget_plan.summary", Scenario.Name, IndonesianFormat.Number(Funded), $"{Scenario.Months}", Scenario.Start.ToString(),
        Total.ToString(), IndonesianFormat.Number(Lapsing), IndonesianFormat.Number(ScholarshipRightsAtRisk));
}

/// <summary>The plan for one payer's next budget year: its inputs and its scenarios side by side, in the order given.</summary>
public sealed record BudgetPlan(BudgetPlanInputs Inputs, IReadOnlyList<ScenarioPlan> Scenarios);

/// <summary>
/// Next year's budget plan for one payer (issue 18; bpjs-rules.md §1, §3.1, §3.5, §6.1–§6.3). Pure: today, the counts and
/// the rates are inputs. The arithmetic, in the order of the working lines:
/// <list type="number">
/// <item><b>Base</b> = today's roster − the exits already known.</item>
/// <item><b>Months until the start</b> (h) = the whole calendar months from today to the month before the start; today's
/// month counts only when today is its first day (a part month is left out, so no more attrition is expected than the
/// time allows and the request errs on the side of enough money).</item>
/// <item><b>Observed monthly rates</b> = deaths (exits) over the last 12 months ÷ the average roster then ÷ 12. With no
/// events the rate is zero; events with an average roster of zero are refused (no rate can be drawn from them).</item>
/// <item><b>Expected deaths</b> = base × monthly death rate × h, computed exactly in integers and rounded half up to a
/// whole worker; <b>expected exits</b> the same with the exit rate. Both rates apply to the base, linearly: no compounding,
/// so that the working is one multiplication a reader can check; compounding would expect fewer events by about
/// h(h−1)/2 × rate² of the base (0,03 % of it at 0,2 % a month over 12 months). Each is capped so that the roster never
/// goes below zero.</item>
/// <item><b>Continuing</b> = base − expected deaths − expected exits.</item>
/// <item><b>Funded</b> = min(quota, continuing); <b>lapsing</b> = continuing − funded (never negative).</item>
/// <item><b>Scholarship rights at risk</b> = lapsing × (children with a right ÷ today's roster), rounded half up: the
/// lapsing workers are not known by name before the renewal chooses (<c>RenewalPlanner</c>), so the roster's share is
/// used. It counts children (rights), not workers; it is the rights that would be lost on a death after the lapse
/// (§2.3, §3.1: membership restarts from zero).</item>
/// <item><b>Cost of a month</b> = funded × (JKK at the declared income + JKM) at the rates in force on that month's
/// first day (the dated table: a change mid-year changes the later months only). The funded roster is held for every
/// month: places freed by deaths and exits during the year are filled by replacements (§6.3), and the budget must be able
/// to pay for the full roster.</item>
/// <item><b>Gap</b> = the days from the day after the current agreement ends to the day before the new start; its
/// months are every month it touches, billed whole, as arrears are (<see cref="Bridging.Cost"/>). <b>Arrears</b>, when
/// bridged = for each gap month, the funded workers × that month's rate. Only the funded workers are bridged: arrears are
/// paid by the new agreement for its own workers (<see cref="Funding.ArrearsPaidBy"/>), and paying them for workers who
/// lapse anyway would not keep anyone's membership. A bridged gap must end within the grace months after protection
/// ended (§3.1, <see cref="GraceRule"/>); a longer one is refused for that scenario.</item>
/// <item><b>Total</b> = the months' cost + the arrears; <b>headroom</b> = ceiling − total (exactly at the ceiling fits).</item>
/// </list>
/// All amounts are whole rupiah (<see cref="Money"/>); JKK is the declared income's share rounded half up to the rupiah
/// (<see cref="ContributionRate.Jkk"/>), every other step multiplies or adds whole rupiah, so nothing else is rounded.
/// </summary>
public static class BudgetPlanner
{
    private const int MaxNameLength = 60;

    public static Result<BudgetPlan> Plan(BudgetPlanInputs inputs, IEnumerable<BudgetScenario> scenarios)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (Check(inputs) is { } problem)
        {
            return problem;
        }

        var list = scenarios?.ToList() ?? [];
        if (list.Count == 0)
        {
            return new DomainError("budget_plan.no_scenarios");
        }

        var plans = new List<ScenarioPlan>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var scenario in list)
        {
            var name = scenario.Name?.Trim() ?? "";
            if (name.Length is 0 or > MaxNameLength)
            {
                return new DomainError("budget_plan.scenario_name", $"{MaxNameLength}");
            }

            if (!names.Add(name))
            {
                return new DomainError("budget_plan.scenario_duplicate", name);
            }

            var planned = PlanScenario(inputs, scenario with { Name = name });
            if (!planned.IsSuccess)
            {
                return planned.Error!.Within(name);
            }

            plans.Add(planned.Value);
        }

        return new BudgetPlan(inputs, plans);
    }

    /// <summary>The budget year to plan first: next year, or the first year a new agreement can start after the current one ends.</summary>
    public static int DefaultYear(DateOnly? currentEnd, DateOnly today) =>
        Math.Max(today.Year + 1, currentEnd is { } end ? EarliestStart(end).Year : 0);

    /// <summary>The first month a new agreement can start in: the month after the current one's end (or its next day's, when that is a first).</summary>
    public static YearMonth EarliestStart(DateOnly currentEnd)
    {
        var next = currentEnd.AddDays(1);
        return next.Day == 1 ? YearMonth.Of(next) : YearMonth.Of(next).Next();
    }

    /// <summary>
    /// The whole calendar months from <paramref name="asOf"/> to the month before <paramref name="start"/>; today's month
    /// counts only when today is its first day.
    /// </summary>
    public static int MonthsUntil(DateOnly asOf, YearMonth start)
    {
        var months = Index(start) - Index(YearMonth.Of(asOf)) - (asOf.Day == 1 ? 0 : 1);
        return Math.Max(0, months);
    }

    private static DomainError? Check(BudgetPlanInputs inputs)
    {
        if (inputs.BudgetYear is < 2000 or > 2100)
        {
            return new DomainError("agreement.budget_year", $"{inputs.BudgetYear}");
        }

        if (inputs.RosterToday < 0)
        {
            return new DomainError("budget_plan.roster");
        }

        if (inputs.KnownExits < 0 || inputs.KnownExits > inputs.RosterToday)
        {
            return new DomainError("budget_plan.known_exits", IndonesianFormat.Number(inputs.KnownExits), IndonesianFormat.Number(inputs.RosterToday));
        }

        if (inputs.ObservedDeaths < 0 || inputs.ObservedExits < 0 || inputs.AverageRoster < 0)
        {
            return new DomainError("budget_plan.observed");
        }

        if (inputs.AverageRoster == 0 && inputs.ObservedDeaths + inputs.ObservedExits > 0)
        {
            return new DomainError("budget_plan.observed_without_roster", IndonesianFormat.Number(inputs.ObservedDeaths + inputs.ObservedExits));
        }

        if (inputs.ScholarshipChildren < 0 || inputs.ScholarshipChildren > 2L * inputs.RosterToday)
        {
            return new DomainError("budget_plan.children", IndonesianFormat.Number(inputs.ScholarshipChildren), IndonesianFormat.Number(2L * inputs.RosterToday));
        }

        if ((inputs.Programs & (Programs.Jkk | Programs.Jkm)) == Programs.None)
        {
            return new DomainError("agreement.programs");
        }

        var lowest = inputs.Rates.On(new DateOnly(inputs.BudgetYear, 1, 1)).LowestDeclaredIncome;
        return inputs.DeclaredIncome < lowest
            ? new DomainError("agreement.income_below_bracket", inputs.DeclaredIncome.ToString(), lowest.ToString())
            : null;
    }

    private static Result<ScenarioPlan> PlanScenario(BudgetPlanInputs inputs, BudgetScenario scenario)
    {
        var start = scenario.Start;
        if (scenario.Quota <= 0)
        {
            return new DomainError("agreement.quota");
        }

        if (scenario.Ceiling.Rupiah <= 0)
        {
            return new DomainError("agreement.budget");
        }

        if (start.Month is < 1 or > 12 || start.Year != inputs.BudgetYear)
        {
            return new DomainError("budget_plan.start_year", start.ToString(), $"{inputs.BudgetYear}");
        }

        if (scenario.Months is < 1 or > 12 || start.Month + scenario.Months - 1 > 12)
        {
            return new DomainError("budget_plan.months", $"{scenario.Months}", start.ToString(), $"{inputs.BudgetYear}");
        }

        if (start < YearMonth.Of(inputs.AsOf))
        {
            return new DomainError("budget_plan.start_passed", start.ToString(), IndonesianFormat.Date(inputs.AsOf));
        }

        if (start.FirstDay <= inputs.CurrentEnd)
        {
            return new DomainError("budget_plan.start_before_current_end", start.ToString(), IndonesianFormat.Date(inputs.CurrentEnd));
        }

        CoveragePeriod? gap = inputs.CurrentEnd.AddDays(1) < start.FirstDay ? CoveragePeriod.Of(inputs.CurrentEnd.AddDays(1), start.FirstDay.AddDays(-1)) : null;
        var grace = GraceRule.On(inputs.CurrentEnd);
        var lastDayOfGrace = grace.LastDayOfGrace(inputs.CurrentEnd);
        if (scenario.Bridged && gap is { } tooLong && tooLong.End > lastDayOfGrace)
        {
            return new DomainError("bridging.too_long",
                tooLong.ToString(), $"{grace.Months}", IndonesianFormat.Date(inputs.CurrentEnd), IndonesianFormat.Date(lastDayOfGrace), grace.Source);
        }

        var working = new List<Phrase>();

        // 1. Base: today's roster less the exits already known.
        var baseRoster = inputs.RosterToday - inputs.KnownExits;
        working.Add(new Phrase("budget_plan.working.base", IndonesianFormat.Date(inputs.AsOf), IndonesianFormat.Number(inputs.RosterToday),
            IndonesianFormat.Number(inputs.KnownExits), IndonesianFormat.Number(baseRoster)));

        // 2, 3. The months ahead and the observed rates.
        var ahead = MonthsUntil(inputs.AsOf, start);
        working.Add(new Phrase("budget_plan.working.rates", IndonesianFormat.Number(inputs.ObservedDeaths), IndonesianFormat.Number(inputs.ObservedExits),
            IndonesianFormat.Number(inputs.AverageRoster), MonthlyPercent(inputs.ObservedDeaths, inputs.AverageRoster),
            MonthlyPercent(inputs.ObservedExits, inputs.AverageRoster)));

        // 4. Expected deaths and exits until the start, each rounded half up and capped at what is left.
        var deaths = Math.Min(baseRoster, Expected(baseRoster, inputs.ObservedDeaths, inputs.AverageRoster, ahead));
        working.Add(new Phrase("budget_plan.working.expected_deaths", start.ToString(), IndonesianFormat.Number(baseRoster),
            IndonesianFormat.Number(inputs.ObservedDeaths), IndonesianFormat.Number(inputs.AverageRoster), $"{ahead}",
            ExactExpected(baseRoster, inputs.ObservedDeaths, inputs.AverageRoster, ahead), IndonesianFormat.Number(deaths)));
        var exits = Math.Min(baseRoster - deaths, Expected(baseRoster, inputs.ObservedExits, inputs.AverageRoster, ahead));
        working.Add(new Phrase("budget_plan.working.expected_exits", start.ToString(), IndonesianFormat.Number(baseRoster),
            IndonesianFormat.Number(inputs.ObservedExits), IndonesianFormat.Number(inputs.AverageRoster), $"{ahead}",
            ExactExpected(baseRoster, inputs.ObservedExits, inputs.AverageRoster, ahead), IndonesianFormat.Number(exits)));

        // 5, 6. Continuing, funded within the quota, lapsing.
        var continuing = baseRoster - deaths - exits;
        working.Add(new Phrase("budget_plan.working.continuing", IndonesianFormat.Number(baseRoster), IndonesianFormat.Number(deaths),
            IndonesianFormat.Number(exits), IndonesianFormat.Number(continuing)));
        var funded = Math.Min(scenario.Quota, continuing);
        var lapsing = continuing - funded;
        working.Add(new Phrase("budget_plan.working.funded", IndonesianFormat.Number(scenario.Quota), IndonesianFormat.Number(continuing),
            IndonesianFormat.Number(funded)));
        working.Add(new Phrase("budget_plan.working.lapsing", IndonesianFormat.Number(continuing), IndonesianFormat.Number(funded),
            IndonesianFormat.Number(lapsing)));

        // 7. Scholarship rights at risk: the lapsing workers' share of the children with a right.
        var rights = inputs.RosterToday == 0 ? 0 : (int)RoundHalfUp((long)lapsing * inputs.ScholarshipChildren, inputs.RosterToday);
        working.Add(inputs.RosterToday == 0
            ? new Phrase("budget_plan.working.rights_no_roster")
            : new Phrase("budget_plan.working.rights", IndonesianFormat.Number(lapsing), IndonesianFormat.Number(inputs.ScholarshipChildren),
                IndonesianFormat.Number(inputs.RosterToday), IndonesianFormat.Number(rights)));

        // 8. The months covered, at the rates in force in each.
        var months = YearMonth.Range(start, Add(start, scenario.Months - 1)).Select(m => Month(inputs, m, funded)).ToList();
        foreach (var run in Runs(months))
        {
            working.Add(new Phrase("budget_plan.working.months", run[0].Month.ToString(), run[^1].Month.ToString(), $"{run.Count}",
                IndonesianFormat.Number(funded), run[0].Jkk.ToString(), run[0].Jkm.ToString(), run[0].Cost.ToString(),
                Money.Sum(run.Select(m => m.Cost)).ToString()));
        }

        var monthsCost = Money.Sum(months.Select(m => m.Cost));
        working.Add(new Phrase("budget_plan.working.months_total", $"{scenario.Months}", monthsCost.ToString()));

        // 9. The gap: arrears when bridged.
        var arrears = new List<PlannedMonth>();
        if (gap is not { } g)
        {
            working.Add(new Phrase("budget_plan.working.no_gap", IndonesianFormat.Date(inputs.CurrentEnd)));
        }
        else if (scenario.Bridged)
        {
            arrears.AddRange(g.Months().Select(m => Month(inputs, m.Month, funded)));
            foreach (var run in Runs(arrears))
            {
                working.Add(new Phrase("budget_plan.working.arrears_months", run[0].Month.ToString(), run[^1].Month.ToString(), $"{run.Count}",
                    IndonesianFormat.Number(funded), run[0].Jkk.ToString(), run[0].Jkm.ToString(), run[0].Cost.ToString(),
                    Money.Sum(run.Select(m => m.Cost)).ToString()));
            }

            working.Add(new Phrase("budget_plan.working.arrears", g.ToString(), $"{arrears.Count}", IndonesianFormat.Date(lastDayOfGrace),
                Money.Sum(arrears.Select(m => m.Cost)).ToString()));
        }
        else
        {
            working.Add(g.End > lastDayOfGrace
                ? new Phrase("budget_plan.working.gap_lapses", g.ToString(), $"{g.Months().Count()}", $"{grace.Months}", IndonesianFormat.Date(lastDayOfGrace.AddDays(1)))
                : new Phrase("budget_plan.working.gap_not_bridged", g.ToString(), $"{g.Months().Count()}", IndonesianFormat.Date(lastDayOfGrace)));
        }

        // 10. Total against the ceiling.
        var arrearsCost = Money.Sum(arrears.Select(m => m.Cost));
        var total = monthsCost + arrearsCost;
        working.Add(new Phrase("budget_plan.working.total", monthsCost.ToString(), arrearsCost.ToString(), total.ToString()));
        working.Add(total <= scenario.Ceiling
            ? new Phrase("budget_plan.working.within", scenario.Ceiling.ToString(), (scenario.Ceiling - total).ToString())
            : new Phrase("budget_plan.working.over", scenario.Ceiling.ToString(), (total - scenario.Ceiling).ToString()));

        return new ScenarioPlan(scenario, ahead, baseRoster, deaths, exits, continuing, funded, lapsing, rights, months, gap, arrears, working);
    }

    private static PlannedMonth Month(BudgetPlanInputs inputs, YearMonth month, int workers)
    {
        var rate = inputs.Rates.On(month.FirstDay);
        var jkk = inputs.Programs.HasFlag(Programs.Jkk) ? rate.Jkk(inputs.DeclaredIncome) : Money.Zero;
        var jkm = inputs.Programs.HasFlag(Programs.Jkm) ? rate.JkmMonthly : Money.Zero;
        return new PlannedMonth(month, workers, jkk, jkm);
    }

    /// <summary>Consecutive months at the same rate, so that the working shows one line per rate.</summary>
    private static List<List<PlannedMonth>> Runs(IEnumerable<PlannedMonth> months)
    {
        var runs = new List<List<PlannedMonth>>();
        foreach (var month in months)
        {
            if (runs.Count > 0 && runs[^1][^1].Jkk == month.Jkk && runs[^1][^1].Jkm == month.Jkm)
            {
                runs[^1].Add(month);
            }
            else
            {
                runs.Add([month]);
            }
        }

        return runs;
    }

    /// <summary>base × events × months ÷ (average roster × 12), rounded half up to a whole worker; zero without events.</summary>
    private static int Expected(int baseRoster, int events, int averageRoster, int months) =>
        averageRoster == 0 ? 0 : (int)RoundHalfUp(checked((long)baseRoster * events * months), checked((long)averageRoster * 12));

    private static string ExactExpected(int baseRoster, int events, int averageRoster, int months) =>
        (averageRoster == 0 ? 0m : (decimal)baseRoster * events * months / (averageRoster * 12m)).ToString("N2", IndonesianFormat.Culture);

    /// <summary>events ÷ average roster ÷ 12, as a percentage per worker per month with three decimals.</summary>
    private static string MonthlyPercent(int events, int averageRoster) =>
        (averageRoster == 0 ? 0m : events * 100m / (averageRoster * 12m)).ToString("N3", IndonesianFormat.Culture);

    /// <summary><paramref name="numerator"/> ÷ <paramref name="denominator"/> for non-negative integers, halves rounded up.</summary>
    private static long RoundHalfUp(long numerator, long denominator) => checked((2 * numerator) + denominator) / (2 * denominator);

    private static int Index(YearMonth month) => (month.Year * 12) + month.Month - 1;

    private static YearMonth Add(YearMonth month, int count)
    {
        var index = Index(month) + count;
        return new YearMonth(index / 12, (index % 12) + 1);
    }
}
