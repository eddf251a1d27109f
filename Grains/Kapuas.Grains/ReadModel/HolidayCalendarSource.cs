using Dapper;
using Kapuas.Domain.Claims;
using Npgsql;

namespace Kapuas.Grains.ReadModel;

/// <summary>The public holidays administrators entered (besides the fixed ones the domain knows).</summary>
public interface IHolidayCalendarSource
{
    Task<HolidayCalendar> GetAsync();
}

/// <summary>Reads <c>app.holidays</c>, kept for a minute so that every claim view does not query it.</summary>
public sealed class PostgresHolidayCalendarSource(NpgsqlDataSource db, TimeProvider clock) : IHolidayCalendarSource
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    private (HolidayCalendar Calendar, DateTimeOffset LoadedAt)? cached;

    public async Task<HolidayCalendar> GetAsync()
    {
        if (cached is { } c && clock.GetUtcNow() - c.LoadedAt < Lifetime)
        {
            return c.Calendar;
        }

        await using var connection = await db.OpenConnectionAsync();
        var dates = await connection.QueryAsync<DateTime>("SELECT holiday_date FROM app.holidays");
        var calendar = new HolidayCalendar(dates.Select(DateOnly.FromDateTime));
        cached = (calendar, clock.GetUtcNow());
        return calendar;
    }

    /// <summary>Forgets the cached calendar (after an administrator changed it).</summary>
    public void Invalidate() => cached = null;
}
