using Kapuas.Admin.Hosting;
using Kapuas.Infrastructure.Hosting;

var builder = WebApplication.CreateBuilder(HostArguments.WithoutConfigReload(args));
// Serves wwwroot from the project when run from a build output outside Development (no-op once published).
builder.WebHost.UseStaticWebAssets();
builder.AddKapuasAdmin();

var app = builder.Build();
app.UseKapuasAdmin();
await app.RunAsync();

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
