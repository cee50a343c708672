using System.Diagnostics;

namespace SurveyPlatform.Web.Tests.Features.Surveys;

/// <summary>The real server process refuses to start on an invalid survey definition, and says why.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task An_invalid_definition_stops_start_up_naming_file_path_and_problem()
    {
        var folder = Directory.CreateTempSubdirectory("sp-surveys-");
        var data = Directory.CreateTempSubdirectory("sp-data-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "broken.survey.json"),
                """{ "id": "broken", "version": "1", "default_language": "en", "languages": ["en"], "title": { "en": "B" }, "pages": [] }""");
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "SurveyPlatform.Web.dll"), "--urls", "http://127.0.0.1:0"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            start.Environment["Surveys__Directory"] = folder.FullName;
            start.Environment["DataDirectory"] = data.FullName;
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            var text = await output + await errors;

            Assert.Equal(1, process.ExitCode);
            Assert.Contains("broken.survey.json: $.pages: at least one page is required", text);
            Assert.Contains("broken.survey.json: $.consent: is required and must be an object", text);
            Assert.DoesNotContain("   at ", text); // no stack trace
        }
        finally
        {
            folder.Delete(true);
            data.Delete(true);
        }
    }
}
