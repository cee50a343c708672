using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Web.Features.Organizations;

/// <summary>How roles and organization kinds read in the console.</summary>
public static class RoleNames
{
    public static string Of(OrganizationRole role) => role switch
    {
        OrganizationRole.Organizer => "organizer",
        OrganizationRole.PoliceReviewer => "police reviewer",
        OrganizationRole.Advocate => "advocate",
        _ => role.ToString(),
    };

    public static string Explain(OrganizationRole role) => role switch
    {
        OrganizationRole.Organizer => "Organizers run surveys for their organization, see its responses and export them.",
        OrganizationRole.PoliceReviewer => "Police reviewers see the aggregated results of surveys shared with their department: no individual answers, no comments, no exports of answers.",
        OrganizationRole.Advocate => "Advocates read the aggregated results and reports of surveys shared with their organization.",
        _ => "",
    };

    public static string Of(OrganizationKind kind) => kind switch
    {
        OrganizationKind.Community => "community group",
        OrganizationKind.PoliceDepartment => "police department",
        OrganizationKind.Advocacy => "advocacy organization",
        _ => kind.ToString(),
    };
}
