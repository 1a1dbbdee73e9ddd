using System.Globalization;

namespace NetworkPlatform.Domain.Profiles;

/// <summary>
/// A member's contact details with the visibility each one has. <see cref="VisibleTo"/> is the only place that turns
/// them into what one viewer may see: the profile page, its vCard and the contact export all go through it.
/// </summary>
public sealed record ContactDetailValues(
    string? Phone, FieldVisibility PhoneVisibility,
    string? Mobile, FieldVisibility MobileVisibility,
    string? BusinessEmail, FieldVisibility BusinessEmailVisibility,
    string? Address, FieldVisibility AddressVisibility,
    DateOnly? Birthday, FieldVisibility BirthdayVisibility)
{
    public List<ContactDetail> VisibleTo(ViewerRelation viewer)
    {
        var all = new (ContactField Field, string? Value, FieldVisibility Visibility)[]
        {
            (ContactField.Phone, Phone, PhoneVisibility),
            (ContactField.Mobile, Mobile, MobileVisibility),
            (ContactField.BusinessEmail, BusinessEmail, BusinessEmailVisibility),
            (ContactField.Address, Address, AddressVisibility),
            (ContactField.Birthday, Birthday?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), BirthdayVisibility),
        };
        return all
            .Where(c => !string.IsNullOrWhiteSpace(c.Value) && ProfileAccess.CanSee(c.Visibility, viewer))
            .Select(c => new ContactDetail(c.Field, c.Value!, c.Visibility))
            .ToList();
    }
}

/// <summary>
/// One person's business card as one viewer may see it: <see cref="Details"/> are already filtered by
/// <see cref="ContactDetailValues.VisibleTo"/>. The single-profile vCard and the contact export both write their
/// cards here, so the two can never disagree about what a card holds.
/// </summary>
public sealed record ContactCard(
    Guid UserId, ProfileName Name, string? Employer, string? Position, string? Headline,
    IReadOnlyList<ContactDetail> Details, IReadOnlyList<string> Links, string ProfileUrl, string? PhotoUrl)
{
    public string? Detail(ContactField field) => Details.FirstOrDefault(d => d.Field == field)?.Value;

    /// <summary>The card as vCard 4.0 (RFC 6350), CRLF line ends, folded; several cards may follow each other.</summary>
    public string ToVCard()
    {
        var card = new VCardWriter()
            .Text("FN", Name.Full)
            .Structured("N", [Name.LastName, Name.FirstName, "", Name.AcademicTitle, ""])
            .Uri("UID", $"urn:uuid:{UserId}")
            .Text("ORG", Employer)
            .Text("TITLE", Position)
            .Text("EMAIL", Detail(ContactField.BusinessEmail), VCardParameter.Type("work"))
            .Text("TEL", Detail(ContactField.Phone), VCardParameter.Type("work"))
            .Text("TEL", Detail(ContactField.Mobile), VCardParameter.Type("cell"))
            .Structured("ADR", ["", "", Detail(ContactField.Address), "", "", "", ""], VCardParameter.Type("work"))
            .Date("BDAY", Detail(ContactField.Birthday) is { } b
                ? DateOnly.ParseExact(b, "yyyy-MM-dd", CultureInfo.InvariantCulture)
                : null)
            .Uri("URL", ProfileUrl);
        foreach (var link in Links)
        {
            // Stored links were checked when they were saved; checked again, so no javascript: address gets out.
            if (ProfileLink.IsAllowedUrl(link))
                card.Uri("URL", link);
        }
        card.Uri("PHOTO", PhotoUrl);
        card.Text("NOTE", Headline);
        return card.ToString();
    }
}
