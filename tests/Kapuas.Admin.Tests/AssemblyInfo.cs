// Hangfire keeps its storage in a process-wide static: two fixtures (each with its own database, silo and site) must
// not be alive at once, so the collections of this assembly run one after another.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
