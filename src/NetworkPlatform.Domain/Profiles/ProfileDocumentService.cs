namespace NetworkPlatform.Domain.Profiles;

public class ProfileDocumentService(AppDbContext db, TimeProvider time)
{
    private readonly AppDbContext _db = db;
    private readonly TimeProvider _time = time;
}
