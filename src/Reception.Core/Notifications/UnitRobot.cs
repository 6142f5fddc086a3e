using System.Security.Cryptography;
using System.Text;
using Reception.Core.Common;

namespace Reception.Core.Notifications;

/// <summary>The chat app of a group robot.</summary>
public enum RobotKind
{
    /// <summary>企业微信 group robot: JSON POST to its webhook address, no signature.</summary>
    WeCom = 1,

    /// <summary>钉钉 group robot: JSON POST to its webhook address, signed with the robot's secret ("加签").</summary>
    DingTalk = 2,
}

/// <summary>
/// An org unit's group robot (issue 15, item 12): the work chat that receives the unit's duty reminders, weekly bulletin
/// and red-card alerts. One per unit. The secret (钉钉 "加签") is stored and never shown back.
/// </summary>
public sealed class UnitRobot
{
    public const int UrlMaxLength = 256;
    public const int SecretMaxLength = 200;

    private UnitRobot() { Url = ""; }

    public UnitRobot(int orgUnitId, RobotKind kind, string url, string? secret, DateTime nowUtc)
    {
        OrgUnitId = orgUnitId;
        Url = "";
        Set(kind, url, secret, nowUtc);
    }

    public int OrgUnitId { get; private set; }
    public RobotKind Kind { get; private set; }
    public string Url { get; private set; }
    public string? Secret { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    /// <summary>Sets the robot; a null <paramref name="secret"/> keeps the stored one (the form never shows it).</summary>
    public void Set(RobotKind kind, string url, string? secret, DateTime nowUtc)
    {
        Kind = kind;
        Url = url.Trim();
        if (secret is not null) Secret = secret.Length == 0 ? null : secret.Trim();
        if (Kind != RobotKind.DingTalk) Secret = null;
        UpdatedAtUtc = nowUtc;
    }

    /// <summary>The hosts each kind's webhook lives on.</summary>
    public static string HostOf(RobotKind kind) => kind == RobotKind.WeCom ? "qyapi.weixin.qq.com" : "oapi.dingtalk.com";

    /// <summary>
    /// Null when the settings are usable; else what is wrong (a message key). The address must be an absolute https
    /// address (http is accepted for a loopback test receiver only when <paramref name="allowAnyHost"/>), on the kind's
    /// host unless <paramref name="allowAnyHost"/> (a private deployment's proxy); a 钉钉 secret starts "SEC".
    /// </summary>
    public static LocalizableMessage? ValidateUrl(RobotKind kind, string? url, bool allowAnyHost)
    {
        if (string.IsNullOrWhiteSpace(url)) return new LocalizableMessage(RobotMessages.UrlRequired);
        if (url.Trim().Length > UrlMaxLength) return new LocalizableMessage(RobotMessages.UrlTooLong, UrlMaxLength);
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && !(allowAnyHost && uri.Scheme == Uri.UriSchemeHttp)))
            return new LocalizableMessage(RobotMessages.UrlInvalid);
        if (!allowAnyHost && !string.Equals(uri.Host, HostOf(kind), StringComparison.OrdinalIgnoreCase))
            return new LocalizableMessage(RobotMessages.UrlWrongHost, HostOf(kind));
        return null;
    }

    public static LocalizableMessage? ValidateSecret(RobotKind kind, string? secret, bool hasStored)
    {
        if (kind != RobotKind.DingTalk) return null;
        if (string.IsNullOrWhiteSpace(secret)) return hasStored ? null : new LocalizableMessage(RobotMessages.SecretRequired);
        if (secret.Trim().Length > SecretMaxLength) return new LocalizableMessage(RobotMessages.SecretTooLong, SecretMaxLength);
        return secret.Trim().StartsWith("SEC", StringComparison.Ordinal) ? null : new LocalizableMessage(RobotMessages.SecretInvalid);
    }

    /// <summary>"SEC••••89ab": the prefix and the last four characters of a secret, the rest hidden.</summary>
    public static string Mask(string? secret) =>
        string.IsNullOrEmpty(secret) ? "" : secret.Length <= 8 ? new string('•', secret.Length) : $"{secret[..3]}••••{secret[^4..]}";

    /// <summary>
    /// 钉钉's signature ("加签"): Base64(HMAC-SHA256(key: secret, data: "{timestamp}\n{secret}")), URL-encoded, appended as
    /// "&amp;timestamp={ms}&amp;sign={…}" to the webhook address. <paramref name="timestampMs"/> is Unix milliseconds.
    /// </summary>
    public static string Sign(string secret, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var data = Encoding.UTF8.GetBytes(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{timestampMs}\n{secret}"));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), data);
        return Uri.EscapeDataString(Convert.ToBase64String(mac));
    }

    /// <summary>The address a signed 钉钉 request goes to.</summary>
    public static string SignedUrl(string url, string? secret, long timestampMs)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (string.IsNullOrEmpty(secret)) return url;
        var separator = url.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{url}{separator}timestamp={timestampMs}&sign={Sign(secret, timestampMs)}");
    }
}

/// <summary>Message keys (English text) of the robot settings.</summary>
public static class RobotMessages
{
    public const string UrlRequired = "Enter the robot's webhook address.";
    public const string UrlTooLong = "The webhook address has at most {0} characters.";
    public const string UrlInvalid = "The webhook address must be a full https:// address.";
    public const string UrlWrongHost = "A robot of this kind has its webhook address on {0}.";
    public const string SecretRequired = "Enter the secret shown under 加签 in the DingTalk robot's security settings.";
    public const string SecretTooLong = "The secret has at most {0} characters.";
    public const string SecretInvalid = "A DingTalk robot's secret starts with SEC.";
}
