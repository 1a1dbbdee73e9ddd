using System.Globalization;
using NetworkPlatform.Bench;

// Invariant culture: the report's numbers and the generated data must not depend on the machine's locale.
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
{
    Console.WriteLine(BenchOptions.Usage);
    return args.Length == 0 ? 2 : 0;
}

try
{
    var options = BenchOptions.Parse(args[1..]);
    switch (args[0])
    {
        case "generate":
            await Generator.RunAsync(options);
            return 0;
        case "run":
            await NetworkBenchmark.RunAsync(options);
            return 0;
        case "run-search":
            await SearchBenchmark.RunAsync(options);
            return 0;
        case "run-companies":
            await CompanyBenchmark.RunAsync(options);
            return 0;
        case "run-pages":
            await PagesBenchmark.RunAsync(options);
            return 0;
        default:
            Console.Error.WriteLine($"unknown command '{args[0]}'");
            Console.Error.WriteLine(BenchOptions.Usage);
            return 2;
    }
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"error: {e.Message}");
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}
