using System.ComponentModel;
using System.Globalization;
using System.Text.Json;

namespace PlateletTwins.ServiceDefaults.Configuration;

/// <summary>
/// Binds an enum from configuration by its names alone, in any case, as they are documented (camelCase: <c>off</c>,
/// <c>cloud</c>). The enum's own converter also takes numbers and comma-separated lists, which no setting means, and
/// refuses a misspelt name without saying what it could be; this one says (the binder's error around it names the key).
/// </summary>
public sealed class NameConverter<T> : EnumConverter where T : struct, Enum
{
    public NameConverter() : base(typeof(T))
    {
    }

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is not string text ? base.ConvertFrom(context, culture, value)
        : Enum.GetNames<T>().FirstOrDefault(name => name.Equals(text.Trim(), StringComparison.OrdinalIgnoreCase)) is { } found ? Enum.Parse<T>(found)
        : throw new FormatException($"'{text}' is not one of {string.Join(", ", SettingNames.Of<T>())}.");
}

/// <summary>An enum's values as a setting takes and documents them: camelCase names.</summary>
public static class SettingNames
{
    public static IEnumerable<string> Of<T>() where T : struct, Enum => Enum.GetNames<T>().Select(JsonNamingPolicy.CamelCase.ConvertName);

    public static string Of<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
