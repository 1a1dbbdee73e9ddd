using Npgsql;

namespace NetworkPlatform.Bench;

/// <summary>
/// Picks the inputs of the benchmark before anything is timed, on its own connection: members, and pairs at a known
/// distance found by random walks (from a member, 2 or 3 random steps; a pair that turns out closer is rejected).
/// Walks reach well-connected members more often than a uniform draw would, as profile views in a real network do.
/// </summary>
public sealed class PairSampler(NpgsqlConnection conn, Guid[] members, Random rng)
{
    private readonly Dictionary<Guid, Guid[]> _contacts = new();

    public void Forget() => _contacts.Clear();

    public Guid RandomMember() => members[rng.Next(members.Length)];

    public async Task<Guid> RandomMemberWithContactsAsync()
    {
        while (true)
        {
            var m = RandomMember();
            if ((await ContactsAsync(m)).Length > 0)
                return m;
        }
    }

    public async Task<Guid[]> ContactsAsync(Guid member)
    {
        if (_contacts.TryGetValue(member, out var cached))
            return cached;
        await using var cmd = new NpgsqlCommand(
            """SELECT "ContactUserId" FROM "Contacts" WHERE "UserId" = $1 ORDER BY "ContactUserId" """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = member });
        var list = new List<Guid>();
        await using (var r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
                list.Add(r.GetGuid(0));
        }
        var result = list.ToArray();
        if (_contacts.Count < 200_000)
            _contacts[member] = result;
        return result;
    }

    public async Task<Guid?> RandomContactAsync(Guid member)
    {
        var c = await ContactsAsync(member);
        return c.Length == 0 ? null : c[rng.Next(c.Length)];
    }

    /// <summary>The end of a walk of <paramref name="steps"/> random steps from <paramref name="start"/>.</summary>
    public async Task<Guid?> WalkAsync(Guid start, int steps)
    {
        var at = start;
        for (var i = 0; i < steps; i++)
        {
            if (await RandomContactAsync(at) is not { } next)
                return null;
            at = next;
        }
        return at;
    }

    /// <summary>The exact distance between two members if it is at most 3, else null (one query, like the badge).</summary>
    public async Task<int?> DistanceAsync(Guid a, Guid b)
    {
        if (a == b)
            return 0;
        await using var cmd = new NpgsqlCommand("""
            SELECT CASE
                WHEN EXISTS (SELECT 1 FROM "Contacts" WHERE "UserId" = $1 AND "ContactUserId" = $2) THEN 1
                WHEN EXISTS (SELECT 1 FROM "Contacts" x JOIN "Contacts" y ON y."UserId" = x."ContactUserId"
                             WHERE x."UserId" = $1 AND y."ContactUserId" = $2) THEN 2
                WHEN EXISTS (SELECT 1 FROM "Contacts" x JOIN "Contacts" y ON y."UserId" = x."ContactUserId"
                             JOIN "Contacts" z ON z."UserId" = $2 AND z."ContactUserId" = y."ContactUserId"
                             WHERE x."UserId" = $1) THEN 3
            END
            """, conn);
        cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        cmd.Parameters.Add(new NpgsqlParameter { Value = b });
        return await cmd.ExecuteScalarAsync() is int d ? d : null;
    }

    /// <summary>A pair at exactly <paramref name="distance"/> (2 or 3), by walking from <paramref name="start"/> or from random members.</summary>
    public async Task<SampledPair?> PairAtDistanceAsync(int distance, Func<Task<Guid>> start, int attempts = 200)
    {
        for (var i = 0; i < attempts; i++)
        {
            var from = await start();
            if (await WalkAsync(from, distance) is not { } to)
                continue;
            if (await DistanceAsync(from, to) == distance)
                return new SampledPair(from, to, distance);
        }
        return null;
    }
}

public sealed record SampledPair(Guid From, Guid To, int? Distance);
