using System.Diagnostics;
using System.Globalization;

namespace SurveyPlatform.Benchmarks;

/// <summary>Runs an action several times and keeps min, median and max wall-clock time.</summary>
internal sealed record Timing(string Name, long Size, double Min, double Median, double Max, double CpuMedian, string Target)
{
    public static Timing Measure(string name, long size, string target, int runs, Action action, Action? before = null)
    {
        var times = new List<double>();
        var cpu = new List<double>();
        var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            before?.Invoke();
            GC.Collect();
            GC.WaitForPendingFinalizers();
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            action();
            times.Add(watch.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }
        times.Sort();
        cpu.Sort();
        var t = new Timing(name, size, times[0], times[times.Count / 2], times[^1], cpu[cpu.Count / 2], target);
        Console.WriteLine(t.Row());
        return t;
    }

    public string Row() => string.Create(CultureInfo.InvariantCulture,
        $"| {Name} | {Size:N0} | {Min:N0} | {Median:N0} | {Max:N0} | {CpuMedian:N0} | {Target} |");
}
