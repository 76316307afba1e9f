using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using PlateletTwins.Dtdl;
using PlateletTwins.Dtdl.Json;
using PlateletTwins.Dtdl.Model;

namespace PlateletTwins.Benchmarks;

/// <summary>
/// PlateletTwins.Dtdl against Microsoft's DTDL parser, in process: the parser's verdicts on its own test cases (a file
/// that PlateletTwins.Tests/Conformance/dtdl-verdicts.mjs writes from a corpus folder) compared case by case, and the
/// parse time of an ontology uploaded in dependency order, in batches of 250, against the models accepted before.
/// </summary>
internal static class DtdlCorpusBenchmark
{
    /// <param name="verdictsFile">The verdicts file; its cases' bodies are what each upload carries.</param>
    /// <param name="show">How many disagreements to list.</param>
    /// <param name="filter">Only cases whose id contains this.</param>
    public static int RunCases(string verdictsFile, int show, string? filter)
    {
        var cases = JsonNode.Parse(File.ReadAllText(verdictsFile))!.AsArray();
        var byKind = new SortedDictionary<string, (int Agree, int Total)>(StringComparer.Ordinal);
        var disagreements = new List<string>();
        int agree = 0, total = 0, tooStrict = 0, tooLenient = 0;
        var watch = Stopwatch.StartNew();
        foreach (var c in cases)
        {
            var id = (string)c!["id"]!;
            if (filter is not null && !id.Contains(filter, StringComparison.Ordinal))
            {
                continue;
            }
            total++;
            var parserOk = (bool)c["ok"]!;
            var ids = c["ids"]!.AsArray().Select(x => (string)x!).ToList();
            var causes = c["causes"]!.AsArray().Select(x => (string)x!).ToList();
            var documents = c["body"]!.AsArray().Select(d => d?.DeepClone()).ToList();
            var result = ModelParser.Parse(documents, _ => null);
            var kind = parserOk ? "(valid)" : ids.FirstOrDefault() ?? "?";
            var entry = byKind.GetValueOrDefault(kind);
            entry.Total++;
            if (result.IsValid == parserOk)
            {
                agree++;
                entry.Agree++;
            }
            else
            {
                if (parserOk)
                {
                    tooStrict++;
                }
                else
                {
                    tooLenient++;
                }
                disagreements.Add($"{id} [{kind}] parser: {(parserOk ? "valid" : causes.FirstOrDefault())} | ours: {(result.IsValid ? "valid" : $"{result.Errors[0].ValidationId}: {result.Errors[0].Cause}")}");
            }
            byKind[kind] = entry;
        }
        watch.Stop();
        Console.WriteLine("By the parser's first ValidationID (agree/total):");
        foreach (var (kind, (a, t)) in byKind.OrderByDescending(k => k.Value.Total - k.Value.Agree).ThenBy(k => k.Key, StringComparer.Ordinal))
        {
            Console.WriteLine($"  {kind,-40} {a,6}/{t,-6}{(a == t ? "" : $"  ({t - a} disagree)")}");
        }
        Console.WriteLine($"Disagreements: {disagreements.Count} (too strict: {tooStrict}, too lenient: {tooLenient}); first {Math.Min(show, disagreements.Count)}:");
        foreach (var d in disagreements.Take(show))
        {
            Console.WriteLine("  " + (d.Length > 600 ? d[..600] + "…" : d));
        }
        Console.WriteLine($"{total} cases in {watch.ElapsedMilliseconds} ms");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{agree} of {total} agree ({100.0 * agree / Math.Max(1, total):F2} %)"));
        return 0;
    }

    /// <summary>
    /// Uploads an ontology folder as bulk uploaders do and reports the time spent parsing: a first round (the code not yet
    /// compiled) and a second; the processor time beside the wall time, which other processes on the machine inflate.
    /// </summary>
    public static int RunOntology(string folder, int batchSize = 250)
    {
        var code = 0;
        foreach (var round in new[] { "first", "second" })
        {
            code |= RunOntologyOnce(folder, batchSize, round);
        }
        return code;
    }

    private static int RunOntologyOnce(string folder, int batchSize, string round)
    {
        var models = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var node = JsonNode.Parse(File.ReadAllText(file));
            foreach (var m in node is JsonArray a ? a.ToList() : [node])
            {
                if (m.Member("@id").StringOrNull() is { } id)
                {
                    models.TryAdd(id, m!);
                }
            }
        }
        var order = DependencyOrder(models);
        var accepted = new Dictionary<string, DtdlInterface>(StringComparer.Ordinal);
        var watch = new Stopwatch();
        var cpu = TimeSpan.Zero;
        var refused = 0;
        for (var i = 0; i < order.Count; i += batchSize)
        {
            var batch = order.Skip(i).Take(batchSize).Select(id => (JsonNode?)models[id].DeepClone()).ToList();
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Start();
            var result = ModelParser.Parse(batch, id => accepted.GetValueOrDefault(id));
            watch.Stop();
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            if (!result.IsValid)
            {
                refused++;
                Console.WriteLine($"  batch {i / batchSize} refused: {string.Join(" ", result.Problems.Take(3))}");
                continue;
            }
            foreach (var m in result.Interfaces)
            {
                accepted[m.Id] = m;
            }
        }
        Console.WriteLine($"{Path.GetFileName(folder.TrimEnd('/'))} ({round} round): {accepted.Count} of {order.Count} models accepted in {(order.Count + batchSize - 1) / batchSize} batches, {refused} refused; parse time {watch.ElapsedMilliseconds} ms (processor time {(long)cpu.TotalMilliseconds} ms)");
        return refused == 0 ? 0 : 1;
    }

    // Bases and component interfaces first, as run-ontologies.mjs orders them.
    private static List<string> DependencyOrder(Dictionary<string, JsonNode> models)
    {
        var order = new List<string>();
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        void Visit(string id)
        {
            if (state.GetValueOrDefault(id) != 0 || !models.TryGetValue(id, out var m))
            {
                return;
            }
            state[id] = 1;
            foreach (var dep in Dependencies(m))
            {
                Visit(dep);
            }
            state[id] = 2;
            order.Add(id);
        }
        foreach (var id in models.Keys.Order(StringComparer.Ordinal))
        {
            Visit(id);
        }
        return order;
    }

    private static IEnumerable<string> Dependencies(JsonNode model)
    {
        var extends = model["extends"];
        foreach (var e in extends is JsonArray a ? a.ToList() : [extends])
        {
            if (e.StringOrNull() is { } s)
            {
                yield return s;
            }
        }
        var contents = model["contents"];
        foreach (var c in contents is JsonArray ca ? ca.ToList() : [contents])
        {
            if (c.Member("@type").StringOrNull() == "Component" && c.Member("schema").StringOrNull() is { } schema)
            {
                yield return schema;
            }
        }
    }
}
