-- Schema version 8: what each writer's copy was handed out with, kept at home, so that a merge
-- takes the parts from here and never from the returned copy (which its writer could edit).
CREATE TABLE handouts (
    snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots (id) ON DELETE CASCADE,
    writer      TEXT    NOT NULL,
    parts       TEXT    NOT NULL -- a JSON array of the part keys handed out
);
