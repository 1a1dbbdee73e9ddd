using System.Net;
using System.Reflection;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using NetworkPlatform.Domain.Migrations;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Schema;

namespace NetworkPlatform.Tests.Security;

/// <summary>
/// The key ring moved from our own repository to DataProtection.EntityFrameworkCore (migration
/// DataProtectionKeysForTheLibrary). An installation keeps its keys, so members stay signed in across the upgrade.
/// </summary>
public class DataProtectionKeyMigrationTests
{
    private static readonly string SwitchId =
        typeof(DataProtectionKeysForTheLibrary).GetCustomAttribute<MigrationAttribute>()!.Id;

    [Fact]
    public async Task A_login_cookie_issued_with_the_old_key_storage_is_accepted_after_the_switch_to_the_library()
    {
        // An installation before the switch: its schema, and a key that the old repository wrote into it.
        var cs = await TestDatabase.CreateEmptyAsync();
        await SchemaDump.MigrateStepByStepAsync(cs, await PreviousMigrationAsync(cs));
        var oldStorage = new OldDbXmlRepository(cs);
        CreateKey(oldStorage);
        var keys = await KeyRowsAsync(cs);
        Assert.Single(keys);

        // The old key storage signs a member in. (The app applies the pending migrations as it starts; the old
        // repository reads and writes the table the same way before and after them.)
        var email = TestData.UniqueEmail("keyring");
        string cookie;
        await using (var before = new KeyRingApp(cs, oldStorage))
        {
            await before.InitializeAsync();
            await before.CreateMemberAsync(email);
            var login = await before.NewClient(followRedirects: false).LoginAsync(email);
            Assert.Equal(HttpStatusCode.Redirect, login.Status);
            cookie = AuthCookie(login);
        }

        // After the switch: the library's storage reads the same key and accepts the cookie.
        await using (var after = new KeyRingApp(cs))
        {
            await after.InitializeAsync();
            var settings = await GetWithCookieAsync(after, "/settings", cookie);
            Assert.Equal(HttpStatusCode.OK, settings.StatusCode);
            Assert.Contains(email, await settings.Content.ReadAsStringAsync());
            await using var db = TestDatabase.NewContext(cs);
            Assert.Contains(SwitchId, await db.Database.GetAppliedMigrationsAsync());
        }
        // The migration kept the key as it was, and the library made no new one: it found this one.
        Assert.Equal(keys, await KeyRowsAsync(cs));

        // Without that key the same cookie is no sign-in: an installation with a key ring of its own sends it to
        // the login page.
        await using var elsewhere = new KeyRingApp(await TestDatabase.CreateAsync());
        await elsewhere.InitializeAsync();
        var refused = await GetWithCookieAsync(elsewhere, "/settings", cookie);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal("/account/login", refused.Headers.Location!.AbsolutePath);
    }

    private static async Task<string> PreviousMigrationAsync(string cs)
    {
        await using var db = TestDatabase.NewContext(cs);
        var ids = db.Database.GetMigrations().ToList();
        return ids[ids.IndexOf(SwitchId) - 1];
    }

    /// <summary>What the old version did when it first started: make a key and store it.</summary>
    private static void CreateKey(IXmlRepository storage)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDataProtection().SetApplicationName("NetworkPlatform");
        services.Configure<KeyManagementOptions>(o => o.XmlRepository = storage);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("first start").Protect([1]);
    }

    private static async Task<List<(int Id, string? FriendlyName, string? Xml)>> KeyRowsAsync(string cs)
    {
        await using var conn = new NpgsqlConnection(cs);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("""SELECT "Id", "FriendlyName", "Xml" FROM "DataProtectionKeys" ORDER BY "Id" """, conn);
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<(int, string?, string?)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2)));
        return rows;
    }

    /// <summary>The authentication cookie, in as many pieces as the cookie manager cut it into.</summary>
    private static string AuthCookie(Page page) => string.Join("; ", page.Response.Headers.GetValues("Set-Cookie")
        .Where(c => c.StartsWith("np.auth", StringComparison.Ordinal))
        .Select(c => c.Split(';')[0]));

    private static async Task<HttpResponseMessage> GetWithCookieAsync(AppFactory app, string url, string cookie)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("Cookie", cookie);
        request.Headers.AcceptLanguage.ParseAdd("en");
        return await client.SendAsync(request);
    }

    /// <summary>The app on a given database, with the old key storage if one is given.</summary>
    private sealed class KeyRingApp(string connectionString, IXmlRepository? oldStorage = null) : AppFactory
    {
        public override Task InitializeAsync()
        {
            ConnectionString = connectionString;
            return Task.CompletedTask;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            if (oldStorage is not null)
                builder.ConfigureTestServices(s => s.Configure<KeyManagementOptions>(o => o.XmlRepository = oldStorage));
        }
    }

    /// <summary>
    /// The key storage before the switch (Web/Infrastructure/Security/DbXmlRepository, removed with its entity
    /// class): one row per key with its friendly name and the XML on one line, read back in any order. In SQL here,
    /// since the entity it wrote through is gone.
    /// </summary>
    private sealed class OldDbXmlRepository(string connectionString) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var conn = new NpgsqlConnection(connectionString);
            conn.Open();
            using var cmd = new NpgsqlCommand("""SELECT "Xml" FROM "DataProtectionKeys" """, conn);
            using var reader = cmd.ExecuteReader();
            var elements = new List<XElement>();
            while (reader.Read())
                elements.Add(XElement.Parse(reader.GetString(0)));
            return elements;
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var conn = new NpgsqlConnection(connectionString);
            conn.Open();
            using var cmd = new NpgsqlCommand("""INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES (@name, @xml)""", conn);
            cmd.Parameters.AddWithValue("name", friendlyName);
            cmd.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
            cmd.ExecuteNonQuery();
        }
    }
}
