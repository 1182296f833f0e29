var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var version = Environment.GetEnvironmentVariable("APP_VERSION") ?? "dev";

app.MapGet("/", () => Results.Ok(new { service = "orders-api", version }));
app.MapGet("/healthz", () => Results.Ok(new { status = "healthy" }));
app.MapGet("/orders/{id:int}", (int id) => Results.Ok(new { id, status = "shipped" }));

await app.RunAsync();
