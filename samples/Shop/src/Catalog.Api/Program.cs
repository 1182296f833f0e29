using Shop.Contracts;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

Product[] products = [new("tea-01", "Green tea", 4.50m), new("cup-02", "Cup", 7.00m)];

app.MapGet("/", () => Results.Ok(new { service = "catalog-api" }));
app.MapGet("/healthz", () => Results.Ok(new { status = "healthy" }));
app.MapGet("/products", () => Results.Ok(products));

await app.RunAsync();
