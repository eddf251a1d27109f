using Kapuas.Domain.Claims;

namespace Kapuas.Grains.ReadModel;

/// <summary>The public holidays administrators entered (besides the fixed ones the domain knows).</summary>
public interface IHolidayCalendarSource
{
    Task<HolidayCalendar> GetAsync();
}
