using System.Text;
using NetworkPlatform.Domain.Contacts;
using NetworkPlatform.Tests.Infrastructure;
using NetworkPlatform.Tests.Profiles;

namespace NetworkPlatform.Tests.ContactExport;

public static class ContactExportTestData
{
    /// <summary>Makes two members contacts (both rows), connected at <paramref name="since"/>.</summary>
    public static Task ConnectAsync(this AppFactory app, Guid a, Guid b, DateTimeOffset? since = null) =>
        app.WithDbAsync(async db =>
        {
            var at = since ?? app.Clock.GetUtcNow();
            db.Contacts.Add(new Contact { UserId = a, ContactUserId = b, CreatedAt = at });
            db.Contacts.Add(new Contact { UserId = b, ContactUserId = a, CreatedAt = at });
            return await db.SaveChangesAsync();
        });

    /// <summary>A member whose name may hold any letters (the e-mail address is made of ASCII on its own).</summary>
    public static async Task<ProfileViewTestData.Member> NamedMemberAsync(this AppFactory app, string first, string last,
        Action<Domain.Profiles.MemberProfile>? edit = null)
    {
        var user = await app.CreateMemberAsync(TestData.UniqueEmail("named"), first: first, last: last);
        var slug = await app.EditProfileAsync(user.Id, p => edit?.Invoke(p));
        return new ProfileViewTestData.Member(user, slug, null);
    }

    /// <summary>The cards of a multi-card file, each checked and parsed by the tests' own vCard reader.</summary>
    public static IReadOnlyList<VCardParser> Cards(string text)
    {
        if (text.Length == 0)
            return [];
        Assert.EndsWith("END:VCARD\r\n", text);
        return text.Split("END:VCARD\r\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(part => VCardParser.Parse(part + "END:VCARD\r\n"))
            .ToList();
    }

    public static async Task<(HttpResponseMessage Response, byte[] Bytes)> DownloadAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        return (response, await response.Content.ReadAsByteArrayAsync());
    }

    public static string Utf8WithoutBom(byte[] bytes)
    {
        Assert.True(bytes.Length >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF, "no UTF-8 byte order mark");
        return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
    }
}
