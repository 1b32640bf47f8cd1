-- Dossier Studio store, schema version 1.
-- One row per dossier with its front matter; one row per section, structured table, media file
-- and attachment, so that saving one part never rewrites the whole dossier.

CREATE TABLE dossiers (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    template_id      TEXT    NOT NULL,
    template_version TEXT    NOT NULL,
    pilot_type       TEXT    NOT NULL CHECK (pilot_type IN ('enterprise', 'industry', 'city')),
    title            TEXT    NOT NULL,
    application_date TEXT,
    front_matter     TEXT    NOT NULL,
    applicant_name   TEXT    NOT NULL DEFAULT '',
    credit_code      TEXT    NOT NULL DEFAULT '',
    archived         INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
);
CREATE INDEX dossiers_by_update ON dossiers (archived, updated_at DESC);
CREATE INDEX dossiers_by_credit_code ON dossiers (credit_code);

CREATE TABLE sections (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    blocks     TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (dossier_id, key)
) WITHOUT ROWID;

CREATE TABLE structured_tables (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    key        TEXT    NOT NULL,
    rows       TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    PRIMARY KEY (dossier_id, key)
) WITHOUT ROWID;

CREATE TABLE media (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    id         TEXT    NOT NULL,
    position   INTEGER NOT NULL,
    file_name  TEXT    NOT NULL,
    media_type TEXT    NOT NULL,
    data       BLOB    NOT NULL,
    PRIMARY KEY (dossier_id, id)
);

CREATE TABLE attachments (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    title      TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    media_id   TEXT    NOT NULL,
    PRIMARY KEY (dossier_id, position),
    FOREIGN KEY (dossier_id, media_id) REFERENCES media (dossier_id, id)
);

-- Templates the user loaded from files (the defaults are embedded in the program).
CREATE TABLE templates (
    id        TEXT NOT NULL,
    version   TEXT NOT NULL,
    file_name TEXT NOT NULL,
    source    TEXT NOT NULL,
    loaded_at TEXT NOT NULL,
    PRIMARY KEY (id, version)
);
