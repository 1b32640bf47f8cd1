-- Activity history: when what was changed and exported. Repeated edits of the same part within
-- ten minutes update one row (autosave writes every few hundred milliseconds).
CREATE TABLE activity (
    id         INTEGER PRIMARY KEY,
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    at         TEXT    NOT NULL,
    what       TEXT    NOT NULL
);
CREATE INDEX activity_by_dossier ON activity (dossier_id, id);
