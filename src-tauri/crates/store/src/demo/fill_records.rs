//! The demo firm's business hours and structured service levels (operating records).

use std::collections::BTreeMap;

use ready20k_domain::records::{BusinessHours, Priority, PriorityTarget, SlaClock};

use super::Timeline;
use crate::records::{self, RecordsError};
use crate::{Project, Result, StoreError};

pub(super) fn store_err(e: RecordsError) -> StoreError {
    match e {
        RecordsError::Store(e) => e,
        other => StoreError::Invalid(other.to_string()),
    }
}

/// Bristol office hours; each service's free-text targets converted, then completed by hand
/// the way a service manager would (business-hours targets for P2–P4).
pub(super) fn fill_records(p: &mut Project, t: &Timeline) -> Result<()> {
    t.go(119, 30);
    records::set_business_hours(
        p,
        &BusinessHours {
            days: vec![1, 2, 3, 4, 5],
            start: "08:30".into(),
            end: "17:30".into(),
            time_zone: "Europe/London".into(),
        },
    )
    .map_err(store_err)?;
    let services = records::list_service_levels(p.conn()).map_err(store_err)?;
    for (id, _, _) in &services {
        records::convert_sla_text(p, *id).map_err(store_err)?;
    }
    let extra: BTreeMap<Priority, PriorityTarget> = [
        (Priority::P2, 60, 480, SlaClock::BusinessHours),
        (Priority::P3, 240, 1080, SlaClock::BusinessHours),
        (Priority::P4, 480, 2700, SlaClock::BusinessHours),
    ]
    .into_iter()
    .map(|(p, response, resolution, clock)| {
        (
            p,
            PriorityTarget {
                response_min: Some(response),
                resolution_min: Some(resolution),
                clock,
            },
        )
    })
    .collect();
    for (i, (_, _, levels)) in records::list_service_levels(p.conn())
        .map_err(store_err)?
        .into_iter()
        .enumerate()
    {
        let mut levels = levels;
        if i == 0 {
            levels.targets.extend(extra.clone());
        } else if i == 1 {
            levels.targets.insert(
                Priority::P1,
                PriorityTarget {
                    response_min: Some(30),
                    resolution_min: Some(480),
                    clock: SlaClock::TwentyFourSeven,
                },
            );
        } else {
            continue;
        }
        records::save_service_levels(p, &levels).map_err(store_err)?;
    }
    Ok(())
}
