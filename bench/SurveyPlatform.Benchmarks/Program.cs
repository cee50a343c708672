using System.Globalization;
using System.Runtime.InteropServices;
using SurveyPlatform.Benchmarks;
using SurveyPlatform.Core.Definitions;
using SurveyPlatform.Core.Indicators;
using SurveyPlatform.Core.Responses;

// Usage: dotnet run -c Release --project bench/SurveyPlatform.Benchmarks -- [indicators|load|import|mix|report|disclosure|all]
//        [--sizes 10000,100000,1000000] [--runs 5] [--out file.md] [--cli path/to/survey.dll]
// "report" renders the brief and runs `survey report` end to end: the CLI built in Release, or the one --cli names
// (e.g. `dotnet publish src/SurveyPlatform.Cli -c Release -r linux-x64 -p:PublishReadyToRun=true`, the files of the installed Linux x64 tool).
var mode = args.FirstOrDefault(a => !a.StartsWith("--")) ?? "all";
var sizes = Arg("--sizes")?.Split(',').Select(int.Parse).ToArray() ?? [10_000, 100_000, 1_000_000];
var runs = int.Parse(Arg("--runs") ?? "5", CultureInfo.InvariantCulture);
var definition = DefinitionLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "surveys", "community-trust.survey.json"));
var results = new List<Timing>();
var work = Directory.CreateTempSubdirectory("surveyplatform-bench-");
try
{
    if (mode is "disclosure" or "all") results.AddRange(DisclosurePath.FirstAudit(definition));
    foreach (var size in sizes)
    {
        var table = SyntheticResponses.Generate(definition, new SyntheticOptions { Count = size, Seed = 1, Sites = ["cook", "harris"], Waves = ["2026-Q1", "2026-Q2"] });
        if (mode is "indicators" or "all") results.AddRange(DataPath.Indicators(table, size, runs));
        if (mode is "disclosure" or "all") results.AddRange(DisclosurePath.Release(definition, table, size, runs));
        if (mode is "import" or "load" or "mix" or "all") results.AddRange(await DataPath.ImportAndLoadAsync(definition, table, size, runs, work.FullName));
        if (mode is "report" or "all")
        {
            results.AddRange(ReportPath.Render(definition, table, size, runs));
            if ((Arg("--cli") ?? FindCli()) is { } cli && File.Exists(cli))
                results.Add(ReportPath.EndToEnd(definition, table, size, runs, work.FullName, cli, Arg("--cli") is null ? "CLI as built" : "CLI given by --cli"));
        }
    }
}
finally
{
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    work.Delete(recursive: true);
}

var report = new System.Text.StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GiB, {RuntimeInformation.OSDescription}, .NET {Environment.Version}; load average before: {LoadAverage()}");
report.AppendLine();
report.AppendLine("| benchmark | responses | min ms | median ms | max ms | CPU ms (median, this process, all threads) | target |");
report.AppendLine("|---|---:|---:|---:|---:|---:|---|");
foreach (var t in results) report.AppendLine(t.Row());
Console.WriteLine();
Console.WriteLine(report);
if (Arg("--out") is { } output) File.WriteAllText(output, report.ToString());
return 0;

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string? FindCli()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "SurveyPlatform.sln")))
            return Path.Combine(dir.FullName, "src", "SurveyPlatform.Cli", "bin", "Release", "net10.0", "survey.dll");
    }

    return null;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";
