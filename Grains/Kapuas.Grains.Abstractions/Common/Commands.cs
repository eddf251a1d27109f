using System.Globalization;
using Kapuas.Domain.Common;

namespace Kapuas.Grains.Common;

/// <summary>
/// Who asks for a change, when, and under which operation id. Every command carries one: the grain records the
/// change with it, and a repeated operation id (a retried job, a double-click) changes nothing the second time.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kapuas.CommandContext")]
public sealed record CommandContext(
    [property: Id(0)] Guid OperationId,
    [property: Id(1)] string UserId,
    [property: Id(2)] string UserName,
    [property: Id(3)] DateTimeOffset At)
{
    public static CommandContext New(string userId, string userName, DateTimeOffset at) => new(Guid.NewGuid(), userId, userName, at);
}

/// <summary>
/// A business rejection or warning on the wire; <see cref="Field"/> names the input field when there is one. It carries
/// the error's text key and arguments, so that the receiver shows <see cref="Message"/> in its own UI culture, and the
/// message in Bahasa Indonesia (<see cref="Fallback"/>, id 1, which older versions sent as the message) for a key it
/// does not know or an error sent without arguments.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kapuas.WireError")]
public sealed record WireError(
    [property: Id(0)] string Code,
    [property: Id(1)] string Fallback,
    [property: Id(2)] string? Field = null,
    [property: Id(3)] IReadOnlyList<string>? Args = null,
    [property: Id(4)] string? Key = null)
{
    /// <summary>The message in the current UI culture (the Admin sets it per request), or the fallback text.</summary>
    public string Message => Text(CultureInfo.CurrentUICulture);

    public string Text(CultureInfo culture) =>
        Args is not null && DomainText.Has(Key ?? Code, culture) ? DomainText.Render(Key ?? Code, Args, culture) : Fallback;

    /// <summary>The error again, as the rules know it (its text from the key when this version knows it).</summary>
    public DomainError ToDomainError() => Args is not null && DomainText.Has(Key ?? Code, DomainText.Indonesian)
        ? DomainError.Of(Code, Key ?? Code, Args)
        : DomainError.Of(Code, "error.text", [Fallback]);

    public static WireError From(DomainError error, string? field = null) =>
        new(error.Code, error.Text(DomainText.Indonesian), field, error.Args, error.Key == error.Code ? null : error.Key);

    public override string ToString() => Field is null ? $"{Code}: {Message}" : $"{Field} — {Code}: {Message}";
}

/// <summary>The outcome of a command: a value, or the errors that refused it; warnings either way.</summary>
[GenerateSerializer, Immutable, Alias("Kapuas.CommandResult`1")]
public sealed record CommandResult<T>(
    [property: Id(0)] T? Value,
    [property: Id(1)] IReadOnlyList<WireError> Errors,
    [property: Id(2)] IReadOnlyList<WireError> Warnings)
{
    public bool Succeeded => Errors.Count == 0;

    public static CommandResult<T> Ok(T value, IReadOnlyList<WireError>? warnings = null) => new(value, [], warnings ?? []);

    public static CommandResult<T> Fail(WireError error) => new(default, [error], []);

    public static CommandResult<T> Fail(DomainError error, string? field = null) => Fail(WireError.From(error, field));

    public static CommandResult<T> Fail(IReadOnlyList<WireError> errors, IReadOnlyList<WireError>? warnings = null) =>
        new(default, errors, warnings ?? []);

    /// <summary>The value, or an exception listing the errors (for tests and jobs that expect success).</summary>
    public T Expect() =>
        Succeeded ? Value! : throw new InvalidOperationException("Command refused: " + string.Join("; ", Errors));
}
