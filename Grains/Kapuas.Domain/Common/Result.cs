using System.Globalization;

namespace Kapuas.Domain.Common;

/// <summary>
/// An expected business rejection: a stable code (for programs, tests and the API's clients) and the arguments of its
/// message, whose text is in <see cref="DomainText"/> under the same key, in Bahasa Indonesia and English.
/// <see cref="Message"/> renders it in the current UI culture, <see cref="Text"/> in a given one.
/// Where one code has more than one wording, the key adds a variant after <c>#</c>
/// (<c>file.too_large#size</c>): the code stays <c>file.too_large</c>.
/// </summary>
public sealed class DomainError : IEquatable<DomainError>
{
    private readonly string[] args;

    public DomainError(string code, params string[] args)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        Key = code;
        var variant = code.IndexOf('#', StringComparison.Ordinal);
        Code = variant < 0 ? code : code[..variant];
        this.args = args is null ? [] : [.. args.Select(a => a ?? "")];
    }

    private DomainError(string code, string key, string[] args)
    {
        Code = code;
        Key = key;
        this.args = args;
    }

    /// <summary>
    /// An error and its key as they travel (a <c>WireError</c>); a key unknown to this version still renders, as the key
    /// and its arguments.
    /// </summary>
    public static DomainError Of(string code, string key, IReadOnlyList<string> args) =>
        new(code, string.IsNullOrEmpty(key) ? code : key, [.. args.Select(a => a ?? "")]);

    /// <summary>The stable code: what programs and tests compare.</summary>
    public string Code { get; }

    /// <summary>The key of the text: the code, or the code and a variant (<c>code#variant</c>).</summary>
    public string Key { get; }

    public IReadOnlyList<string> Args => args;

    /// <summary>The message in the current UI culture.</summary>
    public string Message => Text(CultureInfo.CurrentUICulture);

    public string Text(CultureInfo culture) => DomainText.Render(Key, args, culture);

    /// <summary>The message as a phrase, to be rendered later or put into another text.</summary>
    public Phrase Phrase => new(Key, args);

    /// <summary>The same refusal about one of several items (<c>label: message</c>); the code stays the same.</summary>
    public DomainError Within(string label) => new(Code, "error.within", [label, Phrase.AsArgument()]);

    public bool Equals(DomainError? other) => other is not null && Key == other.Key && args.AsSpan().SequenceEqual(other.args);

    public override bool Equals(object? obj) => Equals(obj as DomainError);

    public override int GetHashCode() => Phrase.GetHashCode();

    public static bool operator ==(DomainError? a, DomainError? b) => a is null ? b is null : a.Equals(b);

    public static bool operator !=(DomainError? a, DomainError? b) => !(a == b);

    public override string ToString() => $"{Code}: {Message}";
}

/// <summary>Either a value or a <see cref="DomainError"/>. Rejections are values, not exceptions.</summary>
public readonly record struct Result<T>
{
    private static readonly DomainError Uninitialised = new("result.uninitialised");

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
