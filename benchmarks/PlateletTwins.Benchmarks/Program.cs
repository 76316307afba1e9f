using PlateletTwins.Benchmarks;

// dotnet run -c Release --project benchmarks/PlateletTwins.Benchmarks -- [all|simulator|ingestion|mockadt|jobs|writes|graph|history|persistence|pools] [seconds]
//   ... -- pool-year [DAYS]                                          (simulated days of pools as twins into MockAdt cloud, default 365)
//   ... -- labs [LABS] [HOURS] [SPEED]                               (reference-size labs streaming at once into MockAdt cloud, default 10, 36 h, speed 60)
//   ... -- dtdl-corpus [VERDICTS_FILE] [--show N] [--filter TEXT]   (the DTDL parser's test cases, in process)
//   ... -- dtdl-ontology FOLDER                                     (an ontology's parse time, batches of 250)
//   ... -- --help                                                   (every part and its arguments)
return await BenchmarkCommand.RunAsync(args);
