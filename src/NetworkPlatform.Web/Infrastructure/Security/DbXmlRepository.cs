using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using NetworkPlatform.Domain;
using NetworkPlatform.Domain.Security;

namespace NetworkPlatform.Web.Infrastructure.Security;

/// <summary>
/// Keeps the Data Protection key ring in PostgreSQL so every app instance decrypts what another wrote (cookies,
/// antiforgery and e-mail tokens). The EF Core package for this cannot be restored here; this is its small core.
/// </summary>
public class DbXmlRepository(IServiceScopeFactory scopes) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return db.DataProtectionKeys.Select(k => k.Xml).AsEnumerable().Select(XElement.Parse).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.DataProtectionKeys.Add(new DataProtectionKey
        {
            FriendlyName = friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
        });
        db.SaveChanges();
    }
}
