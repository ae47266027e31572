using System.CommandLine;
using OrleansCqrs.Banking.Customers;

namespace OrleansCqrs.Client;

/// <summary>cqrs customer register|show</summary>
internal static class CustomerCommands
{
    public static Command Create()
    {
        var customer = new Command("customer", "Register and look up customers.");

        var id = InputArguments.Id("customer-id", "The customer");
        var name = new Option<string>("--name") { Required = true, Description = "Full name." };
        var email = new Option<string>("--email") { Required = true, Description = "Email address." };
        var register = new Command("register", "Register a customer.") { id, name, email, GlobalOptions.CommandId };
        register.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var command = new RegisterCustomer(parse.GetValue(GlobalOptions.CommandId) ?? ClientSession.NewCommandId(), parse.GetValue(name)!, parse.GetValue(email)!);
            var result = await session.Grain<ICustomerGrain>(parse.GetValue(id)!).Register(command);
            return session.Output.Result($"register customer {parse.GetValue(id)}", result);
        }));

        var show = new Command("show", "Show a customer.") { id };
        show.SetAction((parse, token) => ClientSession.RunAsync(parse, token, async session =>
        {
            var details = await session.Grain<ICustomerGrain>(parse.GetValue(id)!).GetDetails();
            if (!details.IsRegistered)
            {
                session.Output.Failure("not_found", $"Customer {details.CustomerId} is not registered.");
                return ExitCodes.NotFound;
            }

            session.Output.Value(details, () => $"customer {details.CustomerId}: {details.Name} <{details.Email}> (version {details.Version})");
            return ExitCodes.Done;
        }));

        customer.Subcommands.Add(register);
        customer.Subcommands.Add(show);
        return customer;
    }
}
