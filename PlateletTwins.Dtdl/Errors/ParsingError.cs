namespace PlateletTwins.Dtdl.Errors;

/// <summary>
/// One problem with an upload, in the terms of Microsoft's DTDL parser: its validation id
/// (<c>dtmi:dtdl:parsingError:…</c> without the prefix), the element, the property and the value at fault, and what
/// would be allowed; <see cref="Cause"/> says it in one sentence.
/// </summary>
public sealed record ParsingError(string ValidationId, string Cause)
{
    public string? ElementId { get; init; }

    public string? Property { get; init; }

    public string? Value { get; init; }

    public string? Allowed { get; init; }

    public string FullValidationId => "dtmi:dtdl:parsingError:" + ValidationId;

    public override string ToString() => Cause;
}
