namespace PlateletTwins.SimulatorService.Lab.Configuration;

/// <summary>
/// The JSON Schema of lab files (<c>lab.schema.json</c>, embedded): <c>simulate --write-lab</c> writes it beside the
/// lab file, whose <c>$schema</c> names it. It checks a file's shape and ranges as an editor can; <see cref="LabValidator"/>
/// checks the rest (ids that refer to each other, the flow).
/// </summary>
internal static class LabSchema
{
    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(LabSchema).Assembly.GetManifestResourceStream(LabFile.SchemaFileName)
            ?? throw new InvalidOperationException($"The simulator is built without its {LabFile.SchemaFileName}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
