using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PlateletTwins.ServiceDefaults.Configuration;

/// <summary>
/// How every options class of the services is bound and checked: from its configuration section, by its
/// source-generated validator (<c>[OptionsValidator]</c> over its data annotations), when the host starts, so that a
/// service whose settings cannot work does not start; and its refusals name the configuration key to fix
/// (<see cref="ConfigurationKeyValidator{TOptions}"/>).
/// </summary>
public static class CheckedOptions
{
    public static OptionsBuilder<TOptions> AddCheckedOptions<TOptions, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>, new()
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new ConfigurationKeyValidator<TOptions>(new TValidator(), section));
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }
}
