//! The scoring settings of a project ([`ScoringSettings`]), kept as rows of the project file's
//! `settings` table (migration `0001_init`; no schema change), so export and import carry them.
//!
//! Keys: `scoring.min_operating_months`, `scoring.records_since`, `scoring.stage2_date`. A
//! missing key means the default; an empty date clears the row.

use ready20k_domain::assessment::normalise_date;
use ready20k_domain::scoring::{
    MAX_OPERATING_MONTHS, SETTING_OPERATING_MONTHS as MONTHS, SETTING_RECORDS_SINCE as SINCE,
    SETTING_STAGE2_DATE as STAGE2, ScoringSettings,
};
use rusqlite::{Connection, Transaction};

use crate::Project;

use super::write;
use crate::{Result, StoreError};

fn put(tx: &Transaction<'_>, key: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) => tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, v],
        )?,
        None => tx.execute("DELETE FROM settings WHERE key = ?1", [key])?,
    };
    Ok(())
}

/// The project's scoring settings; defaults for anything not set (or unreadable).
pub fn scoring_settings(conn: &Connection) -> Result<ScoringSettings> {
    let mut stmt =
        conn.prepare("SELECT key, value FROM settings WHERE key LIKE 'scoring.%' ORDER BY key")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let pairs = rows.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ScoringSettings::from_pairs(
        pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())),
    ))
}

/// Checks and stores the scoring settings; returns them as stored.
pub fn save_scoring_settings(
    p: &mut Project,
    settings: &ScoringSettings,
) -> Result<ScoringSettings> {
    let now: &str = &p.now();
    let conn = p.conn_mut();
    let months = settings.min_operating_months;
    if !(1..=MAX_OPERATING_MONTHS).contains(&months) {
        return Err(StoreError::Invalid(format!(
            "The months of records before Stage 2 must be 1 to {MAX_OPERATING_MONTHS}; got \
             {months}."
        )));
    }
    let since = normalise_date(settings.records_since.as_deref(), "records start date")
        .map_err(|e| StoreError::InvalidDate(e.message))?;
    let stage2 = normalise_date(settings.stage2_date.as_deref(), "planned Stage 2 date")
        .map_err(|e| StoreError::InvalidDate(e.message))?;
    let stored = ScoringSettings {
        min_operating_months: months,
        records_since: since,
        stage2_date: stage2,
    };
    let out = stored.clone();
    write(conn, now, "assessment_settings", move |tx| {
        let m = months.to_string();
        put(tx, MONTHS, Some(&m))?;
        put(tx, SINCE, stored.records_since.as_deref())?;
        put(tx, STAGE2, stored.stage2_date.as_deref())?;
        Ok((
            (),
            format!(
                "scoring settings: {months} month(s), records since {}, Stage 2 {}",
                stored.records_since.as_deref().unwrap_or("-"),
                stored.stage2_date.as_deref().unwrap_or("-")
            ),
        ))
    })?;
    Ok(out)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::Project;

    #[test]
    fn settings_default_save_check_and_survive_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.r20k");
        let clock =
            std::sync::Arc::new(ready20k_domain::clock::FixedClock::at_date(2026, 3, 1).unwrap());
        {
            let mut p = Project::create(&path, "Acme", clock.clone()).unwrap();
            assert_eq!(
                scoring_settings(p.conn()).unwrap(),
                ScoringSettings::default()
            );
            let s = ScoringSettings {
                min_operating_months: 4,
                records_since: Some(" 2026-01-05 ".into()),
                stage2_date: None,
            };
            let stored = save_scoring_settings(&mut p, &s).unwrap();
            assert_eq!(stored.records_since.as_deref(), Some("2026-01-05"));
            let bad = ScoringSettings {
                min_operating_months: 0,
                ..ScoringSettings::default()
            };
            assert!(save_scoring_settings(&mut p, &bad).is_err());
            let bad = ScoringSettings {
                records_since: Some("5 Jan".into()),
                ..ScoringSettings::default()
            };
            assert!(save_scoring_settings(&mut p, &bad).is_err());
        }
        let p = Project::open(&path, clock).unwrap();
        let s = scoring_settings(p.conn()).unwrap();
        assert_eq!(s.min_operating_months, 4);
        assert_eq!(s.records_since.as_deref(), Some("2026-01-05"));
        assert_eq!(s.stage2_date, None);
    }
}
