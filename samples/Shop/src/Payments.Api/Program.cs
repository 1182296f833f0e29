var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();

app.MapGet("/", () => Results.Ok(new { service = "payments-api" }));
app.MapGet("/healthz", () => Results.Ok(new { status = "healthy" }));
app.MapPost("/payments/{amount:decimal}", (decimal amount) => Results.Ok(new { amount, status = "authorised" }));

await app.RunAsync();
