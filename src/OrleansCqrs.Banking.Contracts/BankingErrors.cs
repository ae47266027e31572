namespace OrleansCqrs.Banking;

/// <summary>The stable codes of the banking domain's refusals. Clients may branch on them; never rename one.</summary>
public static class BankingErrors
{
    public const string InvalidAmount = "invalid_amount";
    public const string InvalidCurrency = "invalid_currency";
    public const string InvalidOverdraftLimit = "invalid_overdraft_limit";
    public const string InvalidName = "invalid_name";
    public const string InvalidEmail = "invalid_email";
    public const string InvalidId = "invalid_id";
    public const string CustomerAlreadyRegistered = "customer_already_registered";
    public const string CustomerNotFound = "customer_not_found";
    public const string AccountAlreadyOpen = "account_already_open";
    public const string AccountNotOpen = "account_not_open";
    public const string AccountClosed = "account_closed";
    public const string InsufficientFunds = "insufficient_funds";
    public const string BalanceNotZero = "balance_not_zero";
    public const string CurrencyMismatch = "currency_mismatch";
    public const string SameAccount = "same_account";
    public const string TransferIdReused = "transfer_id_reused";
}
