using System.Text.Json;

namespace SurveyPlatform.Core.Definitions.Loading;

/// <summary>
/// JSON parsers keep one of two equal property names and drop the other silently; in a translation or an
/// option that hides a mistake, so every repeated name is reported.
/// </summary>
internal static class DuplicateProperties
{
    public static void Report(JsonElement element, string path, ReadContext context)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var seen = new HashSet<string>();
                foreach (var property in element.EnumerateObject())
                {
                    var propertyPath = JsonPath.Property(path, property.Name);
                    if (!seen.Add(property.Name))
                        context.Error(propertyPath, $"'{property.Name}' appears more than once in this object; keep one");
                    Report(property.Value, propertyPath, context);
                }
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var child in element.EnumerateArray())
                    Report(child, JsonPath.Index(path, index++), context);
                break;
        }
    }
}
