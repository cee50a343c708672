using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using SurveyPlatform.Data;
using SurveyPlatform.Data.Accounts;
using SurveyPlatform.Data.Entities;

namespace SurveyPlatform.Cli.Commands;

/// <summary>
/// <c>survey admin create --email … --password-stdin</c>: the headless alternative to the setup link the server
/// prints on first run. The password is read from standard input so that it never appears in the shell history
/// or the process list.
/// </summary>
internal static class AdminCommand
{
    public static Command Create(CliConsole console, TextReader input)
    {
        var database = new CliDatabase();
        var email = new Option<string>("--email") { Description = "Email address of the administrator (used to sign in)", Required = true };
        var passwordStdin = new Option<bool>("--password-stdin") { Description = "Read the password from standard input (required)" };
        var create = new Command("create", "Create a platform administrator account (migrates the database first when needed)") { email, passwordStdin };
        database.AddTo(create);
        create.SetAction(async (parse, ct) =>
        {
            if (!parse.GetValue(passwordStdin))
                throw new InputException("--password-stdin is required: pass the password on standard input, e.g. `cat password.txt | survey admin create --email … --password-stdin`");
            var address = parse.GetValue(email)!.Trim();
            if (!new EmailAddressAttribute().IsValid(address))
                throw new InputException($"--email '{address}' is not an email address; allowed: name@example.org");
            var password = (await input.ReadToEndAsync(ct)).TrimEnd('\r', '\n');
            if (password.Length == 0)
                throw new InputException("no password on standard input");

            await using var db = database.Open(parse, createIfMissing: true);
            await DatabaseSetup.MigrateAsync(db, ct);
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddSingleton(db);
            services.AddIdentityCore<AppUser>(o => { AccountRules.Passwords(o.Password); o.User.RequireUniqueEmail = true; })
                .AddRoles<IdentityRole>()
                .AddEntityFrameworkStores<SurveyDbContext>()
                .AddPasswordValidator<CommonPasswordValidator>();
            await using var provider = services.BuildServiceProvider();
            using var scope = provider.CreateScope();
            var result = await AccountRules.CreateAdministratorAsync(
                scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>(),
                scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>(), address, password);
            if (!result.Succeeded)
                throw new InputException(string.Join(" ", result.Errors.Select(e => e.Description)));
            console.Out.WriteLine($"Administrator {address} created. Sign in at /account/login; you will be asked to set up an authenticator app.");
            return ExitCodes.Ok;
        });
        return new Command("admin", "Manage platform administrators") { create };
    }
}
