-- Schema version 2: which dossiers are marked for submission (one project per applicant), and
-- the warnings a person acknowledged, kept with the dossier.

ALTER TABLE dossiers ADD COLUMN for_submission INTEGER NOT NULL DEFAULT 0;

CREATE TABLE acknowledgements (
    dossier_id INTEGER NOT NULL REFERENCES dossiers (id) ON DELETE CASCADE,
    rule       TEXT    NOT NULL,
    anchor     TEXT    NOT NULL,
    reason     TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    PRIMARY KEY (dossier_id, rule, anchor)
) WITHOUT ROWID;
