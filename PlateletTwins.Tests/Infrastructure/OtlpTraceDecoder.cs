using Google.Protobuf;

namespace PlateletTwins.Tests.Infrastructure;

/// <summary>
/// Decodes an OTLP <c>ExportTraceServiceRequest</c> (protobuf) far enough to check traces: resource service name,
/// scope name, span ids, names, kinds, string attributes and links. Field numbers from opentelemetry-proto.
/// </summary>
public static class OtlpTraceDecoder
{
    public static List<OtlpSpan> Decode(byte[] body)
    {
        var spans = new List<OtlpSpan>();
        foreach (var resourceSpans in Messages(body, 1))
        {
            var serviceName = "";
            var scopes = new List<byte[]>();
            ForEachField(resourceSpans, (field, input) =>
            {
                if (field == 1)
                {
                    var attributes = Attributes(Messages(input.ReadBytes().ToByteArray(), 1));
                    serviceName = attributes.GetValueOrDefault("service.name", "");
                }
                else if (field == 2)
                {
                    scopes.Add(input.ReadBytes().ToByteArray());
                }
                else
                {
                    input.SkipLastField();
                }
            });
            foreach (var scopeSpans in scopes)
            {
                var scopeName = "";
                var rawSpans = new List<byte[]>();
                ForEachField(scopeSpans, (field, input) =>
                {
                    if (field == 1)
                    {
                        scopeName = Strings(input.ReadBytes().ToByteArray(), 1).FirstOrDefault() ?? "";
                    }
                    else if (field == 2)
                    {
                        rawSpans.Add(input.ReadBytes().ToByteArray());
                    }
                    else
                    {
                        input.SkipLastField();
                    }
                });
                spans.AddRange(rawSpans.Select(raw => DecodeSpan(raw, serviceName, scopeName)));
            }
        }
        return spans;
    }

    private static OtlpSpan DecodeSpan(byte[] raw, string serviceName, string scopeName)
    {
        string traceId = "", spanId = "", parentSpanId = "", name = "";
        var kind = 0;
        var attributes = new List<byte[]>();
        var links = new List<string>();
        ForEachField(raw, (field, input) =>
        {
            switch (field)
            {
                case 1: traceId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 2: spanId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 4: parentSpanId = Convert.ToHexStringLower(input.ReadBytes().ToByteArray()); break;
                case 5: name = input.ReadString(); break;
                case 6: kind = input.ReadEnum(); break;
                case 9: attributes.Add(input.ReadBytes().ToByteArray()); break;
                case 13:
                    var link = input.ReadBytes().ToByteArray();
                    ForEachField(link, (linkField, linkInput) =>
                    {
                        if (linkField == 1)
                        {
                            links.Add(Convert.ToHexStringLower(linkInput.ReadBytes().ToByteArray()));
                        }
                        else
                        {
                            linkInput.SkipLastField();
                        }
                    });
                    break;
                default: input.SkipLastField(); break;
            }
        });
        return new OtlpSpan(serviceName, scopeName, name, traceId, spanId, parentSpanId, kind, Attributes(attributes), links);
    }

    // KeyValue: key = 1, value = 2 (AnyValue: string_value = 1, int_value = 3).
    private static Dictionary<string, string> Attributes(IEnumerable<byte[]> keyValues)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var keyValue in keyValues)
        {
            string? key = null, value = null;
            ForEachField(keyValue, (field, input) =>
            {
                if (field == 1)
                {
                    key = input.ReadString();
                }
                else if (field == 2)
                {
                    ForEachField(input.ReadBytes().ToByteArray(), (valueField, valueInput) =>
                    {
                        if (valueField == 1)
                        {
                            value = valueInput.ReadString();
                        }
                        else if (valueField == 3)
                        {
                            value = valueInput.ReadInt64().ToString(System.Globalization.CultureInfo.InvariantCulture);
                        }
                        else
                        {
                            valueInput.SkipLastField();
                        }
                    });
                }
                else
                {
                    input.SkipLastField();
                }
            });
            if (key is not null && value is not null)
            {
                result[key] = value;
            }
        }
        return result;
    }

    private static List<byte[]> Messages(byte[] buffer, int fieldNumber)
    {
        var result = new List<byte[]>();
        ForEachField(buffer, (field, input) =>
        {
            if (field == fieldNumber)
            {
                result.Add(input.ReadBytes().ToByteArray());
            }
            else
            {
                input.SkipLastField();
            }
        });
        return result;
    }

    private static List<string> Strings(byte[] buffer, int fieldNumber)
    {
        var result = new List<string>();
        ForEachField(buffer, (field, input) =>
        {
            if (field == fieldNumber)
            {
                result.Add(input.ReadString());
            }
            else
            {
                input.SkipLastField();
            }
        });
        return result;
    }

    private static void ForEachField(byte[] buffer, Action<int, CodedInputStream> read)
    {
        var input = new CodedInputStream(buffer);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            read(WireFormat.GetTagFieldNumber(tag), input);
        }
    }
}
