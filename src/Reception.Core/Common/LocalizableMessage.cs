namespace Reception.Core.Common;

/// <summary>
/// A message produced by domain code. <see cref="Key"/> is the English text with {0}-style
/// placeholders; the web layer looks it up in the resource files (zh-CN) and formats the arguments,
/// so the domain never depends on ASP.NET localization.
/// </summary>
public sealed record LocalizableMessage(string Key, params object[] Args)
{
    public override string ToString() => Args.Length == 0 ? Key : string.Format(System.Globalization.CultureInfo.InvariantCulture, Key, Args);
}
