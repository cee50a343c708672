namespace SurveyPlatform.Web.Hosting;

/// <summary>
/// What keeps several instances on one database in step (docs/architecture.md, "Many instances, one database"): the
/// run catalog follows the database (<see cref="CatalogRefresh"/>); keys, secrets, code sheets and the setup link live
/// in the database (<see cref="KeyRing"/>, <see cref="SharedSecrets"/>).
/// </summary>
public static class ManyInstances
{
    public static void AddManyInstances(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(InstancesOptions.Section).Get<InstancesOptions>() ?? new InstancesOptions();
        builder.Services.AddSingleton(options);
        builder.Services.AddHostedService<CatalogRefresh>();
    }
}
