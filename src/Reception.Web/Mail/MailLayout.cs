using System.Net;
using System.Text;

namespace Reception.Web.Mail;

/// <summary>A piece of a message's body below its first paragraph, already in the recipient's language.</summary>
public abstract record MailBlock;

public sealed record MailParagraph(string Text) : MailBlock;

/// <summary>A small table (a bulletin's figures by unit, say): header cells and rows of plain text.</summary>
public sealed record MailTable(IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<string>> Rows) : MailBlock;

/// <summary>
/// The one layout every email shares, as HTML (tables and inline styles only, which Outlook, Foxmail and webmail
/// all render) and as plain text. Everything put into the HTML is escaped here; callers pass plain text.
/// Labels (button, footer) come from the localizer, so call this under the recipient's UI culture.
/// </summary>
public static class MailLayout
{
    private const string Font = "font-family:'Microsoft YaHei','PingFang SC',SimSun,Arial,sans-serif;";
    private const string Accent = "#9f1239";

    public static (string Html, string Text) Render(IStringLocalizer l, string heading, IReadOnlyList<MailBlock> blocks, string? absoluteLink)
    {
        var appName = l["Leadership reception and case tracking"].Value;
        var openLabel = l["Open in the system"].Value;
        var fallback = l["If the button does not work, copy this address into your browser:"].Value;
        var footer = l["This message was sent automatically by the system. Please do not reply to it."].Value;
        var lang = CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : "zh-CN";
        return (Html(lang, appName, heading, blocks, absoluteLink, openLabel, fallback, footer),
                Text(appName, heading, blocks, absoluteLink, openLabel, footer));
    }

    private static string Html(string lang, string appName, string heading, IReadOnlyList<MailBlock> blocks, string? link,
        string openLabel, string fallback, string footer)
    {
        var h = new StringBuilder();
        h.Append("<!DOCTYPE html>\n<html lang=\"").Append(E(lang)).Append("\">\n<head>\n<meta charset=\"utf-8\">\n")
         .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>").Append(E(heading)).Append("</title>\n</head>\n");
        h.Append("<body style=\"margin:0;padding:0;background-color:#f3f4f6;\">\n");
        h.Append("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"background-color:#f3f4f6;\"><tr><td align=\"center\" style=\"padding:24px 12px;\">\n");
        h.Append("<table role=\"presentation\" width=\"600\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"width:600px;max-width:600px;background-color:#ffffff;border:1px solid #d1d5db;\">\n");
        h.Append("<tr><td bgcolor=\"").Append(Accent).Append("\" style=\"background-color:").Append(Accent).Append(";padding:14px 24px;").Append(Font)
         .Append("font-size:14px;color:#ffffff;\">").Append(E(appName)).Append("</td></tr>\n");
        h.Append("<tr><td style=\"padding:24px;").Append(Font).Append("font-size:15px;line-height:1.6;color:#111827;\">\n");
        h.Append("<h1 style=\"margin:0 0 16px 0;").Append(Font).Append("font-size:20px;font-weight:bold;color:#111827;\">").Append(E(heading)).Append("</h1>\n");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case MailParagraph p:
                    h.Append("<p style=\"margin:0 0 12px 0;\">").Append(Lines(p.Text)).Append("</p>\n");
                    break;
                case MailTable t:
                    h.Append("<table cellpadding=\"6\" cellspacing=\"0\" border=\"1\" style=\"border-collapse:collapse;border:1px solid #d1d5db;margin:0 0 16px 0;").Append(Font).Append("font-size:14px;\">\n<tr>");
                    foreach (var header in t.Headers)
                        h.Append("<th align=\"left\" style=\"background-color:#f3f4f6;border:1px solid #d1d5db;padding:6px 10px;\">").Append(E(header)).Append("</th>");
                    h.Append("</tr>\n");
                    foreach (var row in t.Rows)
                    {
                        h.Append("<tr>");
                        foreach (var cell in row) h.Append("<td style=\"border:1px solid #d1d5db;padding:6px 10px;\">").Append(E(cell)).Append("</td>");
                        h.Append("</tr>\n");
                    }
                    h.Append("</table>\n");
                    break;
            }
        }
        if (link is not null)
        {
            h.Append("<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"margin:20px 0 12px 0;\"><tr><td bgcolor=\"").Append(Accent)
             .Append("\" style=\"background-color:").Append(Accent).Append(";padding:10px 20px;\"><a href=\"").Append(E(link))
             .Append("\" style=\"").Append(Font).Append("font-size:15px;color:#ffffff;text-decoration:none;font-weight:bold;\">").Append(E(openLabel)).Append("</a></td></tr></table>\n");
            h.Append("<p style=\"margin:0;font-size:12px;color:#6b7280;\">").Append(E(fallback)).Append("<br>\n<a href=\"").Append(E(link))
             .Append("\" style=\"color:#1d4ed8;word-break:break-all;\">").Append(E(link)).Append("</a></p>\n");
        }
        h.Append("</td></tr>\n");
        h.Append("<tr><td style=\"padding:12px 24px;border-top:1px solid #e5e7eb;").Append(Font).Append("font-size:12px;color:#6b7280;\">").Append(E(footer)).Append("</td></tr>\n");
        h.Append("</table>\n</td></tr></table>\n</body>\n</html>\n");
        return h.ToString();
    }

    private static string Text(string appName, string heading, IReadOnlyList<MailBlock> blocks, string? link, string openLabel, string footer)
    {
        var t = new StringBuilder();
        t.Append(appName).Append('\n').Append('\n').Append(heading).Append('\n').Append('\n');
        foreach (var block in blocks)
        {
            switch (block)
            {
                case MailParagraph p:
                    t.Append(p.Text).Append('\n').Append('\n');
                    break;
                case MailTable table:
                    t.Append(string.Join(" | ", table.Headers)).Append('\n');
                    foreach (var row in table.Rows) t.Append(string.Join(" | ", row)).Append('\n');
                    t.Append('\n');
                    break;
            }
        }
        if (link is not null) t.Append(openLabel).Append(": ").Append(link).Append('\n').Append('\n');
        t.Append("-- \n").Append(footer).Append('\n');
        return t.ToString().ReplaceLineEndings("\r\n");
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);

    private static string Lines(string text) => string.Join("<br>\n", text.ReplaceLineEndings("\n").Split('\n').Select(E));
}
