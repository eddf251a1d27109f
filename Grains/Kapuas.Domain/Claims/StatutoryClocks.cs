using Kapuas.Domain.Common;

namespace Kapuas.Domain.Claims;

/// <summary>
/// Public holidays (hari libur nasional) as data: the fixed-date ones are known; the moving ones (Islamic, Chinese,
/// Hindu, Buddhist and Christian feasts, cuti bersama) are set each year by joint ministerial decree (SKB 3 Menteri)
/// and must be entered by an administrator for each year.
/// </summary>
public sealed class HolidayCalendar
{
    private readonly HashSet<DateOnly> dates;

    public HolidayCalendar(IEnumerable<DateOnly> movingHolidays) => dates = [.. movingHolidays];

    public static HolidayCalendar FixedOnly { get; } = new([]);

    public bool IsHoliday(DateOnly date) =>
        dates.Contains(date) || (date.Month, date.Day) is (1, 1) or (5, 1) or (6, 1) or (8, 17) or (12, 25);

    public bool IsWorkingDay(DateOnly date) => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsHoliday(date);

    /// <summary>The date <paramref name="days"/> working days after <paramref name="from"/> (the day itself not counted).</summary>
    public DateOnly AddWorkingDays(DateOnly from, int days)
    {
        var date = from;
        for (var counted = 0; counted < days;)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }

        return date;
    }
}

/// <summary>
/// A statutory deadline and where a claim stands against it on a given moment. Its name is a text
/// (<see cref="LabelKey"/>), rendered in the current UI culture by <see cref="Label"/>; the source is a citation.
/// </summary>
public sealed record Deadline(string LabelKey, DateTimeOffset Due, string Source)
{
    public string Label => new Phrase(LabelKey).ToString();

    public bool IsOverdue(DateTimeOffset now) => now > Due;

    public TimeSpan Late(DateTimeOffset now) => now > Due ? now - Due : TimeSpan.Zero;

    public bool FallsDueWithin(DateTimeOffset now, TimeSpan window) => now <= Due && Due - now <= window;
}

/// <summary>The clocks of bpjs-rules.md §4: JKK first report 2 × 24 h, JKK expiry 2 years, JKM payment 3 working days.</summary>
public static class StatutoryClocks
{
    // The regulations each clock comes from, cited as they are published.
    private const string FirstReportSource = "PP 44/2015 Pasal 43; Permenaker 5/2021 Pasal 8";
    private const string ExpirySource = "PP 44/2015 Pasal 26";
    private const string JkmPaymentSource = "PP 44/2015 Pasal 40(3)";

    public static Deadline JkkFirstReport(DateTimeOffset accident) =>
        new("deadline.jkk_first_report", accident.AddHours(48), FirstReportSource);

    public static Deadline JkkExpiry(DateTimeOffset accident) =>
        new("deadline.jkk_expiry", accident.AddYears(2), ExpirySource);

    /// <summary>BPJS pays JKM within 3 working days of a complete file; the deadline is the end of that day, WIB.</summary>
    public static Deadline JkmPayment(DateOnly completeFileReceived, HolidayCalendar holidays)
    {
        var day = holidays.AddWorkingDays(completeFileReceived, 3);
        var endOfDayWib = Wib.At(day, new TimeOnly(23, 59, 59));
        return new("deadline.jkm_payment", endOfDayWib, JkmPaymentSource);
    }

    /// <summary>How late a first report was, in words a caseworker reads: "terlambat 1 hari 3 jam" (current UI culture).</summary>
    public static string DescribeLate(TimeSpan late) => Late(late).ToString();

    public static Phrase Late(TimeSpan late) =>
        late <= TimeSpan.Zero ? new("late.on_time")
        : late.TotalDays >= 1 ? new("late.days", $"{(int)late.TotalDays}", $"{late.Hours}")
        : new("late.hours", $"{late.Hours}", $"{late.Minutes}");
}
