using System.Diagnostics;
using SurveyPlatform.LoadDriver;

// Load driver for the respondent flow: virtual respondents that GET the survey, read the protected state
// (the browser's cookie is kept), answer every page with valid random answers (the server applies skip logic)
// and go on to the thank-you page. Loopback only; bounded in submissions and in time.
var options = DriverOptions.Parse(args);
if (options is null)
{
    Console.Error.WriteLine(DriverOptions.Usage);
    return 2;
}
if (options.Warmup > TimeSpan.Zero)
{
    var warm = await Driver.RunAsync(options with { Duration = options.Warmup, Output = null });
    Console.Error.WriteLine($"warm-up: {warm.Completed} submissions in {warm.Elapsed.TotalSeconds:0.0} s, {warm.Failed} failed (not measured)");
}
var result = await Driver.RunAsync(options);
var report = Report.Markdown(options, result);
Console.WriteLine(report);
if (options.Output is { } output)
{
    await File.AppendAllTextAsync(output, report + Environment.NewLine);
    Console.Error.WriteLine($"appended to {output}");
}
return result.Failed == 0 && (result.RowsInDatabase is null || result.RowsInDatabase == result.Completed + result.RowsBefore) ? 0 : 1;
