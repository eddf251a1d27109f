namespace Kapuas.Domain.Operations;

/// <summary>
/// Who made a change and when: every state change in the system carries one.
/// The time is supplied by the caller (domain rules never read a clock).
/// </summary>
public sealed record Actor
{
    public Actor(string userId, string displayName, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(userId))
        {
            throw new ArgumentException("Pengguna wajib diisi (user id is required).", nameof(userId));
        }

        UserId = userId.Trim();
        DisplayName = string.IsNullOrWhiteSpace(displayName) ? UserId : displayName.Trim();
        At = at;
    }

    public string UserId { get; }

    public string DisplayName { get; }

    public DateTimeOffset At { get; }

    /// <summary>The actor used by the system itself (jobs started by a schedule, migrations).</summary>
    public static Actor System(DateTimeOffset at) => new("system", "Sistem", at);
}
