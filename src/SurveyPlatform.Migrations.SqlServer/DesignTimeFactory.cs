using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using SurveyPlatform.Data;

namespace SurveyPlatform.Migrations.SqlServer;

/// <summary>Used by <c>dotnet ef migrations add</c>; the connection string is never opened for scaffolding.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<SurveyDbContext>
{
    public SurveyDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SurveyDbContext>();
        DatabaseSetup.Configure(builder, DatabaseProvider.SqlServer, DesignTimeConnection);
        return new SurveyDbContext(builder.Options);
    }

    private const string DesignTimeConnection = "Server=localhost;Database=SurveyPlatform;Trusted_Connection=True;TrustServerCertificate=True";
}
