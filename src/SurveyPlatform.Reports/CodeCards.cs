using SurveyPlatform.Core.Definitions;

namespace SurveyPlatform.Reports;

/// <summary>One card: the code as the survey reads it (in its link and QR code) and as it is printed for typing (XXXXX-XXXXX).</summary>
public sealed record CodeCard(string Code, string Printed);

/// <summary>
/// Printable one-time code cards, eight to a page, in the language the organizer chooses. Each card has the survey's
/// title, a QR code and the printed address <c>{survey address}#code={code}</c> (the code in the address fragment,
/// which browsers never send to a server or keep in logs), the code in large type, and a line saying it works once.
/// </summary>
/// <param name="SurveyAddress">The survey's public address, <c>{public base}/s/{slug}</c>.</param>
/// <param name="Language">One of the report languages (en, es, zh-Hans, vi, ar, ht) or a regional form of one.</param>
/// <param name="Organization">Who hands the cards out; the PDF's author.</param>
public sealed record CodeCardRequest(string SurveyAddress, IReadOnlyList<CodeCard> Cards, string Language, string Organization)
{
    /// <summary>The survey, for its title in the card's language (else <see cref="Title"/>).</summary>
    public SurveyDefinition? Survey { get; init; }
    /// <summary>The title printed when there is no survey definition (e.g. the run's name).</summary>
    public string? Title { get; init; }
    public ReportPageSize PageSize { get; init; } = ReportPageSize.Letter;
    /// <summary>When the sheet is made (the PDF's dates); default now.</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>The address a card's QR code opens and prints: the survey address with the code in its fragment.</summary>
    public static string Link(string surveyAddress, string code)
    {
        ArgumentNullException.ThrowIfNull(surveyAddress);
        ArgumentNullException.ThrowIfNull(code);
        return $"{surveyAddress.TrimEnd('/')}#code={Uri.EscapeDataString(code)}";
    }
}
