namespace NetworkPlatform.Domain.Profiles;

public class ProfilePhotoService(AppDbContext db, TimeProvider time)
{
    private readonly AppDbContext _db = db;
    private readonly TimeProvider _time = time;
}
