using Kapuas.Bench;

return args.FirstOrDefault() switch
{
    "import" => await ImportBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000),
    "storage" => await StorageBaseline.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000),
    "register" => await RegisterBaseline.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 10_000),
    "renewal" => await RenewalBenchmark.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5_000),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Kapuas.Bench (import|storage|register|renewal) [count]");
    return 2;
}
