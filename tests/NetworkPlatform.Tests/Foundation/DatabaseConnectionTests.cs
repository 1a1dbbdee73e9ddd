using Microsoft.EntityFrameworkCore;
using NetworkPlatform.Domain;
using NetworkPlatform.Tests.Infrastructure;
using Npgsql;

namespace NetworkPlatform.Tests.Foundation;

/// <summary>The app prepares the statements it runs again (Npgsql automatic preparation), unless the operator says otherwise.</summary>
public class DatabaseConnectionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_app_s_connection_prepares_repeated_statements_and_they_give_the_same_answers()
    {
        var cs = await app.WithDbAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var b = new NpgsqlConnectionStringBuilder(cs);
        Assert.Equal(DatabaseConnection.MaxAutoPrepare, b.MaxAutoPrepare);
        Assert.Equal(2, b.AutoPrepareMinUsages);

        // The same query three times on one connection: prepared from the second run on, the same answer each time.
        var email = (await app.CreateMemberAsync(TestData.UniqueEmail(), first: "Anna", last: "Bereit")).Email;
        var answers = new List<string?>();
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 3; i++)
                answers.Add(await db.Users.Where(u => u.Email == email).Select(u => u.LastName).SingleAsync());
            return 0;
        });
        Assert.Equal(["Bereit", "Bereit", "Bereit"], answers);
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;MaxAutoPrepare=10", 10)]
    [InlineData("Host=db", DatabaseConnection.MaxAutoPrepare)]
    public void A_setting_in_the_connection_string_is_kept(string connectionString, int expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DatabaseConnection.Tune(connectionString)).MaxAutoPrepare);

    [Theory]
    [InlineData("Host=db", true)]
    [InlineData("Host=db;No Reset On Close=false", false)]
    [InlineData("Host=db;NoResetOnClose=false", false)]
    public void Pooled_connections_are_not_reset_unless_the_connection_string_asks_for_it(string connectionString,
        bool expected) =>
        Assert.Equal(expected, new NpgsqlConnectionStringBuilder(DatabaseConnection.Tune(connectionString)).NoResetOnClose);
}
