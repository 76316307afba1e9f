using System.ComponentModel.DataAnnotations;

namespace PlateletTwins.MockAdt.Auth;

/// <summary>No two configured tokens of one value (the empty ones, which are left out, aside): each token maps to one role.</summary>
[AttributeUsage(AttributeTargets.Property)]
internal sealed class DistinctTokensAttribute : ValidationAttribute
{
    public DistinctTokensAttribute() : base("{0} holds a token twice: each token needs a value of its own")
    {
    }

    public override bool IsValid(object? value) =>
        value is not IEnumerable<ConfiguredToken> tokens
        || tokens.Select(t => t.Value).Where(v => !string.IsNullOrEmpty(v)).GroupBy(v => v, StringComparer.Ordinal).All(g => g.Count() == 1);
}
