//! Section 2: the service catalogue.

use super::join;
use crate::build::facts::Facts;
use crate::build::table::rows;
use crate::build::util::{note, or_dash, p, plural, sec};
use crate::model::{Cell, Run, Section};

/// Section 2.
pub(super) fn catalogue(f: &Facts<'_>) -> Section {
    let d = &f.data;
    let mut blocks = vec![p(
        "The service catalogue lists the services within the scope of the SMS, who they are \
         for, the agreed service levels and where they are delivered from (clause 8.2.4).",
    )];
    if d.services.is_empty() {
        blocks.push(p("No service has been recorded yet."));
    } else {
        blocks.push(
            rows(&d.services)
                .col("Service", 1.5, |s| {
                    Cell::runs(vec![Run::bold(s.name.trim())])
                })
                .col("Description", 3.0, |s| Cell::text(or_dash(&s.description)))
                .col("Customers", 1.5, |s| {
                    Cell::text(or_dash(&s.customers.join(", ")))
                })
                .col("Service level targets", 2.0, |s| {
                    Cell::text(or_dash(&s.sla_targets))
                })
                .col("Delivered from", 1.3, |s| {
                    Cell::text(or_dash(&s.locations.join(", ")))
                })
                .caption(format!(
                    "Service catalogue ({})",
                    plural(d.services.len(), "service", "services")
                )),
        );
        let others: Vec<String> = d
            .services
            .iter()
            .filter(|s| s.delivered_by_others)
            .map(|s| s.name.trim().to_owned())
            .collect();
        if !others.is_empty() {
            blocks.push(note(
                "Services delivered with other parties",
                format!(
                    "{} {} delivered mostly by other parties; their contribution is controlled \
                     as described in section 1 (other parties) and the supplier management \
                     process.",
                    join(&others),
                    if others.len() == 1 { "is" } else { "are" }
                ),
            ));
        }
    }
    sec("Service catalogue", blocks, Vec::new())
}
