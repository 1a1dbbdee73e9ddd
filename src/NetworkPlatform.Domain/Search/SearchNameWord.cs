namespace NetworkPlatform.Domain.Search;

/// <summary>
/// One distinct word of the members' folded names ("mueller", "hans"), kept by a database trigger
/// (<see cref="SearchSql.CreateTriggers"/>): a name typed with a typo is first compared with these few thousand words
/// (trigrams), then the members are found by the near words through the index on their name words.
/// </summary>
public class SearchNameWord
{
    public string Word { get; set; } = "";
}
