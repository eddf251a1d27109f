using Dapper;
using Kapuas.Domain.Claims;
using Kapuas.Grains.ReadModel;
using Npgsql;

namespace Kapuas.Infrastructure.ReadModel;

/// <summary>Reads <c>app.holidays</c>, kept for a minute so that every claim view does not query it.</summary>
public sealed class PostgresHolidayCalendarSource(NpgsqlDataSource db, TimeProvider clock) : IHolidayCalendarSource
{
    private readonly TimedCache<HolidayCalendar> cache = new(clock, TimeSpan.FromMinutes(1));

    public Task<HolidayCalendar> GetAsync() => cache.GetAsync(async () =>
    {
        await using var connection = await db.OpenConnectionAsync();
        var dates = await connection.QueryAsync<DateTime>("SELECT holiday_date FROM app.holidays");
        return new HolidayCalendar(dates.Select(DateOnly.FromDateTime));
    });

    /// <summary>Forgets the cached calendar (after an administrator changed it).</summary>
    public void Invalidate() => cache.Invalidate();
}
