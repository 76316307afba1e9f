using Microsoft.Extensions.Options;

namespace PlateletTwins.ServiceDefaults.Configuration;

/// <summary>A source-generated validator whose failures name configuration keys (<see cref="ConfigurationKeys.InFailure"/>).</summary>
internal sealed class ConfigurationKeyValidator<TOptions>(IValidateOptions<TOptions> generated, string section) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var result = generated.Validate(name, options);
        return result.Failed
            ? ValidateOptionsResult.Fail(result.Failures!.Select(failure => ConfigurationKeys.InFailure(failure, typeof(TOptions).Name, section)))
            : result;
    }
}
