namespace OrleansCqrs.EventSourcing.Snapshots;

/// <summary>A row of snapshots.snapshots.</summary>
public sealed record StoredSnapshot(
    string TenantId,
    string StreamId,
    long Version,
    string StateType,
    int SchemaVersion,
    byte[] ShapeHash,
    byte[] Checksum,
    byte[] Payload);
