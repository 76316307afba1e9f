namespace PlateletTwins.IngestionService.Intake;

/// <summary>Configuration section <c>Intake</c>.</summary>
public sealed class IntakeOptions
{
    /// <summary>The shared secret a producer sends in <see cref="IntakeKeyFilter.HeaderName"/>; the AppHost generates it.</summary>
    public string Key { get; set; } = "";

    /// <summary>The largest request body the intake reads.</summary>
    public int MaxBodyBytes { get; set; } = 4 * 1024 * 1024;
}
