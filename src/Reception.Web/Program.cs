using Reception.Web.Infrastructure;

var builder = WebApplication.CreateBuilder(args);
builder.AddReception();

var app = builder.Build();
await app.InitializeDatabaseAsync();
app.UseReception();
await app.RunAsync();

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
