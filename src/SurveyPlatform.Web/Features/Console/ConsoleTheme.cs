using MudBlazor;

namespace SurveyPlatform.Web.Features.Console;

/// <summary>Colours with at least 4.5:1 contrast for text (WCAG 2.2 AA).</summary>
public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1a4f8b",
            Secondary = "#6a3d8f",
            AppbarBackground = "#1a4f8b",
            TextSecondary = "#4a4a4a",
            Error = "#b00020",
            Success = "#1b6e2f",
            Warning = "#8a5300",
            Info = "#0b5cad",
        },
    };
}
