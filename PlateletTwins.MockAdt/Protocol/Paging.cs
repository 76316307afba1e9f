using System.Globalization;
using Microsoft.AspNetCore.WebUtilities;
using PlateletTwins.MockAdt.Errors;

namespace PlateletTwins.MockAdt.Protocol;

/// <summary>The nextLink style of paging: an absolute URL that repeats the request with a continuation token.</summary>
internal static class Paging
{
    public static int ReadContinuation(HttpRequest request)
    {
        var token = request.Query["continuationToken"].ToString();
        if (token.Length == 0)
        {
            return 0;
        }
        return int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var skip)
            ? skip
            : throw new AdtException(400, "BadRequest", "The continuation token is not valid.");
    }

    public static string NextLink(HttpRequest request, int skip)
    {
        var query = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(kv => !kv.Key.Equals("continuationToken", StringComparison.OrdinalIgnoreCase))
            .SelectMany(kv => kv.Value.Select(v => new KeyValuePair<string, string?>(kv.Key, v)))
            .Append(new KeyValuePair<string, string?>("continuationToken", skip.ToString(CultureInfo.InvariantCulture)));
        return QueryHelpers.AddQueryString($"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}", query);
    }

    /// <summary>The page size: the client's <c>max-items-per-page</c> when it asks for fewer than <paramref name="max"/>.</summary>
    public static int PageSize(HttpRequest request, int max) =>
        int.TryParse(request.Headers["max-items-per-page"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var asked) && asked > 0
            ? Math.Min(asked, max)
            : max;
}
