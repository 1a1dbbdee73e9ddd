using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Profiles;

namespace NetworkPlatform.Domain.Contacts;

/// <summary>
/// The one rule for what the network shows a member of other members' contacts (ADR 0009). A contact between X and Y
/// is on both their lists, so showing it to a viewer V tells who X's contacts are and who Y's are. Unless V is X or Y,
/// it is shown only when
/// <list type="number">
/// <item>V may see the list of X or of Y: V is a contact of that member, as <see cref="NetworkService.ContactListOfAsync"/>
/// decides ("their contacts, or nobody"); and</item>
/// <item>neither X nor Y keeps their list to themselves ("only me"), and neither is hidden from everyone (account
/// deletion pending, <see cref="MemberVisibility"/>).</item>
/// </list>
/// V's own contacts are V's to see. So a member M is shown between V and a target T (a shared contact, the middle of
/// a path V → M → T, the reason for a 2nd-degree badge, a suggestion or a search rank) only when M is V's contact,
/// M's list is open (V may see it) and T's list is open too: Alice's "only me" hides Bob on the path to Alice, and
/// Bob's "only me" hides Bob on every path. A member's contact list, shown to their contacts, leaves out the contacts
/// who keep their own list to themselves.
/// <para>
/// There is no 3rd degree: on V → X → Y → T, V is a contact of neither Y nor T, so the contact Y–T is on no list V may
/// see, and the "3rd" badge or path would tell V about it. Degrees are those of the paths V may see: 1st (a contact),
/// 2nd (through a member shown as above), nothing beyond (search: "3rd+", everyone else).
/// </para>
/// Every query that shows someone's contacts applies the rule through this class: in LINQ with
/// <see cref="ClosedLists"/> and <see cref="Shown"/>, in SQL with <see cref="ListOpenSql"/> and <see cref="ShownSql"/>.
/// </summary>
public static class NetworkVisibility
{
    /// <summary>The profiles whose owners keep their contact list to themselves. Members without a profile have the default.</summary>
    public static IQueryable<MemberProfile> ClosedLists(AppDbContext db) =>
        db.Profiles.Where(p => p.ContactListVisibility == ContactListVisibility.OnlyMe);

    /// <summary>The accounts that may be shown between two members: not hidden from everyone.</summary>
    public static IQueryable<AppUser> Shown(AppDbContext db) => db.Users.Where(MemberVisibility.IsVisible);

    /// <summary>SQL: the member (a uuid expression) does not keep their contact list to themselves.</summary>
    public static string ListOpenSql(string member) =>
        $"""NOT EXISTS (SELECT 1 FROM "MemberProfiles" lv WHERE lv."UserId" = {member} AND lv."ContactListVisibility" = {(int)ContactListVisibility.OnlyMe})""";

    /// <summary>
    /// SQL: the viewer's contact <paramref name="member"/> may be shown between the viewer and others: their list is
    /// open and their account visible.
    /// </summary>
    public static string ShownSql(string member) =>
        $"""{ListOpenSql(member)} AND EXISTS (SELECT 1 FROM "AspNetUsers" sv WHERE sv."Id" = {member} AND {MemberVisibility.VisibleSql("sv")})""";
}
