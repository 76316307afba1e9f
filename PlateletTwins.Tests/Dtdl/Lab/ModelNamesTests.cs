using System.Reflection;
using System.Text.RegularExpressions;
using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Dtdl.Model;
using PlateletTwins.Tests.Infrastructure;

namespace PlateletTwins.Tests.Dtdl.Lab;

/// <summary>
/// The names the code gives the project's models are the models' own, both ways: each constant is a content of its
/// model in <c>dtdl/</c>, and each content of the model has its constant. A rename in <c>dtdl/</c> fails here.
/// </summary>
public sealed partial class ModelNamesTests
{
    public static TheoryData<string> Models => new() { nameof(DeviceModel), nameof(SimulationModel), nameof(LabModel), nameof(ProcessFlowModel) };

    private static Type TypeOf(string name) => typeof(DeviceModel).Assembly.GetType($"{typeof(DeviceModel).Namespace}.{name}")!;

    private static Dictionary<string, string> ContentConstants(Type type) => type
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string) && f.Name != "Id")
        .ToDictionary(f => f.Name, f => (string)f.GetRawConstantValue()!);

    [Theory]
    [MemberData(nameof(Models))]
    public void Each_constant_names_a_content_of_its_model_and_each_content_has_one(string modelName)
    {
        var type = TypeOf(modelName);
        var id = (string)type.GetField("Id")!.GetRawConstantValue()!;
        var model = ProjectModels.Resolve(id);
        var constants = ContentConstants(type);

        Assert.NotEmpty(constants);
        foreach (var (field, name) in constants)
        {
            Assert.True(model.Contents.ContainsKey(name), $"{modelName}.{field} = \"{name}\" is not a content of {id} in dtdl/");
            // The constant is the name in PascalCase: DeviceModel.QueueLength is "queueLength".
            Assert.Equal(field, char.ToUpperInvariant(name[0]) + name[1..]);
        }
        foreach (var name in model.Contents.Keys)
        {
            Assert.True(constants.ContainsValue(name), $"{id} in dtdl/ has '{name}', which {modelName} does not name");
        }
    }

    [Fact]
    public void The_Simulation_status_values_are_those_of_its_model()
    {
        var status = Assert.IsType<EnumSchema>(ProjectModels.Resolve(SimulationModel.Id).Contents[SimulationModel.Status].Schema);
        var values = typeof(SimulationModel.StatusValues).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order();
        Assert.Equal(status.Values.Select(v => v.StringValue!).Order(), values);
    }

    [Fact]
    public void The_pool_stages_and_route_fields_are_those_of_the_ProcessFlow_model()
    {
        var contents = ProjectModels.Resolve(ProcessFlowModel.Id).Contents;
        var stage = Assert.IsType<EnumSchema>(contents[ProcessFlowModel.Stage].Schema);
        var stages = typeof(ProcessFlowModel.StageValues).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order();
        Assert.Equal(stage.Values.Select(v => v.StringValue!).Order(), stages);

        var route = Assert.IsType<ObjectSchema>(Assert.IsType<ArraySchema>(contents[ProcessFlowModel.Route].Schema).ElementSchema);
        var fields = typeof(ProcessFlowModel.RouteFields).GetFields().Select(f => (string)f.GetRawConstantValue()!).Order();
        Assert.Equal(route.Fields.Select(f => f.Name).Order(), fields);
        var routeStage = Assert.IsType<EnumSchema>(route.Fields.Single(f => f.Name == ProcessFlowModel.RouteFields.Stage).Schema);
        Assert.Equal(stage.Values, routeStage.Values);
    }

    [Fact]
    public void The_simulators_device_statuses_are_those_of_the_Device_model()
    {
        var status = Assert.IsType<EnumSchema>(ProjectModels.Resolve(DeviceModel.Id).Contents[DeviceModel.Status].Schema);
        Assert.Equal(status.Values.Select(v => v.StringValue!).Order(), Enum.GetNames<SimulatorService.Devices.DeviceStatus>().Order());
    }

    [Fact]
    public void The_live_views_KPI_labels_are_keyed_by_Simulation_properties()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "PlateletTwins.IngestionService", "Live", "Assets", "live.js"));
        var table = KpiTable().Match(script);
        Assert.True(table.Success, "live.js has no kpiNames table");
        var keys = KpiKey().Matches(table.Groups["body"].Value).Select(m => m.Groups["key"].Value).ToList();
        Assert.True(keys.Count >= 10, $"only {keys.Count} keys read from live.js's kpiNames");
        var simulation = ContentConstants(typeof(SimulationModel)).Values.ToHashSet();
        Assert.All(keys, key => Assert.True(simulation.Contains(key), $"live.js labels '{key}', which is not a property of the Simulation model"));
    }

    [GeneratedRegex(@"const kpiNames = \{(?<body>[^}]*)\}")]
    private static partial Regex KpiTable();

    [GeneratedRegex(@"(?<key>[A-Za-z][A-Za-z0-9_]*)\s*:")]
    private static partial Regex KpiKey();
}
