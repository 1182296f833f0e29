using System.Collections.Concurrent;
using Shop.Contracts;

var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

var basket = new ConcurrentDictionary<string, Product>();

app.MapGet("/", () => Results.Ok(new { service = "basket-api" }));
app.MapGet("/healthz", () => Results.Ok(new { status = "healthy" }));
app.MapGet("/basket", () => Results.Ok(basket.Values));
app.MapPost("/basket", (Product product) =>
{
    basket[product.Sku] = product;
    return Results.Created($"/basket/{product.Sku}", product);
});

await app.RunAsync();
