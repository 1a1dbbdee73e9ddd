namespace NetworkPlatform.Domain;

/// <summary>
/// A rule of the domain was broken by what a member asked for. <see cref="MessageKey"/> is a resource key that the
/// web layer turns into a localized message; it is never answered with a 500.
/// </summary>
public class DomainException(string messageKey) : Exception(messageKey)
{
    public string MessageKey { get; } = messageKey;
}

/// <summary>
/// An id in a request that does not exist or is not the member's to act on. The web layer answers 404 for both, so
/// nobody learns which ids exist.
/// </summary>
public class NotFoundException() : Exception("Not found");
