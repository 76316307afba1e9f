namespace PlateletTwins.MockAdt.Auth;

/// <summary>
/// The gateway's authorization: a policy per data role of ADT, each authenticating with <see cref="AdtBearerHandler"/>.
/// An operation that reads needs <see cref="DataReader"/> (a Data Owner may read too), one that writes
/// <see cref="DataOwner"/>; the data plane's endpoints say which (Hosting/AdtOperation).
/// </summary>
internal static class AdtPolicies
{
    public const string DataReader = nameof(AdtRole.DataReader);

    public const string DataOwner = nameof(AdtRole.DataOwner);

    /// <summary>The scheme and the policies. No default scheme: only a request whose endpoint names a policy is authenticated.</summary>
    public static IServiceCollection AddMockAdtAuth(this IServiceCollection services)
    {
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, AdtBearerHandler>(AdtBearerHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(DataReader, policy => policy.AddAuthenticationSchemes(AdtBearerHandler.SchemeName).RequireRole(DataReader, DataOwner))
            .AddPolicy(DataOwner, policy => policy.AddAuthenticationSchemes(AdtBearerHandler.SchemeName).RequireRole(DataOwner));
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<TokenValidator>();
        return services;
    }

    /// <summary>The policy an operation needs.</summary>
    public static string For(bool writes) => writes ? DataOwner : DataReader;
}
