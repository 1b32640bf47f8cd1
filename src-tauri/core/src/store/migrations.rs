//! Ordered schema migrations, embedded in the binary and applied one transaction each. The
//! store's `user_version` is the number of the last applied migration; a store whose number is
//! higher than ours comes from a newer program and is refused before anything is written.

use rusqlite::Connection;

/// Marks the file as ours (`PRAGMA application_id`, the bytes "DSS1").
pub const APPLICATION_ID: i32 = 0x4453_5331;

/// `(version, sql)`, in order. Never edit a published migration: add the next one.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (1, include_str!("migrations/0001_init.sql")),
    (2, include_str!("migrations/0002_checks.sql")),
    (3, include_str!("migrations/0003_snapshots.sql")),
    (4, include_str!("migrations/0004_call_settings.sql")),
    (5, include_str!("migrations/0005_activity.sql")),
];

pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}

/// Applies every migration above the store's version, each in its own transaction with its
/// version bump. The version is read again inside the write lock, so two processes opening a
/// new store at once apply each migration once.
pub fn apply(conn: &mut Connection) -> rusqlite::Result<()> {
    for (version, sql) in MIGRATIONS {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current >= *version {
            continue;
        }
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
