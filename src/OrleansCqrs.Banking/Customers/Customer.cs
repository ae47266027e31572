using OrleansCqrs.EventSourcing;
using OrleansCqrs.EventSourcing.Aggregates;

namespace OrleansCqrs.Banking.Customers;

/// <summary>The customer's rules: pure functions of state and command.</summary>
public static class Customer
{
    private const int MaxNameLength = 200;
    private const int MaxEmailLength = 254;

    public static Decision<ICustomerEvent> Register(CustomerState state, RegisterCustomer command)
    {
        var name = command.Name?.Trim() ?? "";
        var email = command.Email?.Trim() ?? "";
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl))
        {
            return Decision<ICustomerEvent>.Reject(BankingErrors.InvalidName, $"A name must be 1 to {MaxNameLength} printable characters.");
        }

        if (!IsEmail(email))
        {
            return Decision<ICustomerEvent>.Reject(BankingErrors.InvalidEmail, "The email address is not valid (expected name@domain.tld).");
        }

        if (state.IsRegistered)
        {
            return Decision<ICustomerEvent>.Reject(BankingErrors.CustomerAlreadyRegistered, "This customer is already registered.");
        }

        return Decision<ICustomerEvent>.Accept(new CustomerRegistered(name, email));
    }

    public static CustomerState Evolve(CustomerState state, ICustomerEvent @event) => @event switch
    {
        CustomerRegistered registered => state with { IsRegistered = true, Name = registered.Name, Email = registered.Email },
        _ => state,
    };

    private static bool IsEmail(string email)
    {
        var at = email.IndexOf('@');
        return email.Length <= MaxEmailLength
            && at > 0
            && at == email.LastIndexOf('@')
            && email.IndexOf('.', at) > at + 1
            && !email.EndsWith('.')
            && !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
    }
}
