namespace Kapuas.Domain.Common;

/// <summary>
/// An expected business rejection: a stable code (for programs, tests and translations) and a message in
/// Bahasa Indonesia that a user can act on.
/// </summary>
public sealed record DomainError(string Code, string Message)
{
    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Either a value or a <see cref="DomainError"/>. Rejections are values, not exceptions.</summary>
public readonly record struct Result<T>
{
    private static readonly DomainError Uninitialised = new("result.uninitialised", "Hasil belum diisi.");

    private readonly T? value;
    private readonly DomainError? error;
    private readonly bool ok;

    private Result(T? value, DomainError? error)
    {
        this.value = value;
        this.error = error;
        ok = error is null;
    }

    /// <summary>Null on success; a <c>default</c> result is a failure, never a silent success.</summary>
    public DomainError? Error => ok ? null : error ?? Uninitialised;

    public bool IsSuccess => ok;

    public T Value => IsSuccess ? value! : throw new InvalidOperationException($"No value: {Error}");

    public static Result<T> Ok(T value) => new(value, null);

    public static Result<T> Fail(DomainError error) => new(default, error ?? throw new ArgumentNullException(nameof(error)));

    public static Result<T> Fail(string code, string message) => Fail(new DomainError(code, message));

    public static implicit operator Result<T>(DomainError error) => Fail(error);

    public static implicit operator Result<T>(T value) => Ok(value);

    public Result<TOut> Map<TOut>(Func<T, TOut> map) => IsSuccess ? Result<TOut>.Ok(map(Value)) : Result<TOut>.Fail(Error!);

    public Result<TOut> Bind<TOut>(Func<T, Result<TOut>> bind) => IsSuccess ? bind(Value) : Result<TOut>.Fail(Error!);

    public override string ToString() => IsSuccess ? $"Ok({value})" : $"Fail({Error})";
}

/// <summary>Formatting the way users in Kapuas read it: <c>Rp 16.800</c>, <c>29/11/2026</c>.</summary>
public static class IndonesianFormat
{
    public static readonly System.Globalization.CultureInfo Culture = System.Globalization.CultureInfo.GetCultureInfo("id-ID");

    public static string Date(DateOnly date) => date.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString("N0", Culture);
}
