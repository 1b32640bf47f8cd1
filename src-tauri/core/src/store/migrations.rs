//! Ordered schema migrations, embedded in the binary and applied one transaction each. The
//! store's `user_version` is the number of the last applied migration; a store whose number is
//! higher than ours comes from a newer program and is refused before anything is written.

use rusqlite::{Connection, Transaction};

/// Marks the file as ours (`PRAGMA application_id`, the bytes "DSS1").
pub const APPLICATION_ID: i32 = 0x4453_5331;

/// A step of a migration that SQL cannot express, run after its SQL in the same transaction.
type Step = fn(&Transaction<'_>) -> rusqlite::Result<()>;

/// `(version, sql, step)`, in order. Never edit a published migration: add the next one.
pub const MIGRATIONS: &[(i64, &str, Option<Step>)] = &[
    (1, include_str!("migrations/0001_init.sql"), None),
    (2, include_str!("migrations/0002_checks.sql"), None),
    (3, include_str!("migrations/0003_snapshots.sql"), None),
    (4, include_str!("migrations/0004_call_settings.sql"), None),
    (5, include_str!("migrations/0005_activity.sql"), None),
    (
        6,
        include_str!("migrations/0006_form_2025_2.sql"),
        Some(upgrade_front_matter),
    ),
    (7, include_str!("migrations/0007_assignment.sql"), None),
    (8, include_str!("migrations/0008_handouts.sql"), None),
];

pub fn latest() -> i64 {
    MIGRATIONS.last().map_or(0, |(v, _, _)| *v)
}

/// Migration 6: front matter written before the official form moves to the form's fields; what
/// has no place goes to the dossier's unplaced content (see [`crate::model::legacy`]).
fn upgrade_front_matter(tx: &Transaction<'_>) -> rusqlite::Result<()> {
    let rows: Vec<(i64, String)> = tx
        .prepare("SELECT id, front_matter FROM dossiers")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (id, text) in rows {
        let Ok(mut value) = serde_json::from_str::<serde_json::Value>(&text) else {
            continue;
        };
        let unplaced = crate::model::legacy::upgrade_front_matter(&mut value);
        if unplaced.is_empty() {
            continue;
        }
        tx.execute(
            "UPDATE dossiers SET front_matter = ?2, unplaced = ?3 WHERE id = ?1",
            rusqlite::params![
                id,
                value.to_string(),
                serde_json::to_string(&unplaced).unwrap_or_else(|_| "[]".into())
            ],
        )?;
    }
    Ok(())
}

/// Applies every migration above the store's version, each in its own transaction with its
/// version bump. The version is read again inside the write lock, so two processes opening a
/// new store at once apply each migration once.
pub fn apply(conn: &mut Connection) -> rusqlite::Result<()> {
    for (version, sql, step) in MIGRATIONS {
        let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
        let current: i64 = tx.pragma_query_value(None, "user_version", |r| r.get(0))?;
        if current >= *version {
            continue;
        }
        tx.execute_batch(sql)?;
        if let Some(step) = step {
            step(&tx)?;
        }
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", version)?;
        tx.commit()?;
    }
    Ok(())
}
