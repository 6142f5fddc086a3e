namespace Reception.Core.Common;

/// <summary>
/// An entity whose <see cref="Version"/> rises by one on every saved change; the data layer uses it
/// as the optimistic-concurrency token, so two people editing the same record cannot overwrite each other.
/// </summary>
public interface IVersioned
{
    int Version { get; }
    void BumpVersion();
}
