namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>A lab file that cannot be run, with every problem found, each naming the element it is about.</summary>
internal sealed class LabFileException(string source, IReadOnlyList<string> errors)
    : Exception($"{source} is not a lab that can run:" + string.Concat(errors.Select(e => $"{Environment.NewLine}  - {e}")))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
