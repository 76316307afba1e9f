namespace PlateletTwins.IngestionService.Durability;

/// <summary>The tables of the ingestion service's database.</summary>
internal static class StoreSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS runs (
            run_id TEXT PRIMARY KEY,
            epoch INTEGER NOT NULL,
            state TEXT NOT NULL,
            superseded_by TEXT,
            start_json TEXT NOT NULL,
            progress_json TEXT);
        -- What the intake accepted (a batch's accepted updates and events), until every item is written or dead-lettered.
        CREATE TABLE IF NOT EXISTS journal (
            id INTEGER PRIMARY KEY,
            body BLOB NOT NULL);
        -- Per twin: its run, and what ADT acknowledged (values, source times, sequences).
        CREATE TABLE IF NOT EXISTS twins (
            twin_id TEXT PRIMARY KEY,
            state_json BLOB NOT NULL);
        CREATE TABLE IF NOT EXISTS acknowledged_events (
            run_id TEXT NOT NULL,
            event_id TEXT NOT NULL,
            dead_lettered INTEGER NOT NULL,
            PRIMARY KEY (run_id, event_id)) WITHOUT ROWID;
        -- Per twin the runs create: the change about to be written, recorded before it is sent. Every item of the twin
        -- below it in sequence is in ADT (changes are barriers), so a replay after a crash does not do them again.
        CREATE TABLE IF NOT EXISTS change_marks (
            twin_id TEXT PRIMARY KEY,
            epoch INTEGER NOT NULL,
            sequence INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS dead_letters (
            id INTEGER PRIMARY KEY,
            body TEXT NOT NULL);
        """;
}
