using System.ComponentModel.DataAnnotations;

namespace PlateletTwins.MockAdt.EventRoutes;

/// <summary>A webhook endpoint's <see cref="EndpointOptions.Url"/> is where its events go: it needs one.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class UrlOfWebhookAttribute : ValidationAttribute
{
    public UrlOfWebhookAttribute() : base("{0} is empty: a Webhook endpoint needs the Url it posts its events to")
    {
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext) =>
        value is null && validationContext.ObjectInstance is EndpointOptions { Kind: EndpointKind.Webhook }
            ? new ValidationResult(FormatErrorMessage(validationContext.DisplayName), validationContext.MemberName is { } member ? [member] : null)
            : ValidationResult.Success;
}
