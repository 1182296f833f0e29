namespace Shop.Contracts;

/// <summary>A product as the catalog lists it and the basket holds it.</summary>
public sealed record Product(string Sku, string Name, decimal Price);
