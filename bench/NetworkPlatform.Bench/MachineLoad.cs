using System.Globalization;

namespace NetworkPlatform.Bench;

/// <summary>
/// How busy the machine was with work other than this benchmark: CPU time of all processes (/proc/stat) minus that
/// of this client and of the PostgreSQL server it talks to (the postmaster, its live children, and its reaped
/// children such as parallel workers). On a shared 2-core machine this explains a noisy tail; the report shows it
/// per scenario, in cores.
/// </summary>
public sealed class MachineLoad(int? postmasterPid)
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    public readonly record struct Snapshot(long Busy, long Ours, DateTime At);

    public static int? PostmasterOf(int backendPid) =>
        ReadStat(backendPid) is { } fields && int.TryParse(fields[1], out var ppid) ? ppid : null;

    public Snapshot Take()
    {
        long busy = 0;
        var cpu = File.Exists("/proc/stat") ? File.ReadLines("/proc/stat").FirstOrDefault() : null;
        if (cpu is not null)
        {
            var v = cpu.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(long.Parse).ToArray();
            // user nice system idle iowait irq softirq steal: everything but idle and iowait is work.
            busy = v[0] + v[1] + v[2] + (v.Length > 7 ? v[5] + v[6] + v[7] : 0);
        }
        var ours = ProcessTicks(Environment.ProcessId, children: false);
        if (postmasterPid is { } pm)
        {
            ours += ProcessTicks(pm, children: true);
            foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
            {
                if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != pm &&
                    ReadStat(pid) is { } f && f[1] == pm.ToString(CultureInfo.InvariantCulture))
                    ours += Ticks(f, children: false);
            }
        }
        return new Snapshot(busy, ours, DateTime.UtcNow);
    }

    /// <summary>Cores busy with other work between two snapshots (null where /proc is not readable).</summary>
    public static double? OtherCores(Snapshot a, Snapshot b)
    {
        var seconds = (b.At - a.At).TotalSeconds;
        if (a.Busy == 0 || seconds <= 0)
            return null;
        return Math.Max(0, (b.Busy - a.Busy - (b.Ours - a.Ours)) / TicksPerSecond / seconds);
    }

    /// <summary>CPU seconds a process has used so far (user + system; 0 where /proc is not readable).</summary>
    public static double CpuSeconds(int pid) => ProcessTicks(pid, children: false) / TicksPerSecond;

    /// <summary>CPU seconds of the PostgreSQL server so far: the postmaster, its reaped children and its live ones.</summary>
    public static double ServerCpuSeconds(int postmasterPid)
    {
        var ticks = ProcessTicks(postmasterPid, children: true);
        foreach (var dir in Directory.Exists("/proc") ? Directory.EnumerateDirectories("/proc") : [])
        {
            if (int.TryParse(Path.GetFileName(dir), out var pid) && pid != postmasterPid &&
                ReadStat(pid) is { } f && f[1] == postmasterPid.ToString(CultureInfo.InvariantCulture))
                ticks += Ticks(f, children: false);
        }
        return ticks / TicksPerSecond;
    }

    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static long ProcessTicks(int pid, bool children) => ReadStat(pid) is { } f ? Ticks(f, children) : 0;

    private static long Ticks(string[] f, bool children)
    {
        // After the command name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
        var t = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        if (children)
            t += long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
        return t;
    }

    private static string[]? ReadStat(int pid)
    {
        try
        {
            var s = File.ReadAllText($"/proc/{pid}/stat");
            return s[(s.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
