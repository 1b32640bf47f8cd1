-- Content without a place in the dossier's template (after a migration or an import), kept per
-- dossier so the user can move it. The front matter of earlier dossiers is upgraded to the
-- official form's fields by the program in the same transaction (see store/migrations.rs).
ALTER TABLE dossiers ADD COLUMN unplaced TEXT NOT NULL DEFAULT '[]';
