using SurveyPlatform.Web.Hosting;

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = PlatformSetup.ContentRoot(args) });
builder.AddSurveyPlatform();

var app = builder.Build();
if (!await app.PrepareDatabaseAsync())
{
    await app.DisposeAsync(); // flushes the log, so the reason reaches the console before the process ends
    return 1;
}

app.UseSurveyPlatform();
await app.RunAsync();
return 0;
