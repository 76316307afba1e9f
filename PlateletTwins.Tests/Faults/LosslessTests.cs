using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using PlateletTwins.Tests.Infrastructure;
using Xunit.Abstractions;

namespace PlateletTwins.Tests.Faults;

/// <summary>
/// A lossless run into MockAdt under its cloud profile: nothing is coalesced, the intake paces the simulator to ADT's
/// 10 writes a second per twin, and ADT's data history holds every update of every twin. Six simulated hours of the
/// stress profile here; <c>LOSSLESS_HOURS=36</c> runs the whole 36 h (a few minutes: the busiest twin's updates at 10 a second).
/// </summary>
[Collection(FaultTestGroup.Name)]
public sealed class LosslessTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_lossless_run_puts_every_update_in_ADTs_data_history()
    {
        var hours = double.Parse(Environment.GetEnvironmentVariable("LOSSLESS_HOURS") ?? "6", CultureInfo.InvariantCulture);
        await using var lab = new FaultLab();
        await lab.StartAdtAsync();
        await lab.StartIngestionAsync();
        var clock = Stopwatch.StartNew();
        await lab.StartSimulatorAsync(seed: 1, hours: hours, lossless: true);

        var report = await lab.WaitForReportAsync(TimeSpan.FromSeconds(60 + hours * 30));
        var elapsed = clock.Elapsed;
        await lab.AssertTwinsExactAsync(report);
        Assert.Equal(0, report["updatesCoalesced"]!.GetValue<long>());

        // A device's updates are numbered 0, 1, …; the run's twin's 1, 2, …, after its creation with a status. Every one
        // of them set its status: one history row each.
        using var adt = lab.AdtClient();
        long rows = 0;
        foreach (var (id, sent) in report["twins"]!.AsObject())
        {
            var expected = sent!["sequence"]!.GetValue<long>() + 1;
            var history = await Eventually.ReturnsAsync(
                async () => (await adt.GetFromJsonAsync<JsonObject>($"/mockadt/history/properties?twinId={id}&key=status"))!["value"]!.AsArray().Count,
                count => count >= expected, TimeSpan.FromSeconds(10), $"{expected} history rows of {id}.status");
            Assert.True(expected == history, $"{id}: {history} history rows of its status, {expected} updates");
            rows += history;
        }
        output.WriteLine($"lossless, {hours} h of the stress profile into MockAdt cloud: {elapsed.TotalSeconds:F1} s, {report["updatesSent"]} updates, 0 coalesced, {rows} status rows (one per update, and the run twin's creation)");
    }
}
