namespace Reception.Web.Localization;

/// <summary>A resource key and its arguments, rendered later in the recipient's language (an argument may be a
/// <see cref="Message"/> or a <see cref="MessageList"/>, rendered the same way).</summary>
public sealed record Message(string Key, params object[] Args)
{
    public string Render(IStringLocalizer l) =>
        l.Text(new Reception.Core.Common.LocalizableMessage(Key, Args.Select(a => a switch
        {
            Message m => m.Render(l),
            MessageList list => list.Render(l),
            _ => a,
        }).ToArray()));
}

/// <summary>Messages rendered one after another with the reader's list separator ("；" in Chinese, "; " in English).</summary>
public sealed record MessageList(IReadOnlyList<Message> Items)
{
    public const string Separator = "; ";

    public string Render(IStringLocalizer l) => string.Join(l[Separator].Value, Items.Select(m => m.Render(l)));
}
