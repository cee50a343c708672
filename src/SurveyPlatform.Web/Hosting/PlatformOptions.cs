namespace SurveyPlatform.Web.Hosting;

/// <summary>The <c>Surveys</c> configuration section.</summary>
public sealed class SurveysOptions
{
    public const string Section = "Surveys";
    /// <summary>Folder of <c>*.survey.json</c> files loaded at start-up; empty = the <c>surveys</c> folder shipped with the app.</summary>
    public string Directory { get; set; } = "";
    /// <summary>On a fresh database, open a demo run of the standard survey at <c>/s/community-trust</c>.</summary>
    public bool CreateDemoRun { get; set; } = true;
}

/// <summary>The <c>Respondent</c> configuration section.</summary>
public sealed class RespondentOptions
{
    public const string Section = "Respondent";
    /// <summary>Neutral site the "leave this page" link goes to, unless the run sets its own.</summary>
    public string QuickExitUrl { get; set; } = "https://www.google.com/search?q=weather";
    /// <summary>How long a respondent may take between two pages before the form expires.</summary>
    public double StateLifetimeHours { get; set; } = 6;
}
