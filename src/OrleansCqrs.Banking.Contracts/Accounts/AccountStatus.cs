namespace OrleansCqrs.Banking.Accounts;

[GenerateSerializer]
public enum AccountStatus
{
    NotOpened,
    Open,
    Closed,
}
