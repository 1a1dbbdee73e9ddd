namespace NetworkPlatform.Domain.Search;

/// <summary>
/// The SQL that member search is built on (ADR 0006) as the database must have it now: the model declares the
/// generated columns and indexes from these constants, and the search query folds the member's input with the same
/// function, so a profile and a query are always normalised alike. The migrations hold their own frozen copies
/// (ADR 0010): changing a constant here needs a new migration that applies the change, or the drift test fails
/// (SchemaDriftTests; for the columns and indexes also `dotnet ef migrations has-pending-model-changes`).
/// </summary>
public static class SearchSql
{
    /// <summary>
    /// Functions are not part of an EF model, so <c>EnsureCreated()</c> cannot make them; the schema drift test runs
    /// this before it builds its database from the model (the generated columns need them) and compares the result
    /// with the migrated database, whose functions the migrations made from their own copies.
    /// <list type="bullet">
    /// <item><c>np_search_fold</c>: ä/ö/ü/ß spelled out (Müller = Mueller), other accents removed by <c>unaccent</c>
    /// (José = Jose), lower case, and the skills whose punctuation the parser would drop made into words (C# → csharp,
    /// C++ → cplusplus, F# → fsharp, .NET → dotnet, ASP.NET → asp dotnet). <c>unaccent()</c> is only STABLE (its
    /// dictionary could change), so it may not appear in a generated column or an index; this wrapper names the
    /// dictionary with its schema and is declared IMMUTABLE, the usual way to index unaccented text.</item>
    /// <item><c>np_search_join</c>: <c>array_to_string</c> is STABLE too; for text arrays it is immutable in fact.</item>
    /// <item>No braces in this SQL (such as a regex <c>{3,}</c>): EF's raw SQL commands read them as placeholders.</item>
    /// <item><c>np_search_forms</c>: German feminine job titles to the form the stemmer knows (Entwicklerin,
    /// Beraterinnen → Entwickler, Berater; Ingenieurin → Ingenieur): the German stemmer leaves "-in" alone, so
    /// "Entwickler" would not find "Softwareentwicklerin"s colleague "Entwicklerin". Applied before German stemming
    /// on both sides (document and query); names are folded by the same rule on both sides, so they still match.</item>
    /// <item><c>np_search_words</c>: the words of a text stemmed as German and as English (ADR 0006).</item>
    /// </list>
    /// </summary>
    public const string CreateFunctions = """
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION public.np_search_fold(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT regexp_replace(regexp_replace(regexp_replace(regexp_replace(
        lower(public.unaccent('public.unaccent'::regdictionary,
            replace(replace(replace(replace(replace(replace(replace(replace($1,
                'ä', 'ae'), 'ö', 'oe'), 'ü', 'ue'), 'Ä', 'Ae'), 'Ö', 'Oe'), 'Ü', 'Ue'), 'ß', 'ss'), 'ẞ', 'SS'))),
        '(^|[^[:alnum:]])([cf])#', '\1\2sharp', 'g'),
        '(^|[^[:alnum:]])c\+\+', '\1cplusplus', 'g'),
        '([[:alnum:]])\.net\M', '\1 dotnet', 'g'),
        '(^|[^[:alnum:]])\.net\M', '\1dotnet', 'g') $$;

CREATE OR REPLACE FUNCTION public.np_search_join(text[]) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT array_to_string($1, ' ') $$;

CREATE OR REPLACE FUNCTION public.np_search_fold_all(text[]) RETURNS text[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT COALESCE(array_agg(public.np_search_fold(s)), ARRAY[]::text[]) FROM unnest($1) s $$;

CREATE OR REPLACE FUNCTION public.np_search_forms(text) RETURNS text
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT regexp_replace($1, '([[:alpha:]][[:alpha:]][[:alpha:]]+(er|eur))in(nen)?\M', '\1', 'g') $$;

CREATE OR REPLACE FUNCTION public.np_search_words(text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT to_tsvector('pg_catalog.german'::regconfig, public.np_search_forms(public.np_search_fold($1)))
              || to_tsvector('pg_catalog.english'::regconfig, public.np_search_fold($1)) $$;
""";

    /// <summary>The German half of the query: folded like the document, feminine forms reduced.</summary>
    public const string GermanQuery = """websearch_to_tsquery('pg_catalog.german', np_search_forms(np_search_fold(@q)))""";

    /// <summary>The member's name, folded: what typo-tolerant name search compares with (trigrams).</summary>
    public const string SearchNameColumn = """np_search_fold("FullName")""";

    /// <summary>
    /// The words of the member's folded name ("Hans Müller" → hans, mueller): what exact name matches compare with, and,
    /// through the dictionary of all name words (<c>SearchNameWords</c>), how a name with a typo is found.
    /// </summary>
    public const string NameWordsColumn = """array_remove(regexp_split_to_array(np_search_fold("FullName"), '[^[:alnum:]]+'), '')""";

    /// <summary>The skills, each folded like the query: the skill filter compares whole tags through a GIN index.</summary>
    public const string SkillKeysColumn = """np_search_fold_all("Skills")""";

    /// <summary>
    /// The fields that filters compare by a part ("frankfurt" in "Frankfurt am Main"), folded once when the profile is
    /// saved instead of for every match of every search (folding costs microseconds: 0.5 s for a common term's 50,000
    /// matches at 1M). Column name → SQL.
    /// </summary>
    public static readonly IReadOnlyList<(string Column, string Sql)> FilterKeyColumns =
    [
        ("CityKey", """np_search_fold("City")"""),
        ("EmployerKey", """np_search_fold("Employer")"""),
        ("HavesKey", """np_search_fold(np_search_join("Haves"))"""),
        ("WantsKey", """np_search_fold(np_search_join("Wants"))"""),
    ];

    /// <summary>
    /// The search document: name and academic title (weight A), headline and position (B), employer, skills, offers
    /// and wants (C), interests, summary, location and industry code (D).
    /// </summary>
    public const string SearchDocumentColumn = """
setweight(np_search_words(COALESCE("AcademicTitle", '') || ' ' || "FullName"), 'A') || setweight(np_search_words(COALESCE("Headline", '') || ' ' || COALESCE("Position", '')), 'B') || setweight(np_search_words(COALESCE("Employer", '') || ' ' || np_search_join("Skills") || ' ' || np_search_join("Haves") || ' ' || np_search_join("Wants")), 'C') || setweight(np_search_words(np_search_join("Interests") || ' ' || COALESCE("Summary", '') || ' ' || COALESCE("City", '') || ' ' || COALESCE("Country", '') || ' ' || COALESCE("IndustryCode", '')), 'D')
""";

    /// <summary>
    /// The GIN indexes of the profile table, one per line, as the model declares them (a drift test holds this text to
    /// the migrated database); the benchmark's generator drops them for its bulk load and builds them again from this
    /// text, so its schema is the production one.
    /// GIN collects new entries in a pending list and merges them later in bulk, but every search through the index
    /// reads the whole list and compares each entry with the query: after a burst of 100,000 sign-ups the default
    /// 4 MB held 2,000 profiles' documents (400 pages) and a probe of the name words took 1 ms instead of 0.02
    /// (bench/README.md, fifth round). So the document and skill indexes keep at most
    /// <see cref="PendingListLimitKb"/> kB pending, and the name words' index none (<c>fastupdate = false</c>): a name
    /// with a typo probes it once per combination of near words (up to 100), and a name has two or three words, so
    /// writing them at once costs a sign-up little.
    /// </summary>
    public static readonly string CreateIndexes = $"""
CREATE INDEX "IX_MemberProfiles_SearchDocument" ON "MemberProfiles" USING gin ("SearchDocument") WITH (gin_pending_list_limit = {PendingListLimitKb});
CREATE INDEX "IX_MemberProfiles_NameWords" ON "MemberProfiles" USING gin ("NameWords") WITH (fastupdate = false);
CREATE INDEX "IX_MemberProfiles_SkillKeys" ON "MemberProfiles" USING gin ("SkillKeys") WITH (gin_pending_list_limit = {PendingListLimitKb});
""";

    /// <summary>The pending list of the document and skill indexes, in kB (<see cref="CreateIndexes"/>).</summary>
    public const int PendingListLimitKb = 256;

    /// <summary>
    /// The dictionary of name words (<c>SearchNameWords</c>) kept current by a trigger on every insert, name change and
    /// delete of a profile: a word comes in with the first member who has it and goes with the last. Looking up near
    /// words in a few thousand distinct words is what makes typo-tolerant names fast at a million members (the
    /// trigram index over every full name cost 50 ms for "Schmitt"; bench/README.md). Writers of new or gone words
    /// take one advisory lock in turn (the benchmark's burst of batched sign-ups deadlocked without). A word removed while another
    /// transaction adds a member with the same word may be lost from the dictionary; that member is then still found
    /// by the exact name, only not by a typo of it, until <see cref="RebuildNameWords"/> runs (the purge job does).
    /// Not part of the EF model: the drift test creates it after the model's tables, as the migrations did.
    /// </summary>
    public const string CreateTriggers = """
CREATE OR REPLACE FUNCTION public.np_search_name_words_sync() RETURNS trigger
    LANGUAGE plpgsql
    AS $$
DECLARE
    added text[];
    removed text[];
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        SELECT array_agg(DISTINCT w) INTO added FROM unnest(NEW."NameWords") w
        WHERE NOT EXISTS (SELECT 1 FROM "SearchNameWords" d WHERE d."Word" = w);
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        SELECT array_agg(DISTINCT w) INTO removed FROM unnest(OLD."NameWords") w
        WHERE (TG_OP = 'DELETE' OR NOT (w = ANY (NEW."NameWords")))
          AND NOT EXISTS (SELECT 1 FROM "MemberProfiles" p WHERE p."NameWords" @> ARRAY[w]);
    END IF;
    IF added IS NULL AND removed IS NULL THEN
        RETURN NULL;
    END IF;
    -- One writer of new or gone words at a time, until it commits: two transactions that add the same new words in
    -- a different order (sign-ups in batches) would otherwise wait for each other (a deadlock). Known words, which
    -- is nearly every name after the first weeks, take no lock.
    PERFORM pg_advisory_xact_lock(1853, 1);
    INSERT INTO "SearchNameWords" ("Word") SELECT w FROM unnest(added) w ORDER BY w ON CONFLICT DO NOTHING;
    DELETE FROM "SearchNameWords" d
    WHERE d."Word" = ANY (removed)
      AND NOT EXISTS (SELECT 1 FROM "MemberProfiles" p WHERE p."NameWords" @> ARRAY[d."Word"]);
    RETURN NULL;
END $$;

CREATE TRIGGER np_search_name_words AFTER INSERT OR DELETE OR UPDATE OF "FullName" ON "MemberProfiles"
    FOR EACH ROW EXECUTE FUNCTION public.np_search_name_words_sync();
""";

    /// <summary>
    /// The search document is kept in the profile's row (compressed if need be) instead of the table's TOAST storage:
    /// ranking reads the document of every match, and from TOAST that is an index lookup and two or three more pages
    /// per match (at a million members, 3,600 pages instead of 1,000 for a thousand matches; bench/README.md, fifth
    /// round). The longest field (the summary) goes to TOAST first instead; only a row larger than a page would move
    /// the document out. Not part of the EF model: the drift test applies it after the model's tables, as the
    /// migration 20261202060000_SearchStorage did.
    /// </summary>
    public const string DocumentStorage = """
ALTER TABLE "MemberProfiles" ALTER COLUMN "SearchDocument" SET STORAGE MAIN;
""";

    /// <summary>Makes the dictionary of name words exactly the words of today's profiles.</summary>
    public const string RebuildNameWords = """
INSERT INTO "SearchNameWords" ("Word") SELECT DISTINCT unnest("NameWords") FROM "MemberProfiles" ON CONFLICT DO NOTHING;
DELETE FROM "SearchNameWords" d WHERE NOT EXISTS (SELECT 1 FROM "MemberProfiles" p WHERE p."NameWords" @> ARRAY[d."Word"]);
""";
}

public static class SearchColumns
{
    public const string SearchName = "SearchName";
    public const string SearchDocument = "SearchDocument";
    public const string NameWords = "NameWords";
    public const string SkillKeys = "SkillKeys";
}
