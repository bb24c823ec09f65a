-- hand-written: issue 16 — the public rate-limit counters are written on every lease (a new client's first request
-- is one upsert), so the table skips the write-ahead log: a lease's commit waits for no WAL flush and writes no WAL.
-- An UNLOGGED table is emptied after a crash (not after a clean restart) and is not copied to streaming replicas:
-- losing the current windows' counts at a crash is acceptable (every client starts its window afresh, at most one
-- extra window's worth of hits), and rate limits are only ever read and written on the primary.
ALTER TABLE "rate_limits" SET UNLOGGED;
