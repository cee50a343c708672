using System.Text.Json;

namespace SurveyPlatform.Core.Definitions.Loading;

/// <summary>
/// Reads a localized text, <c>{ "en": "Next", "es": "Siguiente" }</c>, and insists on a non-empty
/// translation in every declared language: a respondent must never meet a blank or English-only question.
/// </summary>
internal static class LocalizedTextReader
{
    public static LocalizedText Read(JsonElement value, string path, ReadContext context)
    {
        var languages = context.Languages;
        var values = new Dictionary<string, string>();
        if (value.ValueKind != JsonValueKind.Object)
        {
            var example = languages is { Count: > 0 } ? $" such as {{ \"{languages[0]}\": \"…\" }}" : "";
            context.Error(path, $"must be an object from language code to text{example}, not {JsonObjectReader.Describe(value)}");
            return new LocalizedText(values);
        }
        foreach (var property in value.EnumerateObject())
        {
            var propertyPath = JsonPath.Property(path, property.Name);
            if (languages is not null && !languages.Contains(property.Name))
                context.Error(propertyPath, $"'{property.Name}' is not one of the survey's languages ({string.Join(", ", languages)}); add it to languages or remove this translation");
            else if (property.Value.ValueKind != JsonValueKind.String)
                context.Error(propertyPath, $"the '{property.Name}' translation must be a string, not {JsonObjectReader.Describe(property.Value)}");
            else if (string.IsNullOrWhiteSpace(property.Value.GetString()))
                context.Error(propertyPath, $"the '{property.Name}' translation is empty");
            else
                values[property.Name] = property.Value.GetString()!;
        }
        foreach (var missing in languages ?? [])
        {
            if (!value.TryGetProperty(missing, out _))
                context.Error(path, $"missing translation for '{missing}'");
        }
        return new LocalizedText(values);
    }
}
