using PlateletTwins.MockAdt.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddMockAdt();

var app = builder.Build();
app.MapDefaultEndpoints();
app.MapMockAdt();
app.Run();
