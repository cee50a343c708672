using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of its own (not the shared test server) that a test may stop and start: initdb into a
/// temporary folder, password authentication, loopback only. Uses Debian's postgresql package, as tests/postgres.sh does.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    public const string Password = "outage-test-password";
    private readonly string _bin;
    private readonly string _folder;

    private ThrowawayPostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    public string ConnectionString(string database, string password = Password) =>
        $"Host=127.0.0.1;Port={Port};Username=surveyplatform;Password={password};Database={database};Timeout=5;Command Timeout=15";

    public static async Task<ThrowawayPostgres> StartAsync()
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(Directory.Exists)
                .OrderBy(d => d, StringComparer.Ordinal).LastOrDefault()
            : null;
        Assert.True(bin is not null, "PostgreSQL is not installed (Debian package postgresql; ./test.sh installs it).");
        var folder = Directory.CreateTempSubdirectory("sp-outage-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var passwordFile = Path.Combine(folder, "password");
        await File.WriteAllTextAsync(passwordFile, Password);
        if (IsRoot)
            await RunAsync("chown", ["-R", "postgres:postgres", folder]);
        var cluster = new ThrowawayPostgres(bin, folder, FreePort());
        await cluster.AsPostgresAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "surveyplatform", "--auth=scram-sha-256", $"--pwfile={passwordFile}"]);
        await cluster.StartAgainAsync();
        return cluster;
    }

    public Task StartAgainAsync() => AsPostgresAsync(Path.Combine(_bin, "pg_ctl"),
        ["-D", Path.Combine(_folder, "data"), "-o", $"-p {Port} -k {_folder} -c listen_addresses=127.0.0.1", "-l", Path.Combine(_folder, "log"), "-w", "start"]);

    /// <summary>Stops the server at once, as a crash or a pulled plug does (open connections are cut).</summary>
    public Task StopAsync() => AsPostgresAsync(Path.Combine(_bin, "pg_ctl"), ["-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop"]);

    public async ValueTask DisposeAsync()
    {
        try { await StopAsync(); } catch (InvalidOperationException) { } // already stopped
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static bool IsRoot => Environment.UserName == "root";

    private Task AsPostgresAsync(string program, string[] args) =>
        IsRoot ? RunAsync("runuser", ["-u", "postgres", "--", program, .. args]) : RunAsync(program, args);

    private static async Task RunAsync(string program, string[] args)
    {
        var start = new ProcessStartInfo(program, args) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
