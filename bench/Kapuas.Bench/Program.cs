using Kapuas.Bench;

return args.FirstOrDefault() switch
{
    "import" => await ImportBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000),
    "storage" => await StorageBaseline.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000),
    "register" => await RegisterBaseline.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000),
    "doublecover" => await DoubleCoverBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20_000),
    "renewal" => await RenewalBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5_000),
    "load" => await LoadBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 100_000,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 20, TimeSpan.FromSeconds(args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 60),
        TimeSpan.FromMilliseconds(args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 0)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Kapuas.Bench (import|storage|register|renewal|doublecover) [count] | load [workers] [users] [seconds] [think-ms]");
    return 2;
}
