-- Schema version 3: snapshots of whole dossiers (the interchange form), taken by the user, before
-- every export, before a restore, and at most hourly while editing.

CREATE TABLE snapshots (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL,
    kind       TEXT    NOT NULL CHECK (kind IN ('manual', 'export', 'restore', 'hourly')),
    created_at TEXT    NOT NULL,
    content    TEXT    NOT NULL
);
CREATE INDEX snapshots_by_dossier ON snapshots (dossier_id, id);
