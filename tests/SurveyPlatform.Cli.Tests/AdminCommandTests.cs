using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;

namespace SurveyPlatform.Cli.Tests;

public sealed class AdminCommandTests : IDisposable
{
    private readonly CliRunner _cli = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _cli.Dispose();
    }

    [Fact]
    public async Task Creates_an_administrator_on_a_fresh_data_directory_with_the_password_from_standard_input()
    {
        var dataDir = _cli.PathOf("fresh");
        var result = _cli.RunWithInput("river lamp orchard velvet\n", "admin", "create", "--email", "admin@example.org", "--password-stdin", "--data-dir", dataDir);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Administrator admin@example.org created", result.Out);

        var options = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.Sqlite, DatabaseSetup.ResolveConnectionString(new DatabaseOptions(), dataDir));
        await using var db = new SurveyDbContext(options.Options);
        var admins = await (from ur in db.UserRoles
                            join r in db.Roles on ur.RoleId equals r.Id
                            join u in db.Users on ur.UserId equals u.Id
                            where r.Name == "Administrator"
                            select u.Email).ToListAsync();
        Assert.Equal(["admin@example.org"], admins);

        var again = _cli.RunWithInput("another long passphrase here", "admin", "create", "--email", "admin@example.org", "--password-stdin", "--data-dir", dataDir);
        Assert.Equal(ExitCodes.InvalidInput, again.ExitCode);
        Assert.Contains("already taken", again.Error);
    }

    [Theory]
    [InlineData("password1234\n", "too easy to guess")]
    [InlineData("short\n", "at least 12 characters")]
    [InlineData("", "no password on standard input")]
    public void Refuses_weak_or_missing_passwords_with_a_clear_message(string input, string message)
    {
        var result = _cli.RunWithInput(input, "admin", "create", "--email", "admin@example.org", "--password-stdin", "--data-dir", _cli.PathOf("weak"));
        Assert.Equal(ExitCodes.InvalidInput, result.ExitCode);
        Assert.Contains(message, result.Error);
    }

    [Fact]
    public void Without_password_stdin_or_with_a_bad_email_it_says_what_is_needed()
    {
        var noStdin = _cli.Run("admin", "create", "--email", "admin@example.org", "--data-dir", _cli.PathOf("x"));
        Assert.Equal(ExitCodes.InvalidInput, noStdin.ExitCode);
        Assert.Contains("--password-stdin is required", noStdin.Error);
        var badEmail = _cli.RunWithInput("river lamp orchard velvet", "admin", "create", "--email", "not-an-email", "--password-stdin", "--data-dir", _cli.PathOf("x"));
        Assert.Contains("is not an email address", badEmail.Error);
    }
}
