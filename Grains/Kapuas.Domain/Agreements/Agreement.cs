using Kapuas.Domain.Common;
using Kapuas.Domain.Coverage;
using Kapuas.Domain.Regions;

namespace Kapuas.Domain.Agreements;

[Flags]
public enum Programs
{
    None = 0,
    Jkk = 1,
    Jkm = 2,
}

/// <summary>How a month that the coverage only partly covers is billed.</summary>
public enum PartialMonthRule
{
    /// <summary>Any covered day bills the whole month (the default: BPJS bills whole months).</summary>
    FullMonth = 0,

    /// <summary>The month is billed by the share of its days covered, rounded to the rupiah.</summary>
    ProRataByDays = 1,

    /// <summary>Only months covered from their first to their last day are billed.</summary>
    CompleteMonthsOnly = 2,
}

public enum AgreementStatus
{
    Draft = 0,
    Signed = 1,
    Active = 2,
    Closed = 3,
}

public static class AgreementStatuses
{
    /// <summary>Signed or active: the agreement takes workers (enrolment, import, renewal into it).</summary>
    public static bool TakesWorkers(this AgreementStatus status) => status is AgreementStatus.Signed or AgreementStatus.Active;
}

/// <summary>
/// A cooperation agreement (PKS) with BPJS Ketenagakerjaan for one budget year: who pays, which period it covers,
/// how many workers, at what rates, within what budget. Built by <see cref="Create"/>, which validates the terms.
/// </summary>
public sealed record Agreement
{
    public static readonly Money DefaultDeclaredIncome = new(1_000_000);

    private Agreement()
    {
    }

    public string Id { get; private init; } = "";

    public string Number { get; private init; } = "";

    public DateOnly SignedOn { get; private init; }

    public int BudgetYear { get; private init; }

    public CoveragePeriod Period { get; private init; }

    public int Quota { get; private init; }

    public Programs Programs { get; private init; }

    public Money DeclaredIncome { get; private init; }

    public Money BudgetCeiling { get; private init; }

    public PartialMonthRule PartialMonthRule { get; private init; }

    /// <summary>Who pays (bpjs-rules.md §0, §6.1): the regency (APBD), the province, a village (APBDes) or another donor.</summary>
    public FundingKind Payer { get; private init; }

    /// <summary>A village agreement's kecamatan (code); null for other payers.</summary>
    public string? PayerKecamatanCode { get; private init; }

    /// <summary>A village agreement's desa: it enrols residents of that desa ("1 Desa 100 Pekerja Rentan").</summary>
    public string? PayerDesa { get; private init; }

    /// <summary>Another donor's name (a company's CSR, a foundation); optional for the province.</summary>
    public string? PayerName { get; private init; }

    public const int MaxPayerText = 100;

    /// <summary>The payers an agreement can name; the other funding kinds describe periods, not agreements.</summary>
    public static IReadOnlyList<FundingKind> AgreementPayers { get; } =
        [FundingKind.ApbdKabupaten, FundingKind.Apbdes, FundingKind.ApbdProvinsi, FundingKind.Donor];

    /// <summary>The payer in words: "APBDes Desa Sei Tatas, Kec. Kapuas Hilir", "APBD Kabupaten Kapuas", ...</summary>
    public Phrase PayerPhrase => PayerPhraseOf(Payer, PayerKecamatanCode, PayerDesa, PayerName);

    /// <summary>A payer in words from its parts as the read model stores them (the kind by name); an unknown kind as written.</summary>
    public static string PayerLabelOf(string payer, string? kecamatanCode, string? desa, string? name) =>
        Enum.TryParse<FundingKind>(payer, out var kind) ? PayerPhraseOf(kind, kecamatanCode, desa, name).ToString() : payer;

    /// <summary>A payer in words from its parts as stored (the read model keeps them in columns).</summary>
    public static Phrase PayerPhraseOf(FundingKind payer, string? kecamatanCode, string? desa, string? name) => payer switch
    {
        FundingKind.Apbdes => new Phrase("payer.village", desa ?? "",
            Kecamatan.Find(kecamatanCode) is { IsSuccess: true } k ? k.Value.Name : kecamatanCode ?? ""),
        FundingKind.ApbdProvinsi => name is null ? new Phrase("payer.province") : new Phrase("payer.province_named", name),
        FundingKind.Donor => new Phrase("payer.donor", name ?? ""),
        _ => new Phrase("payer.regency"),
    };

    /// <summary>
    /// A warning when a village agreement enrols someone who lives elsewhere (naming where the worker lives): the village
    /// pays for its own residents. Null for a resident, and for the other payers.
    /// </summary>
    public DomainError? ResidenceWarning(string kecamatanCode, string desa)
    {
        if (Payer != FundingKind.Apbdes)
        {
            return null;
        }

        var sameKecamatan = string.Equals(kecamatanCode, PayerKecamatanCode, StringComparison.Ordinal);
        var sameDesa = string.Equals(Normalise(desa), Normalise(PayerDesa), StringComparison.OrdinalIgnoreCase);
        return sameKecamatan && sameDesa
            ? null
            : new DomainError("agreement.outside_village", desa,
                Kecamatan.Find(kecamatanCode) is { IsSuccess: true } k ? k.Value.Name : kecamatanCode, PayerDesa ?? "");
    }

    private static string Normalise(string? text) => string.Join(' ', (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));

    public ContributionRateTable Rates { get; private init; } = ContributionRateTable.Statutory;

    public static Result<Agreement> Create(AgreementTerms terms, ContributionRateTable? rates = null)
    {
        var id = terms.Id?.Trim() ?? "";
        if (id.Length is < 2 or > 40 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return new DomainError("agreement.id");
        }

        var number = terms.Number?.Trim() ?? "";
        if (number.Length == 0)
        {
            return new DomainError("agreement.number");
        }

        if (number.Length > 100)
        {
            return new DomainError("agreement.number_too_long");
        }

        var period = CoveragePeriod.Create(terms.Start, terms.End);
        if (!period.IsSuccess)
        {
            return period.Error!;
        }

        if (terms.BudgetYear is < 2000 or > 2100)
        {
            return new DomainError("agreement.budget_year", $"{terms.BudgetYear}");
        }

        if (period.Value.Start.Year != terms.BudgetYear)
        {
            return new DomainError("agreement.period_outside_budget_year", period.Value.ToString(), $"{terms.BudgetYear}");
        }

        if (terms.Quota <= 0)
        {
            return new DomainError("agreement.quota");
        }

        if ((terms.Programs & (Programs.Jkk | Programs.Jkm)) == Programs.None)
        {
            return new DomainError("agreement.programs");
        }

        var lowest = (rates ?? ContributionRateTable.Statutory).On(period.Value.Start).LowestDeclaredIncome;
        if (terms.DeclaredIncome < lowest)
        {
            return new DomainError("agreement.income_below_bracket", terms.DeclaredIncome.ToString(), lowest.ToString());
        }

        if (terms.BudgetCeiling.Rupiah <= 0)
        {
            return new DomainError("agreement.budget");
        }

        var payer = CheckPayer(terms);
        if (!payer.IsSuccess)
        {
            return payer.Error!;
        }

        return new Agreement
        {
            Id = id,
            Number = number,
            SignedOn = terms.SignedOn,
            BudgetYear = terms.BudgetYear,
            Period = period.Value,
            Quota = terms.Quota,
            Programs = terms.Programs,
            DeclaredIncome = terms.DeclaredIncome,
            BudgetCeiling = terms.BudgetCeiling,
            PartialMonthRule = terms.PartialMonthRule,
            Payer = terms.Payer,
            PayerKecamatanCode = payer.Value.Kecamatan,
            PayerDesa = payer.Value.Desa,
            PayerName = payer.Value.Name,
            Rates = rates ?? ContributionRateTable.Statutory,
        };
    }

    private static Result<(string? Kecamatan, string? Desa, string? Name)> CheckPayer(AgreementTerms terms)
    {
        if (!AgreementPayers.Contains(terms.Payer))
        {
            return new DomainError("agreement.payer");
        }

        static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : Normalise(text);
        var desa = Clean(terms.PayerDesa);
        var name = Clean(terms.PayerName);
        foreach (var text in new[] { desa, name })
        {
            if (text is { Length: > MaxPayerText })
            {
                return new DomainError("agreement.payer_too_long", $"{MaxPayerText}");
            }

            if (PlainText.HasMarkup(text) || PlainText.StartsLikeFormula(text))
            {
                return new DomainError("agreement.payer_text");
            }
        }

        switch (terms.Payer)
        {
            case FundingKind.Apbdes:
                var kecamatan = Kecamatan.Find(terms.PayerKecamatan);
                if (!kecamatan.IsSuccess || desa is null)
                {
                    return new DomainError("agreement.village_required");
                }

                return (kecamatan.Value.Code, desa, null);
            case FundingKind.Donor:
                return name is null ? new DomainError("agreement.donor_name") : (null, null, name);
            case FundingKind.ApbdProvinsi:
                return (null, null, name);
            default:
                return (null, null, null);
        }
    }

    /// <summary>The full monthly contribution for one worker in the month starting on <paramref name="month"/>.</summary>
    public MonthlyContribution MonthlyCost(YearMonth month)
    {
        var rate = Rates.On(month.FirstDay);
        var jkk = Programs.HasFlag(Programs.Jkk) ? rate.Jkk(DeclaredIncome) : Money.Zero;
        var jkm = Programs.HasFlag(Programs.Jkm) ? rate.JkmMonthly : Money.Zero;
        return new MonthlyContribution(month, jkk, jkm);
    }

    /// <summary>What one worker's coverage <paramref name="coverage"/> under this agreement costs, month by month.</summary>
    public IReadOnlyList<MonthCharge> Charges(CoveragePeriod coverage)
    {
        var charges = new List<MonthCharge>();
        if (Period.Intersect(coverage) is not { } billed)
        {
            return charges;
        }

        foreach (var (month, days) in billed.Months())
        {
            var full = MonthlyCost(month).Total;
            var amount = PartialMonthRule switch
            {
                PartialMonthRule.FullMonth => full,
                PartialMonthRule.ProRataByDays => full.Fraction(days, month.DaysInMonth),
                _ => days == month.DaysInMonth ? full : Money.Zero,
            };
            if (amount.Rupiah > 0)
            {
                charges.Add(new MonthCharge(month, days, amount));
            }
        }

        return charges;
    }

    /// <summary>The cost of one worker covered for the whole agreement period.</summary>
    public Money CostPerWorker => Money.Sum(Charges(Period).Select(c => c.Amount));

    /// <summary>The cost of <paramref name="workers"/> workers covered for the whole period.</summary>
    public Money CostForRoster(int workers) =>
        workers < 0 ? throw new ArgumentOutOfRangeException(nameof(workers), "A roster cannot have fewer than zero workers.") : CostPerWorker * workers;

    /// <summary>Refuses a roster over the quota or over the budget ceiling, with the numbers.</summary>
    public Result<Money> CheckRoster(int workers)
    {
        if (workers < 0)
        {
            return new DomainError("agreement.negative_roster");
        }

        if (workers > Quota)
        {
            return new DomainError("agreement.over_quota", IndonesianFormat.Number(workers), Number, IndonesianFormat.Number(Quota));
        }

        var cost = CostForRoster(workers);
        if (cost > BudgetCeiling)
        {
            return new DomainError("agreement.over_budget",
                IndonesianFormat.Number(workers), cost.ToString(), BudgetCeiling.ToString(), (cost - BudgetCeiling).ToString());
        }

        return cost;
    }

    /// <summary>
    /// The first day an enrolment recorded on <paramref name="registeredOn"/> can cover: the agreement's start for a
    /// starting roster or an enrolment on or before it, else that day (never backdated, bpjs-rules.md §3.3).
    /// </summary>
    public static DateOnly EarliestCoverage(DateOnly agreementStart, DateOnly registeredOn, bool startingRoster) =>
        startingRoster || registeredOn <= agreementStart ? agreementStart : registeredOn;

    /// <summary>
    /// The coverage this agreement gives a worker, never backdated (bpjs-rules.md §3.3): the starting cohort (enrolled
    /// on or before the start, or marked as the starting roster) is aligned with the agreement's start; anyone enrolled
    /// later is covered from the day the complete registration reached the system (<paramref name="registeredOn"/>) or
    /// from a later date BPJS accepted (<paramref name="from"/>), never earlier. A later <paramref name="from"/> is
    /// honoured for everyone.
    /// </summary>
    public Result<CoveragePeriod> CoverageFor(DateOnly registeredOn, DateOnly? from, bool startingRoster)
    {
        var earliest = EarliestCoverage(Period.Start, registeredOn, startingRoster);
        var aligned = earliest == Period.Start;
        if (from is { } asked && asked < earliest)
        {
            return aligned
                ? new DomainError("agreement.outside_period", IndonesianFormat.Date(asked), Number, Period.ToString())
                : new DomainError("enrolment.backdated", IndonesianFormat.Date(asked), IndonesianFormat.Date(registeredOn), Number);
        }

        var start = from ?? earliest;
        if (!Period.Contains(start))
        {
            return new DomainError("agreement.outside_period", IndonesianFormat.Date(start), Number, Period.ToString());
        }

        return CoveragePeriod.Of(start, Period.End);
    }

    /// <summary>The coverage for an enrolment from <paramref name="from"/> (its start if null), with no backdating check.</summary>
    public Result<CoveragePeriod> CoverageFrom(DateOnly? from) => CoverageFor(Period.Start, from, startingRoster: true);
}

/// <summary>Raw agreement terms as an administrator enters them.</summary>
public sealed record AgreementTerms(
    string? Id,
    string? Number,
    DateOnly SignedOn,
    int BudgetYear,
    DateOnly Start,
    DateOnly End,
    int Quota,
    Programs Programs,
    Money DeclaredIncome,
    Money BudgetCeiling,
    PartialMonthRule PartialMonthRule = PartialMonthRule.FullMonth,
    FundingKind Payer = FundingKind.ApbdKabupaten,
    string? PayerKecamatan = null,
    string? PayerDesa = null,
    string? PayerName = null);

public sealed record MonthlyContribution(YearMonth Month, Money Jkk, Money Jkm)
{
    public Money Total => Jkk + Jkm;
}

public sealed record MonthCharge(YearMonth Month, int DaysCovered, Money Amount);
