//! Structured service levels: per service and priority, response and resolution targets in
//! minutes on a 24×7 or business-hours clock, a request fulfilment target and an availability
//! target (8.3.3).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Ticket priority, P1 (most urgent) to P4.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
pub enum Priority {
    /// Critical.
    P1,
    /// High.
    P2,
    /// Medium.
    P3,
    /// Low.
    P4,
}

impl Priority {
    /// All priorities, most urgent first.
    pub const ALL: [Priority; 4] = [Priority::P1, Priority::P2, Priority::P3, Priority::P4];

    /// `P1` … `P4`.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::P1 => "P1",
            Priority::P2 => "P2",
            Priority::P3 => "P3",
            Priority::P4 => "P4",
        }
    }

    /// Parses `P1`…`P4` (case-insensitive, trimmed).
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim().to_ascii_uppercase().as_str() {
            "P1" => Some(Priority::P1),
            "P2" => Some(Priority::P2),
            "P3" => Some(Priority::P3),
            "P4" => Some(Priority::P4),
            _ => None,
        }
    }
}

/// Which clock a target runs on.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS,
)]
pub enum SlaClock {
    /// Every minute counts.
    #[default]
    #[serde(rename = "24x7")]
    TwentyFourSeven,
    /// Only minutes inside the firm's business hours count.
    #[serde(rename = "business_hours")]
    BusinessHours,
}

impl SlaClock {
    /// `24x7` or `business_hours`, as stored and printed.
    pub fn as_str(self) -> &'static str {
        match self {
            SlaClock::TwentyFourSeven => "24x7",
            SlaClock::BusinessHours => "business_hours",
        }
    }

    /// Parses [`SlaClock::as_str`].
    pub fn parse(s: &str) -> Option<Self> {
        match s.trim() {
            "24x7" => Some(SlaClock::TwentyFourSeven),
            "business_hours" => Some(SlaClock::BusinessHours),
            _ => None,
        }
    }
}

/// Targets for one priority of one service. A `None` target is not measured.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PriorityTarget {
    /// First response within this many minutes.
    pub response_min: Option<u32>,
    /// Resolution within this many minutes.
    pub resolution_min: Option<u32>,
    /// The clock both targets run on.
    pub clock: SlaClock,
}

impl PriorityTarget {
    /// Both targets set: first response within `response_min` and resolution within
    /// `resolution_min` minutes, on `clock`.
    pub const fn within(response_min: u32, resolution_min: u32, clock: SlaClock) -> Self {
        Self {
            response_min: Some(response_min),
            resolution_min: Some(resolution_min),
            clock,
        }
    }
}

/// A target for fulfilling service requests, whatever their priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FulfilmentTarget {
    /// Fulfilled within this many minutes.
    pub minutes: u32,
    /// The clock it runs on.
    pub clock: SlaClock,
}

/// The structured service levels of one catalogue service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ServiceLevels {
    /// Catalogue service id.
    pub service_id: i64,
    /// Targets per priority (priorities without an entry have no target).
    pub targets: BTreeMap<Priority, PriorityTarget>,
    /// Request fulfilment target; when absent a request is measured against the resolution
    /// target of its priority.
    pub request_fulfilment: Option<FulfilmentTarget>,
    /// Availability target in percent (e.g. 99.9).
    pub availability_pct: Option<f64>,
    /// Target text not (yet) converted into structure, kept for the user to review.
    pub note: String,
}

impl ServiceLevels {
    /// The levels of `service_id` with one priority target and nothing else.
    pub fn one_target(service_id: i64, priority: Priority, target: PriorityTarget) -> Self {
        Self {
            service_id,
            targets: BTreeMap::from([(priority, target)]),
            ..Self::default()
        }
    }

    /// The response/resolution target of a priority, if any.
    pub fn target(&self, priority: Option<Priority>) -> Option<&PriorityTarget> {
        priority.and_then(|p| self.targets.get(&p))
    }

    /// What a request of this priority is measured against: the fulfilment target, else the
    /// priority's resolution target.
    pub fn fulfilment(&self, priority: Option<Priority>) -> Option<FulfilmentTarget> {
        self.request_fulfilment.or_else(|| {
            self.target(priority).and_then(|t| {
                t.resolution_min.map(|minutes| FulfilmentTarget {
                    minutes,
                    clock: t.clock,
                })
            })
        })
    }

    /// Checks the values are sensible; the message says what to fix.
    pub fn validate(&self) -> Result<(), crate::error::Refusal> {
        if let Some(a) = self.availability_pct
            && !(a > 0.0 && a <= 100.0)
        {
            return Err(crate::error::Refusal::new(
                "invalid_service_levels",
                format!("An availability target must be above 0 and at most 100 %, not {a}."),
            ));
        }
        for (p, t) in &self.targets {
            if t.response_min == Some(0) || t.resolution_min == Some(0) {
                return Err(crate::error::Refusal::new(
                    "invalid_service_levels",
                    format!("{} targets must be at least one minute.", p.as_str()),
                ));
            }
            if let (Some(r), Some(s)) = (t.response_min, t.resolution_min)
                && r > s
            {
                return Err(crate::error::Refusal::new(
                    "invalid_service_levels",
                    format!(
                        "The {} response target ({r} min) is longer than its resolution target \
                     ({s} min).",
                        p.as_str()
                    ),
                ));
            }
        }
        if self.request_fulfilment.is_some_and(|f| f.minutes == 0) {
            return Err(crate::error::Refusal::new(
                "invalid_service_levels",
                "A request fulfilment target must be at least one minute.",
            ));
        }
        Ok(())
    }
}

/// Service `service_id` with one target: P1 on 24x7, response within 30 minutes, resolution
/// within 4 hours (a test fixture).
#[cfg(test)]
pub(crate) fn p1_levels(service_id: i64) -> ServiceLevels {
    ServiceLevels::one_target(
        service_id,
        Priority::P1,
        PriorityTarget::within(30, 240, SlaClock::TwentyFourSeven),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_sla_serialises_with_issue_names() {
        let levels = p1_levels(1);
        let json = serde_json::to_value(&levels).unwrap();
        assert_eq!(json["targets"]["P1"]["clock"], "24x7");
        assert_eq!(json["targets"]["P1"]["response_min"], 30);
        let back: ServiceLevels = serde_json::from_value(json).unwrap();
        assert_eq!(back, levels);
    }

    #[test]
    fn records_sla_fulfilment_falls_back_to_resolution() {
        let mut levels = ServiceLevels::default();
        levels.targets.insert(
            Priority::P3,
            PriorityTarget {
                response_min: None,
                resolution_min: Some(480),
                clock: SlaClock::BusinessHours,
            },
        );
        assert_eq!(
            levels.fulfilment(Some(Priority::P3)),
            Some(FulfilmentTarget {
                minutes: 480,
                clock: SlaClock::BusinessHours
            })
        );
        assert_eq!(levels.fulfilment(Some(Priority::P1)), None);
        levels.request_fulfilment = Some(FulfilmentTarget {
            minutes: 960,
            clock: SlaClock::BusinessHours,
        });
        assert_eq!(levels.fulfilment(None).map(|f| f.minutes), Some(960));
    }

    #[test]
    fn records_sla_validation_refuses_nonsense() {
        let mut levels = ServiceLevels {
            availability_pct: Some(120.0),
            ..ServiceLevels::default()
        };
        assert!(levels.validate().is_err());
        levels.availability_pct = Some(99.9);
        assert!(levels.validate().is_ok());
        levels.targets.insert(
            Priority::P2,
            PriorityTarget {
                response_min: Some(600),
                resolution_min: Some(60),
                clock: SlaClock::TwentyFourSeven,
            },
        );
        assert!(levels.validate().unwrap_err().message.contains("P2"));
    }
}
