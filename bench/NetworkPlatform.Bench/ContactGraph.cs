namespace NetworkPlatform.Bench;

/// <summary>
/// A random contact network with a heavy-tailed degree distribution, generated one member at a time so that a
/// million members and 25 million contacts stream straight into COPY without being held in memory.
/// <para>
/// Model: Chung-Lu (each pair u, v is a contact with probability min(1, w_u·w_v / Σw), so member u's expected number
/// of contacts is its weight w_u), in two layers:
/// a <b>global</b> layer over all members, and a <b>local</b> layer inside communities of about a thousand members
/// (a region, a company, an alumni year), which gives the clustering real networks have: contacts of contacts
/// are often contacts too, so "people you may know" finds members with several shared contacts.
/// Weights are Lomax (Pareto II) distributed, so most members have a few dozen contacts and some have thousands;
/// a few super-connectors get 5,000, all in the global layer.
/// </para>
/// <para>
/// Each layer is sampled with the algorithm of Miller and Hagberg ("Efficient generation of networks with given
/// expected degrees", WAW 2011): members sorted by weight, and for member u the candidates after u are skipped
/// geometrically, so the cost is proportional to the number of contacts, not to N². Every pair is considered only
/// from the member that comes first in that order, in both layers, so a per-member hash set removes the pairs both
/// layers produced, and no pair is produced twice, nor a self-loop.
/// </para>
/// </summary>
public sealed class ContactGraph
{
    /// <summary>Local (community) weight: half of a member's contacts, at most this many.</summary>
    private const double MaxLocalWeight = 100;

    private readonly double[] _globalWeight;
    private readonly double[] _localWeight;
    private readonly double _globalSum;
    private readonly int[] _order;
    private readonly int[] _positionInCommunity;
    private readonly int[][] _communityMembers;
    private readonly double[] _communitySum;

    public int Members { get; }
    public int[] Community { get; }
    public int CommunityCount { get; }
    public int[] SuperConnectors { get; }

    /// <summary>The expected degree of each member (before the two layers' overlap and the cap at probability 1).</summary>
    public double[] Weight { get; }

    private ContactGraph(int members, double[] weight, int[] community, int communityCount, int[] superConnectors)
    {
        Members = members;
        Weight = weight;
        Community = community;
        CommunityCount = communityCount;
        SuperConnectors = superConnectors;

        _globalWeight = new double[members];
        _localWeight = new double[members];
        for (var i = 0; i < members; i++)
        {
            var local = community[i] < 0 ? 0 : Math.Min(0.5 * weight[i], MaxLocalWeight);
            _localWeight[i] = local;
            _globalWeight[i] = weight[i] - local;
            _globalSum += _globalWeight[i];
        }

        // Both layers walk members in the same order (highest weight first), so "v after u" means the same in both;
        // the layers' weights are each non-increasing along it, as the geometric skipping requires.
        _order = Enumerable.Range(0, members).ToArray();
        var keys = weight.Select(w => -w).ToArray();
        Array.Sort(keys, _order);

        var sizes = new int[communityCount];
        foreach (var c in community)
        {
            if (c >= 0)
                sizes[c]++;
        }
        _communityMembers = sizes.Select(s => new int[s]).ToArray();
        _communitySum = new double[communityCount];
        _positionInCommunity = new int[members];
        var fill = new int[communityCount];
        foreach (var m in _order)
        {
            var c = community[m];
            if (c < 0)
                continue;
            _positionInCommunity[m] = fill[c];
            _communityMembers[c][fill[c]++] = m;
            _communitySum[c] += _localWeight[m];
        }
    }

    public static ContactGraph Create(int members, BenchOptions o, Random rng)
    {
        var superCount = Math.Min(o.SuperConnectors, Math.Max(1, members / 100));
        var superDegree = Math.Min(o.SuperDegree, (members - 1) / 2.0);
        var cap = Math.Min(o.MaxDegree, superDegree);

        // Lomax(alpha, lambda) has mean lambda / (alpha - 1); shifted by one so every member has some chance.
        var lambda = (o.AvgDegree - 1) * (o.Alpha - 1);
        var weight = new double[members];
        for (var i = 0; i < members; i++)
            weight[i] = 1 + lambda * (Math.Pow(1 - rng.NextDouble(), -1.0 / o.Alpha) - 1);

        var superConnectors = new HashSet<int>();
        while (superConnectors.Count < superCount)
            superConnectors.Add(rng.Next(members));

        // Scale the ordinary members so that the total expected degree is avg × N (the cap takes a little back,
        // so scale a few times).
        var target = o.AvgDegree * members - superCount * superDegree;
        for (var round = 0; round < 5; round++)
        {
            double sum = 0;
            for (var i = 0; i < members; i++)
            {
                if (!superConnectors.Contains(i))
                    sum += weight[i] = Math.Min(weight[i], cap);
            }
            var factor = target / sum;
            for (var i = 0; i < members; i++)
            {
                if (!superConnectors.Contains(i))
                    weight[i] *= factor;
            }
        }
        for (var i = 0; i < members; i++)
            weight[i] = superConnectors.Contains(i) ? superDegree : Math.Min(weight[i], cap);

        var communityCount = Math.Max(1, (int)Math.Round(members / (double)o.CommunitySize));
        var community = new int[members];
        for (var i = 0; i < members; i++)
            community[i] = superConnectors.Contains(i) ? -1 : rng.Next(communityCount);

        return new ContactGraph(members, weight, community, communityCount, superConnectors.Order().ToArray());
    }

    /// <summary>
    /// Calls <paramref name="emit"/>(u, neighbours) for each member u in turn, with the contacts of u that come after
    /// it in the generation order; each contact of the network appears exactly once, from one of its two ends.
    /// </summary>
    public void Generate(Random rng, Action<int, IReadOnlyCollection<int>> emit)
    {
        var neighbours = new HashSet<int>();
        for (var pos = 0; pos < Members; pos++)
        {
            var u = _order[pos];
            neighbours.Clear();
            var c = Community[u];
            if (c >= 0)
                ChungLu(_communityMembers[c], _positionInCommunity[u] + 1, _localWeight[u], _localWeight, _communitySum[c], rng, neighbours);
            ChungLu(_order, pos + 1, _globalWeight[u], _globalWeight, _globalSum, rng, neighbours);
            emit(u, neighbours);
        }
    }

    /// <summary>
    /// Miller-Hagberg: candidates list[from..] have non-increasing weights, so the probability at the current
    /// candidate bounds all later ones; skip ahead geometrically with it and accept with the true ratio.
    /// </summary>
    private static void ChungLu(int[] list, int from, double wu, double[] w, double sum, Random rng, HashSet<int> into)
    {
        var n = list.Length;
        var v = from;
        if (v >= n || wu <= 0 || sum <= 0)
            return;
        var p = Math.Min(wu * w[list[v]] / sum, 1.0);
        while (v < n && p > 0)
        {
            if (p < 1)
            {
                // 1 - NextDouble() is in (0, 1], so the logarithm is finite.
                var skip = Math.Floor(Math.Log(1 - rng.NextDouble()) / Math.Log(1 - p));
                if (skip >= n - v)
                    return;
                v += (int)skip;
            }
            var q = Math.Min(wu * w[list[v]] / sum, 1.0);
            if (rng.NextDouble() < q / p)
                into.Add(list[v]);
            p = q;
            v++;
        }
    }
}
