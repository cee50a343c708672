using SurveyPlatform.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddSurveyPlatform();

var app = builder.Build();
if (!await app.PrepareDatabaseAsync())
    return 1;

app.UseSurveyPlatform();
await app.RunAsync();
return 0;
