using System.Collections.Immutable;

namespace OrleansCqrs.Banking.ReadModels.CustomerDirectory;

/// <summary>A row of readmodels.customer_directory.</summary>
public sealed record CustomerDirectoryRow(
    string TenantId,
    string CustomerId,
    string Name,
    string Email,
    ImmutableArray<string> AccountIds,
    DateTimeOffset? RegisteredAt)
{
    public static CustomerDirectoryRow Empty(string tenantId, string customerId) => new(tenantId, customerId, "", "", [], null);

    // Records compare arrays by reference; rows compare by content.
    public bool Equals(CustomerDirectoryRow? other) =>
        other is not null && (TenantId, CustomerId, Name, Email, RegisteredAt) == (other.TenantId, other.CustomerId, other.Name, other.Email, other.RegisteredAt)
        && AccountIds.SequenceEqual(other.AccountIds);

    public override int GetHashCode() => HashCode.Combine(TenantId, CustomerId, Name, Email, AccountIds.Length, RegisteredAt);
}
