using PlateletTwins.MockAdt.Errors;

namespace PlateletTwins.MockAdt.Conditions;

/// <summary>
/// The conditional headers of a write, validated in one place with ADT's exact syntax rules:
/// <c>If-Match</c> takes an ETag or <c>*</c>; <c>If-None-Match</c> takes only <c>*</c>.
/// </summary>
internal sealed record WriteConditions(string? IfMatch, bool IfNoneMatchStar)
{
    public static readonly WriteConditions None = new(null, false);

    public static WriteConditions FromRequest(HttpRequest request)
    {
        string? ifMatch = null;
        if (request.Headers.TryGetValue("If-Match", out var match))
        {
            ifMatch = match.ToString().Trim();
            if (ifMatch != "*" && !ETags.IsWellFormed(ifMatch))
            {
                throw AdtErrors.InvalidIfMatch();
            }
        }
        var noneMatchStar = false;
        if (request.Headers.TryGetValue("If-None-Match", out var noneMatch))
        {
            if (noneMatch.ToString().Trim() != "*")
            {
                throw AdtErrors.InvalidIfNoneMatch();
            }
            noneMatchStar = true;
        }
        return new WriteConditions(ifMatch, noneMatchStar);
    }

    /// <summary>Checks the conditions of a PATCH or DELETE, whose spec has no If-None-Match, against the current ETag.</summary>
    public void Check(string? currentETag) =>
        Check(currentETag, AdtErrors.ResourceAlreadyExists);

    /// <summary>
    /// Checks the conditions against the current ETag of the resource, or null when it does not exist;
    /// <paramref name="exists"/> is the resource's own answer to <c>If-None-Match: *</c> (the service names twin or relationship).
    /// </summary>
    public void Check(string? currentETag, Func<AdtException> exists)
    {
        if (IfNoneMatchStar && currentETag is not null)
        {
            throw exists();
        }
        if (IfMatch is not null && IfMatch != "*" && currentETag is not null && IfMatch != currentETag)
        {
            throw AdtErrors.PreconditionFailed(IfMatch);
        }
    }
}
