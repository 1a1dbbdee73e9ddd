using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Domain.Search;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Schema;

/// <summary>
/// Migrations are frozen once written (ADR 0010): they hold their SQL as literals, while the model and
/// <see cref="SearchSql"/> say what the database must have now. This proves that a database migrated step by step
/// from the first migration has exactly that schema: pg_dump of it equals pg_dump of one built by
/// <c>EnsureCreated()</c> from the model plus the SQL objects a model cannot hold (SearchSql's functions, trigger and
/// column storage). A constant changed without a migration that applies the change fails here; a change to the model
/// also fails <c>dotnet ef migrations has-pending-model-changes</c> (scripts/test.sh) and the snapshot test below.
/// </summary>
public class SchemaDriftTests
{
    private static readonly Lazy<Task<string>> MigratedSchema = new(async () =>
        await SchemaDump.OfAsync(await SchemaDump.MigratedStepByStepAsync()));

    [Fact]
    public async Task The_database_migrated_step_by_step_has_the_schema_that_the_code_declares()
    {
        var declared = await DeclaredSchemaAsync(TestDatabase.NewContext);

        Assert.Contains("CREATE TABLE public.\"AspNetUsers\"", declared);
        Assert.Contains("CREATE FUNCTION public.np_search_fold(text)", declared);
        Assert.Contains("CREATE TRIGGER np_search_name_words", declared);
        Assert.Contains("gin_pending_list_limit", declared);
        Assert.Empty(SchemaDump.Differences(declared, await MigratedSchema.Value, "the code", "the migrations"));
    }

    [Fact]
    public async Task The_model_snapshot_holds_every_change_of_the_model()
    {
        await using var db = TestDatabase.NewContext(await TestDatabase.CreateEmptyAsync());
        Assert.False(db.Database.HasPendingModelChanges());
    }

    [Fact]
    public async Task A_function_changed_in_SearchSql_without_a_migration_fails_the_drift_check()
    {
        const string spelledOut = "'ß', 'ss'";
        Assert.Contains(spelledOut, SearchSql.CreateFunctions);
        var changed = SearchSql.CreateFunctions.Replace(spelledOut, "'ß', 'sz'");

        var declared = await DeclaredSchemaAsync(TestDatabase.NewContext, changed);

        var differences = SchemaDump.Differences(declared, await MigratedSchema.Value, "the code", "the migrations");
        Assert.Contains(differences, d => d.StartsWith("only in the code:") && d.Contains("'sz'"));
        Assert.Contains(differences, d => d.StartsWith("only in the migrations:") && d.Contains("'ss'"));
    }

    [Fact]
    public async Task A_generated_column_changed_in_the_model_without_a_migration_fails_the_drift_check_and_the_snapshot_check()
    {
        var declared = await DeclaredSchemaAsync(cs => new ChangedSearchNameContext(Options(cs)));

        var differences = SchemaDump.Differences(declared, await MigratedSchema.Value, "the code", "the migrations");
        // pg_dump writes the expression as PostgreSQL keeps it: lower(("FullName")::text).
        Assert.Contains(differences, d => d.StartsWith("only in the code:") && d.Contains("\"SearchName\"") &&
                                          d.Contains("lower("));

        // What `dotnet ef migrations has-pending-model-changes` does, for this changed model: compare it with the
        // snapshot that the last migration left.
        var cs = await TestDatabase.CreateEmptyAsync();
        await using var db = TestDatabase.NewContext(cs);
        await using var changed = new ChangedSearchNameContext(Options(cs));
        var operations = db.GetService<IMigrationsModelDiffer>().GetDifferences(
            SnapshotModel(db).GetRelationalModel(), changed.GetService<IDesignTimeModel>().Model.GetRelationalModel());
        var alter = Assert.IsType<AlterColumnOperation>(Assert.Single(operations));
        Assert.Equal(SearchColumns.SearchName, alter.Name);
        Assert.Equal(ChangedSearchNameContext.Sql, alter.ComputedColumnSql);
    }

    [Fact]
    public async Task The_indexes_that_the_benchmark_rebuilds_from_SearchSql_are_the_migrated_ones()
    {
        var cs = await TestDatabase.CreateAsync();
        var before = await SchemaDump.OfAsync(cs);
        await using (var db = TestDatabase.NewContext(cs))
        {
            await db.Database.ExecuteSqlRawAsync("""
                DROP INDEX "IX_MemberProfiles_SearchDocument", "IX_MemberProfiles_NameWords", "IX_MemberProfiles_SkillKeys";
                """);
            await db.Database.ExecuteSqlRawAsync(SearchSql.CreateIndexes);
        }

        Assert.Empty(SchemaDump.Differences(before, await SchemaDump.OfAsync(cs), "the migrations", "SearchSql.CreateIndexes"));
    }

    [Fact]
    public async Task Every_migration_is_applied_to_a_test_database_and_none_is_pending()
    {
        await using var db = TestDatabase.NewContext(await TestDatabase.CreateAsync());
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
    }

    /// <summary>
    /// The schema that the code declares: functions first (the model's generated columns call them), then the model's
    /// tables, then what the model cannot hold.
    /// </summary>
    private static async Task<string> DeclaredSchemaAsync(Func<string, AppDbContext> newContext,
        string functions = SearchSql.CreateFunctions)
    {
        var cs = await TestDatabase.CreateEmptyAsync();
        await using (var db = newContext(cs))
        {
            await db.Database.ExecuteSqlRawAsync(functions);
            await db.Database.EnsureCreatedAsync();
            await db.Database.ExecuteSqlRawAsync(SearchSql.CreateTriggers);
            await db.Database.ExecuteSqlRawAsync(SearchSql.DocumentStorage);
        }
        return await SchemaDump.OfAsync(cs);
    }

    private static DbContextOptions<AppDbContext> Options(string cs) =>
        new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(cs).Options;

    /// <summary>The model as the migrations' snapshot holds it (a fresh instance: finalizing changes the model).</summary>
    private static IModel SnapshotModel(DbContext db)
    {
        var type = db.GetService<IMigrationsAssembly>().ModelSnapshot?.GetType();
        Assert.NotNull(type);
        var snapshot = (ModelSnapshot)Activator.CreateInstance(type)!;
        var model = ((IMutableModel)snapshot.Model).FinalizeModel();
        return db.GetService<IModelRuntimeInitializer>().Initialize(model);
    }

    /// <summary>The model with <see cref="SearchSql.SearchNameColumn"/> changed, as if the constant had been edited.</summary>
    private sealed class ChangedSearchNameContext(DbContextOptions<AppDbContext> options) : AppDbContext(options)
    {
        public const string Sql = """lower("FullName")""";

        protected override void OnModelCreating(ModelBuilder builder)
        {
            base.OnModelCreating(builder);
            builder.Entity<MemberProfile>().Property<string>(SearchColumns.SearchName).HasComputedColumnSql(Sql, stored: true);
        }
    }
}
