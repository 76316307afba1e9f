namespace PlateletTwins.Dtdl.Errors;

/// <summary>Collects the errors of one parse; a cap keeps a hostile upload from building an unbounded list.</summary>
internal sealed class ErrorSink
{
    private const int Cap = 1000;
    private readonly List<ParsingError> _errors = [];

    public IReadOnlyList<ParsingError> Errors => _errors;

    public int Count => _errors.Count;

    public void Add(string validationId, string cause, string? elementId = null, string? property = null, string? value = null, string? allowed = null)
    {
        if (_errors.Count < Cap)
        {
            _errors.Add(new ParsingError(validationId, cause) { ElementId = elementId, Property = property, Value = value, Allowed = allowed });
        }
    }
}
