using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using PlateletTwins.MockAdt.Errors;
using PlateletTwins.MockAdt.Protocol;

namespace PlateletTwins.MockAdt.Query;

/// <summary>One page of a query's results, in ADT's shape, and its query charge.</summary>
internal sealed record QueryPage(byte[] Json, double Charge);

/// <summary>
/// Runs a query and writes a page of it as ADT does: <c>{"value":[…],"continuationToken":…}</c>; rows are whole
/// documents for <c>SELECT *</c>, objects keyed by alias or property name for projections, <c>{"COUNT":n}</c> for COUNT.
/// </summary>
internal sealed class QueryExecutor(QueryPlanner planner)
{
    /// <summary>The most rows a page holds (ADT's documented maximum), and the size of a page when the client sets none.</summary>
    public const int MaxPageSize = 1000;

    public QueryPage Run(string text, int returned, int pageSize)
    {
        QuerySyntax query;
        try
        {
            query = QueryParser.Parse(text);
        }
        catch (QuerySyntaxException e)
        {
            throw AdtErrors.SqlQueryError(text, e.Position, e.Message);
        }
        var scanned = new StrongBox<int>(0);
        var buffer = new ArrayBufferWriter<byte>(4096);
        string? next = null;
        using (var writer = new Utf8JsonWriter(buffer, AdtJson.WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("value");
            if (query.Select.Count)
            {
                var count = planner.Rows(query, scanned).Count();
                writer.WriteStartObject();
                writer.WriteNumber("COUNT", query.Select.Top is { } top ? Math.Min(top, count) : count);
                writer.WriteEndObject();
            }
            else
            {
                var limit = query.Select.Top is { } top ? Math.Max(0, top - returned) : int.MaxValue;
                var take = Math.Min(pageSize, limit);
                var written = 0;
                foreach (var row in planner.Rows(query, scanned).Skip(returned))
                {
                    if (written == take)
                    {
                        // One row more than the page: there is a next page (unless TOP ends here).
                        if (take < limit)
                        {
                            next = new ContinuationToken(text, returned + written).Encode();
                        }
                        break;
                    }
                    WriteRow(writer, query, row);
                    written++;
                }
            }
            writer.WriteEndArray();
            if (next is null)
            {
                writer.WriteNull("continuationToken");
            }
            else
            {
                writer.WriteString("continuationToken", next);
            }
            writer.WriteEndObject();
        }
        return new QueryPage(buffer.WrittenSpan.ToArray(), Charge(scanned.Value));
    }

    private static void WriteRow(Utf8JsonWriter writer, QuerySyntax query, QueryRow row)
    {
        if (query.Select.Star)
        {
            writer.WriteRawValue(row.Default.Json, skipInputValidation: true);
            return;
        }
        writer.WriteStartObject();
        foreach (var projection in query.Select.Projections)
        {
            if (projection.Path.Segments.Count == 1 && row.Bindings.TryGetValue(projection.Path.Segments[0], out var binding))
            {
                writer.WritePropertyName(projection.Key);
                writer.WriteRawValue(binding.Json, skipInputValidation: true);
                continue;
            }
            var value = row.Read(projection.Path);
            // A projected property a row lacks is left out of that row.
            if (value.Kind != QueryValueKind.Undefined)
            {
                writer.WritePropertyName(projection.Key);
                value.WriteTo(writer);
            }
        }
        writer.WriteEndObject();
    }

    /// <summary>
    /// An estimate in query units: ADT does not publish its formula. A base like the smallest charges seen from the
    /// service (about 3) plus a share per candidate looked at, so that a scan costs visibly more than an index lookup.
    /// </summary>
    private static double Charge(int scanned) => Math.Round(2.9 + scanned * 0.01, 2);

    public static string FormatCharge(double charge) => charge.ToString("0.##", CultureInfo.InvariantCulture);
}
