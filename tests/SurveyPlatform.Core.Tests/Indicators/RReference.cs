using System.Diagnostics;
using System.Globalization;

namespace SurveyPlatform.Core.Tests.Indicators;

/// <summary>Runs an R script with the reference implementation (R's survey package) and reads back the CSV it writes.</summary>
internal static class RReference
{
    public static List<Dictionary<string, string>> Run(string script, params (string Name, string Csv)[] inputs)
    {
        var dir = Directory.CreateTempSubdirectory("surveyplatform-r-");
        try
        {
            foreach (var (name, csv) in inputs) File.WriteAllText(Path.Combine(dir.FullName, name), csv);
            File.WriteAllText(Path.Combine(dir.FullName, "check.R"), "suppressPackageStartupMessages(library(survey))\n" + script);
            var start = new ProcessStartInfo("Rscript", "--vanilla check.R")
            {
                WorkingDirectory = dir.FullName,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            };
            Process process;
            try
            {
                process = Process.Start(start)!;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                Assert.Fail("Rscript was not found. The cross-check needs R's survey package: apt-get install r-base-core r-cran-survey (./test.sh installs it).");
                throw;
            }
            var stderr = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, "R failed: " + stderr.Result);
            var lines = File.ReadAllLines(Path.Combine(dir.FullName, "out.csv"));
            var header = lines[0].Split(',').Select(h => h.Trim('"')).ToArray();
            return lines.Skip(1).Select(l => l.Split(',').Select((v, i) => (header[i], v.Trim('"'))).ToDictionary(x => x.Item1, x => x.Item2)).ToList();
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    public static double Number(this Dictionary<string, string> row, string key) =>
        row[key] is "NA" or "NaN" ? double.NaN : double.Parse(row[key], CultureInfo.InvariantCulture);
}
