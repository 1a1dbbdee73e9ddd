using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using NetworkPlatform.Domain.Migrations;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Schema;

/// <summary>
/// The baseline migration brought the model snapshot (ADR 0010) to databases that the hand-written migrations had
/// built; it must leave each of them exactly as it was.
/// </summary>
public class BaselineMigrationTests
{
    private static readonly string BaselineId = typeof(Baseline).GetCustomAttribute<MigrationAttribute>()!.Id;

    [Fact]
    public async Task The_baseline_migration_leaves_a_database_at_the_previous_migration_as_it_was()
    {
        var cs = await TestDatabase.CreateEmptyAsync();
        string previous;
        await using (var db = TestDatabase.NewContext(cs))
        {
            var ids = db.Database.GetMigrations().ToList();
            previous = ids[ids.IndexOf(BaselineId) - 1];
        }
        await SchemaDump.MigrateStepByStepAsync(cs, previous);
        var before = await SchemaDump.OfAsync(cs, withHistoryTable: true);

        await SchemaDump.MigrateStepByStepAsync(cs, BaselineId);

        Assert.Equal(before, await SchemaDump.OfAsync(cs, withHistoryTable: true));
        await using var after = TestDatabase.NewContext(cs);
        Assert.Equal(BaselineId, (await after.Database.GetAppliedMigrationsAsync()).Last());
    }

    [Fact]
    public void The_baseline_migration_has_no_operations_up_or_down()
    {
        var baseline = new Baseline();
        Assert.Empty(baseline.UpOperations);
        Assert.Empty(baseline.DownOperations);
        Assert.NotNull(baseline.TargetModel);
    }
}
