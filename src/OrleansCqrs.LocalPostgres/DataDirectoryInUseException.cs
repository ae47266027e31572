namespace OrleansCqrs.LocalPostgres;

/// <summary>Another process runs a private cluster on this data folder, and this one may not share it.</summary>
public sealed class DataDirectoryInUseException(string dataDirectory, int port)
    : Exception(
        $"The data folder {dataDirectory} is in use by another silo's PostgreSQL (port {port}). Two one-silo clusters on one folder " +
        "would share one log and fire each other's reminders: give this silo its own OrleansCqrs__DataDirectory, or join the " +
        "running one with OrleansCqrs__Clustering=AdoNet on both.")
{
    public string DataDirectory { get; } = dataDirectory;
}
