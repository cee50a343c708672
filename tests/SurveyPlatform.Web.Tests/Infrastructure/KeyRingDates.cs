using System.Globalization;
using System.Xml.Linq;
using Microsoft.EntityFrameworkCore;
using SurveyPlatform.Data;

namespace SurveyPlatform.Web.Tests.Infrastructure;

/// <summary>
/// The key ring in the database records when each key was made (at start-up) and until when it lives. Tests that look
/// for visit times in the database check those dates apart: each must come before the first visit (a key made on first
/// use would date that visit), then they are taken out of the text searched.
/// </summary>
public static class KeyRingDates
{
    public static async Task<string> WithoutKeyDatesAsync(this PlatformFactory factory, string written, DateTime firstVisit)
    {
        await using var db = await factory.Service<IDbContextFactory<SurveyDbContext>>().CreateDbContextAsync();
        var keys = await db.DataProtectionKeys.Select(k => k.Xml!).ToListAsync();
        Assert.NotEmpty(keys);
        foreach (var xml in keys)
        {
            var key = XElement.Parse(xml);
            var created = DateTime.Parse(key.Element("creationDate")!.Value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
            Assert.True(created <= firstVisit, $"a key was made at {created:O}, after the first visit at {firstVisit:O}");
            foreach (var date in key.Elements().Where(e => e.Name.LocalName.EndsWith("Date", StringComparison.Ordinal)))
                written = written.Replace(date.Value, "(key date)", StringComparison.Ordinal);
        }
        return written;
    }
}
