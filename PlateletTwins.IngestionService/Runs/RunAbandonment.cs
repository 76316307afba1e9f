using System.Diagnostics;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.IngestionService.Durability;
using PlateletTwins.IngestionService.Intake;
using PlateletTwins.IngestionService.Twins;

namespace PlateletTwins.IngestionService.Runs;

/// <summary>
/// A newer run of the same lab started: the earlier run's own twin is told so (<c>status: Abandoned</c>), through the
/// journal like any update, so that it is not left saying <c>Running</c> for ever.
/// </summary>
internal sealed partial class RunAbandonment(IntakeJournal journal, TwinStateTable twins, TimeProvider time, ILogger<RunAbandonment> logger)
{
    public async Task MarkAsync(RunRecord abandoned)
    {
        // Above any sequence of the run, even one of a batch accepted while this run was being superseded: the
        // intake's last word on the run.
        const long sequence = long.MaxValue;
        var now = time.GetUtcNow();
        var update = new TwinUpdate(abandoned.RunId, sequence, now, new JsonObject { [SimulationModel.Status] = SimulationModel.StatusValues.Abandoned }, null, now);
        var batch = await journal.AppendAsync(new JournalEntry(abandoned.RunId, [update], []));
        twins.Accept(update, default(ActivityContext), batch, abandoned);
        LogAbandoned(logger, abandoned.RunId, abandoned.SupersededBy);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} is abandoned: run {NewRunId} of the same lab started")]
    private static partial void LogAbandoned(ILogger logger, string runId, string? newRunId);
}
