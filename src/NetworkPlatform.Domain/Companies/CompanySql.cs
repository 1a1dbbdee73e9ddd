namespace NetworkPlatform.Domain.Companies;

/// <summary>
/// The generated columns the company directory searches and sorts by, built on the member search's functions
/// (<see cref="Search.SearchSql"/>: German and English word forms, umlauts folded). As there, the migration keeps its
/// own frozen copy; changing a constant needs a new migration (ADR 0010).
/// </summary>
public static class CompanySql
{
    public const string SearchDocument = "SearchDocument";
    public const string LocationKey = "LocationKey";
    public const string NameKey = "NameKey";

    /// <summary>Name (weight A), tagline and specialities (B), description (C).</summary>
    public const string SearchDocumentColumn = """
setweight(np_search_words("Name"), 'A') || setweight(np_search_words(COALESCE("Tagline", '') || ' ' || np_search_join("Specialities")), 'B') || setweight(np_search_words(COALESCE("Description", '')), 'C')
""";

    /// <summary>Headquarters and further locations, folded: the location filter matches a part ("frankfurt").</summary>
    public const string LocationKeyColumn = """
np_search_fold(COALESCE("City", '') || ' ' || COALESCE("Country", '') || ' ' || np_search_join("Locations"))
""";

    /// <summary>The name folded, so that "Ärzte-Service" sorts with the A's and case does not matter.</summary>
    public const string NameKeyColumn = """np_search_fold("Name")""";
}
