using Microsoft.AspNetCore.Identity;

namespace SurveyPlatform.Data.Entities;

/// <summary>An account of the console (organizers, police reviewers, advocates, administrators). Never a respondent.</summary>
public class AppUser : IdentityUser
{
}
