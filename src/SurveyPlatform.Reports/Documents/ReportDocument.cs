using SurveyPlatform.Reports.Layout;

namespace SurveyPlatform.Reports.Documents;

/// <summary>A report composed from components: its content flow, its running header and footer, and its title.</summary>
internal interface IReportDocument
{
    string Title { get; }
    Block Compose();
    PageDecoration? Header { get; }
    PageDecoration? Footer { get; }
}
