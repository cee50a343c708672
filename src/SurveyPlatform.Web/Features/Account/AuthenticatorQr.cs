using QRCoder;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>The otpauth link an authenticator app reads, drawn as an inline SVG QR code (no image request, no script).</summary>
public static class AuthenticatorQr
{
    public static string Uri(string account, string key) =>
        $"otpauth://totp/{System.Uri.EscapeDataString("SurveyPlatform")}:{System.Uri.EscapeDataString(account)}?secret={key}&issuer=SurveyPlatform&digits=6";

    public static string Svg(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}
