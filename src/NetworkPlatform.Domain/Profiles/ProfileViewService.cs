namespace NetworkPlatform.Domain.Profiles;

public class ProfileViewService(AppDbContext db, TimeProvider time)
{
    private readonly AppDbContext _db = db;
    private readonly TimeProvider _time = time;
}
