using PlateletTwins.Dtdl.Lab;
using PlateletTwins.Dtdl.Model;

namespace PlateletTwins.Tests.Dtdl;

/// <summary>The project's <c>dtdl/</c> is valid for the library as a whole, and every model in it resolves.</summary>
public sealed class ProjectModelsTests
{
    [Fact]
    public void Every_file_of_dtdl_together_is_a_valid_upload()
    {
        Assert.True(ProjectModels.Parsed.IsValid, string.Join(Environment.NewLine, ProjectModels.Parsed.Problems));
        Assert.Equal(ProjectModels.Files.Count, ProjectModels.Parsed.Interfaces.Count);
    }

    [Fact]
    public void Every_model_resolves_with_what_it_inherits()
    {
        foreach (var model in ProjectModels.Parsed.Interfaces)
        {
            var resolved = ProjectModels.Resolve(model.Id);
            Assert.Contains(model.Id, resolved.Ancestors);
            Assert.All(model.Extends, baseId => Assert.Contains(baseId, resolved.Ancestors));
            Assert.All(model.Extends, baseId => Assert.NotNull(ProjectModels.Find(baseId)));
            Assert.All(model.Contents, c => Assert.Same(c, resolved.Contents[c.Name]));
            Assert.All(resolved.Contents.Values.Where(c => c.Kind is ContentKind.Property or ContentKind.Telemetry), c => Assert.NotNull(c.Schema));
        }
    }

    [Fact]
    public void Every_device_type_model_is_a_Device_named_by_its_type()
    {
        var devices = Directory.EnumerateFiles(Path.Combine(Infrastructure.RepositoryPaths.Dtdl, "devices"), "*.json").ToList();
        Assert.NotEmpty(devices);
        foreach (var file in devices)
        {
            var resolved = ProjectModels.Resolve(DeviceModel.ModelIdOf(Path.GetFileNameWithoutExtension(file)));
            Assert.Contains(DeviceModel.Id, resolved.Ancestors);
            Assert.Equal(ProjectModels.Resolve(DeviceModel.Id).Contents.Keys.Order(), resolved.Contents.Keys.Order());
        }
    }
}
