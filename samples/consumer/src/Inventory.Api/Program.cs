var app = WebApplication.CreateBuilder(args).Build();

app.MapGet("/healthz", () => Results.Ok(new { status = "healthy" }));
app.MapGet("/items/{sku}", (string sku) => Results.Ok(new { sku, inStock = 3 }));

await app.RunAsync();
