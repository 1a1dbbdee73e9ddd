namespace NetworkPlatform.Domain.Profiles;

/// <summary>
/// The fixed list of industries, stored as codes; their names are localized in the web layer ("Industry.{code}").
/// Codes never change once used: search filters and company pages refer to them.
/// </summary>
public static class Industries
{
    public static readonly IReadOnlyList<string> All =
    [
        "accounting", "advertising", "aerospace", "agriculture", "architecture", "arts", "automotive", "banking",
        "biotech", "chemicals", "construction", "consulting", "consumer-goods", "education", "electronics", "energy",
        "engineering", "environment", "events", "fashion", "finance", "food", "government", "healthcare",
        "hospitality", "hr", "insurance", "it-services", "legal", "logistics", "manufacturing", "media",
        "nonprofit", "pharma", "public-relations", "real-estate", "research", "retail", "software", "sports",
        "telecom", "tourism",
    ];

    public static bool IsKnown(string? code) => code is not null && All.Contains(code);
}
