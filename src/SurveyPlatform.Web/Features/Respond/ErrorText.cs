using SurveyPlatform.Core.Localization;
using SurveyPlatform.Core.Responses;

namespace SurveyPlatform.Web.Features.Respond;

public static class ErrorText
{
    public static string For(AnswerError error, string lang) => UiStrings.Format(error.MessageKey, lang, error.Arguments);
}
