using System.Buffers.Text;
using System.Text.Json;
using PlateletTwins.MockAdt.Errors;

namespace PlateletTwins.MockAdt.Query;

/// <summary>
/// The next page of a query: the query itself and how many rows were already returned, opaque to clients (base64url of
/// JSON). Stateless, so a token survives nothing but its query; the rows' stable order makes skipping exact while the
/// graph does not change, and close to it when it does, as ADT promises no more.
/// </summary>
internal sealed record ContinuationToken(string Query, int Returned)
{
    public string Encode() => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(new Payload(Query, Returned)));

    public static ContinuationToken Decode(string token)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<Payload>(Base64Url.DecodeFromChars(token));
            if (payload is { Q: { } query, N: >= 0 })
            {
                return new ContinuationToken(query, payload.N);
            }
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
        }
        throw new AdtException(400, "BadRequest", "The continuation token is not valid.");
    }

    private sealed record Payload(string Q, int N);
}
