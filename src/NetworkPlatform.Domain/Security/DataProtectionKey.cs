namespace NetworkPlatform.Domain.Security;

/// <summary>One key of the ASP.NET Data Protection key ring, kept in PostgreSQL so that every app instance
/// can read cookies and tokens that another instance wrote.</summary>
public class DataProtectionKey
{
    public int Id { get; set; }
    public string FriendlyName { get; set; } = "";
    public string Xml { get; set; } = "";
}
