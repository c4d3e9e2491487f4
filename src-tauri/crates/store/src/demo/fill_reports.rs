//! The demo firm's issued monthly service reports: one per service for the last full month,
//! issued by the service level manager a moment before "now" (rendered by the renderer the
//! caller passes: the store does not write PDFs).

use chrono::{Datelike, Months};
use ready20k_domain::records::{ReportRenderer, ReportRequest};

use super::Timeline;
use super::fill_records::store_err;
use crate::{Project, Result, records, rows, wizard};

/// Issues the last month's report of every catalogue service.
pub(super) fn fill_reports(
    p: &mut Project,
    t: &Timeline,
    render: ReportRenderer<'_>,
) -> Result<()> {
    let today = t.instant(0, 0).date_naive();
    let last = today
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(1)))
        .unwrap_or(today);
    let data = wizard::load(p.conn())?;
    let by = data
        .assignment("ROLE-SLM")
        .and_then(|a| a.holders.first().copied())
        .or_else(|| data.people.first().map(|x| x.id))
        .ok_or_else(|| crate::StoreError::Invalid("The demo has no people.".into()))?;
    let services: Vec<String> = rows::all(
        p.conn(),
        "SELECT name FROM service ORDER BY position, id",
        [],
        |r| r.get(0),
    )?;
    for (i, service) in services.into_iter().enumerate() {
        t.go(0, -30 + i64::try_from(i).unwrap_or(0));
        let req = ReportRequest {
            service,
            month: last.format("%Y-%m").to_string(),
            date: today,
            issued_by: by,
        };
        records::issue_service_report(p, &req, render).map_err(store_err)?;
    }
    Ok(())
}
