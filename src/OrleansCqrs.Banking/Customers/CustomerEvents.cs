namespace OrleansCqrs.Banking.Customers;

/// <summary>Events of a customer. Personal data (name, email) lives only here, so it can be erased per customer.</summary>
public interface ICustomerEvent;

[GenerateSerializer, Immutable]
public sealed record CustomerRegistered(string Name, string Email) : ICustomerEvent;
