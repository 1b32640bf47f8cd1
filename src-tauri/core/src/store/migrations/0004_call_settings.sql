-- The user's own values for the call's settings (deadline, quotas), overriding the shipped
-- call.toml for this store. One row per setting; an absent row means "as shipped".
CREATE TABLE call_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
