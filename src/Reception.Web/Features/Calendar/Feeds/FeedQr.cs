using QRCoder;

namespace Reception.Web.Features.Calendar.Feeds;

/// <summary>A QR code as inline SVG (scales with its box; no image file, no script).</summary>
public static class FeedQr
{
    public static string Svg(string text)
    {
        using var data = QRCodeGenerator.GenerateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", drawQuietZones: true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
