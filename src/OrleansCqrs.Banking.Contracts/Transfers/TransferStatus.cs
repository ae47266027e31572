namespace OrleansCqrs.Banking.Transfers;

[GenerateSerializer]
public enum TransferStatus
{
    NotStarted,
    Requested,
    Debited,
    CreditRefused,
    Completed,
    Compensated,
    Failed,
}
