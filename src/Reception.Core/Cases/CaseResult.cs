using System.Diagnostics.CodeAnalysis;
using Reception.Core.Common;

namespace Reception.Core.Cases;

/// <summary>The outcome of a case operation: success, or why not (a user mistake is never an exception).</summary>
public sealed class CaseResult
{
    public static readonly CaseResult Ok = new(null);

    private CaseResult(LocalizableMessage? error) => Error = error;

    public LocalizableMessage? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static CaseResult Fail(string key, params object[] args) => new(new LocalizableMessage(key, args));

    public override string ToString() => Error?.ToString() ?? "OK";
}

/// <summary>A <see cref="CaseResult"/> that carries a value when it succeeded.</summary>
public sealed class CaseResult<T>
    where T : class
{
    private CaseResult(T? value, LocalizableMessage? error)
    {
        Value = value;
        Error = error;
    }

    public T? Value { get; }
    public LocalizableMessage? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    public static CaseResult<T> Success(T value) => new(value, null);
    public static CaseResult<T> Fail(string key, params object[] args) => new(null, new LocalizableMessage(key, args));
    public static CaseResult<T> Fail(LocalizableMessage error) => new(null, error);
}
