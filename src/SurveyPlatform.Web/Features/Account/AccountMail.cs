using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SurveyPlatform.Web.Features.Account;

/// <summary>The <c>Email</c> configuration section: an SMTP server for invitations and reset links. Optional.</summary>
public sealed class EmailOptions
{
    public const string Section = "Email";

    /// <summary>SMTP server; empty = no email is sent, links are copied and passed on by hand.</summary>
    public string Host { get; set; } = "";
    public int Port { get; set; } = 587;
    /// <summary><c>StartTls</c> (port 587), <c>SslOnConnect</c> (port 465) or <c>None</c> (a relay on this machine only).</summary>
    public string Security { get; set; } = "StartTls";
    public string UserName { get; set; } = "";
    public string Password { get; set; } = "";
    /// <summary>The sender's address, such as <c>surveys@example.org</c>.</summary>
    public string From { get; set; } = "";
    public string FromName { get; set; } = "SurveyPlatform";

    public bool IsConfigured => Host.Length > 0 && From.Length > 0;
}

/// <summary>Sends invitation and reset links by email when an SMTP server is configured (MailKit).</summary>
public sealed class AccountMail(IOptions<EmailOptions> options, ILogger<AccountMail> logger)
{
    public bool IsConfigured => options.Value.IsConfigured;

    public Task<bool> SendInvitationAsync(string to, string organization, string role, string link, double days, CancellationToken ct = default) =>
        SendAsync(to, $"Invitation to {organization} on SurveyPlatform",
            $"""
            You are invited to join {organization} on SurveyPlatform as {role}.

            Open this link to create your account or to join with the account you have:
            {link}

            The link works once and for {days:0.#} days. If you did not expect this message, you can ignore it.
            """, ct);

    public Task<bool> SendResetAsync(string to, string link, bool authenticator, double hours, CancellationToken ct = default) =>
        SendAsync(to, "Reset your SurveyPlatform password",
            $"""
            An administrator of SurveyPlatform made a link for you to choose a new password{(authenticator ? " and set up your authenticator app again" : "")}:
            {link}

            The link works once and for {hours:0.#} hours. If you did not ask for this, tell your administrator.
            """, ct);

    /// <summary>True when the server accepted the message; false (and a log line without the link) when it could not be sent.</summary>
    private async Task<bool> SendAsync(string to, string subject, string body, CancellationToken ct)
    {
        var o = options.Value;
        if (!o.IsConfigured)
            return false;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(o.FromName, o.From));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        try
        {
            using var smtp = new SmtpClient();
            smtp.Timeout = 30_000;
            var security = Enum.TryParse<SecureSocketOptions>(o.Security, ignoreCase: true, out var parsed) ? parsed : SecureSocketOptions.StartTls;
            await smtp.ConnectAsync(o.Host, o.Port, security, ct);
            if (o.UserName.Length > 0)
                await smtp.AuthenticateAsync(o.UserName, o.Password, ct);
            await smtp.SendAsync(message, ct);
            await smtp.DisconnectAsync(quit: true, ct);
            return true;
        }
        catch (Exception e) when (e is MailKit.ProtocolException or MailKit.CommandException or IOException
                                   or System.Net.Sockets.SocketException or AuthenticationException or OperationCanceledException)
        {
            // The link itself is never logged: it is a credential.
            logger.LogWarning("Email to {To} could not be sent through {Host}:{Port}: {Reason}", to, o.Host, o.Port, e.Message);
            return false;
        }
    }
}
