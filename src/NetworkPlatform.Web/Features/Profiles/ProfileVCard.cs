using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Web.Features.Profiles;

/// <summary>A profile as a vCard 4.0: made from the viewer's <see cref="ProfileView"/>, so it holds only what they may see.</summary>
public static class ProfileVCard
{
    public static string Write(ProfileView p, string baseUrl)
    {
        var root = baseUrl.TrimEnd('/');
        var card = new VCardWriter()
            .Text("FN", p.Name.Full)
            .Structured("N", [p.Name.LastName, p.Name.FirstName, "", p.Name.AcademicTitle, ""])
            .Uri("UID", $"urn:uuid:{p.UserId}")
            .Text("ORG", p.Employer)
            .Text("TITLE", p.Position)
            .Text("EMAIL", p.Contact(ContactField.BusinessEmail)?.Value, "TYPE=work")
            .Text("TEL", p.Contact(ContactField.Phone)?.Value, "TYPE=work")
            .Text("TEL", p.Contact(ContactField.Mobile)?.Value, "TYPE=cell")
            .Structured("ADR", ["", "", p.Contact(ContactField.Address)?.Value, "", "", "", ""], "TYPE=work")
            .Date("BDAY", p.Contact(ContactField.Birthday) is { } b ? DateOnly.Parse(b.Value, System.Globalization.CultureInfo.InvariantCulture) : null)
            .Uri("URL", root + ProfileUrls.Page(p.Slug));
        foreach (var link in p.Links)
            card.Uri("URL", link.Url);
        if (p.PhotoFileId is not null)
            card.Uri("PHOTO", root + ProfileUrls.Photo(p.UserId));
        card.Text("NOTE", p.Headline);
        return card.ToString();
    }
}
