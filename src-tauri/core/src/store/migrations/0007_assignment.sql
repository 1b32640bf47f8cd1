-- Schema version 7: writers' copies and their merge (see crate::merge).
-- A writer's copy handed out from a dossier: who writes which parts, and the version it was cut
-- from. NULL for every other dossier.
ALTER TABLE dossiers ADD COLUMN assignment TEXT;

-- Snapshots of two more kinds: when a copy was handed out (the merge's common ancestor) and
-- before a merge. SQLite cannot change a CHECK: the table is rebuilt, ids kept.
CREATE TABLE snapshots_v7 (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    kind       TEXT    NOT NULL
        CHECK (kind IN ('manual', 'export', 'restore', 'hourly', 'handout', 'merge')),
    created_at TEXT    NOT NULL,
    content    TEXT    NOT NULL
);
INSERT INTO snapshots_v7 (id, dossier_id, name, kind, created_at, content)
    SELECT id, dossier_id, name, kind, created_at, content FROM snapshots;
DROP TABLE snapshots;
ALTER TABLE snapshots_v7 RENAME TO snapshots;
CREATE INDEX snapshots_by_dossier ON snapshots (dossier_id, id);
