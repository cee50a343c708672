using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SurveyPlatform.Data;

namespace SurveyPlatform.Migrations.Sqlite;

/// <summary>Used by <c>dotnet ef migrations add</c>; the connection string is never opened for scaffolding.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SurveyDbContext>
{
    public SurveyDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(builder, DatabaseProvider.Sqlite, DesignTimeConnection);
        return new SurveyDbContext(builder.Options);
    }

    private const string DesignTimeConnection = "Data Source=design-time.db";
}
