using OrleansCqrs.EventSourcing;

namespace OrleansCqrs.Banking;

/// <summary>What makes an amount or a currency acceptable.</summary>
public static class MoneyRules
{
    /// <summary>No single movement above a trillion: beyond it a typo is more likely than a real payment.</summary>
    public const decimal MaxAmount = 1_000_000_000_000m;

    public static DomainError? CheckAmount(decimal amount) =>
        amount <= 0m || amount > MaxAmount || decimal.Round(amount, 2) != amount
            ? new DomainError(BankingErrors.InvalidAmount, $"Amount {amount} must be positive, at most {MaxAmount:0} and have at most 2 decimals.")
            : null;

    public static DomainError? CheckOverdraftLimit(decimal limit) =>
        limit < 0m || limit > MaxAmount || decimal.Round(limit, 2) != limit
            ? new DomainError(BankingErrors.InvalidOverdraftLimit, $"Overdraft limit {limit} must be zero or positive with at most 2 decimals.")
            : null;

    /// <summary>Three upper-case letters, as in ISO 4217.</summary>
    public static DomainError? CheckCurrency(string? currency) =>
        currency is { Length: 3 } && currency.All(char.IsAsciiLetterUpper)
            ? null
            : new DomainError(BankingErrors.InvalidCurrency, $"Currency '{currency}' must be three upper-case letters (ISO 4217), such as EUR.");
}
