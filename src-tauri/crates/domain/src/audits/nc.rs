//! Nonconformity handling (10.1): the stages a finding goes through and what closing needs.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::types::Nonconformity;
use crate::assessment::Action;
use crate::error::Refusal;

/// How far a finding has got.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NcStage {
    /// Recorded, nothing done yet.
    Raised,
    /// Contained: a correction is recorded.
    Corrected,
    /// The cause is analysed and a corrective action recorded.
    ActionTaken,
    /// The corrective action's effectiveness was verified.
    Verified,
    /// Closed.
    Closed,
}

/// The stage of `action` with its nonconformity fields.
pub fn nc_stage(action: &Action, nc: &Nonconformity) -> NcStage {
    let has = |s: &str| !s.trim().is_empty();
    if nc.closed_on.is_some() {
        NcStage::Closed
    } else if nc.verified_on.is_some() {
        NcStage::Verified
    } else if has(&action.cause) && has(&action.corrective_action) {
        NcStage::ActionTaken
    } else if has(&action.correction) {
        NcStage::Corrected
    } else {
        NcStage::Raised
    }
}

fn date(value: Option<&str>, what: &str) -> Result<Option<NaiveDate>, Refusal> {
    value
        .map(|d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d").map_err(|_| {
                Refusal::new(
                    "invalid_date",
                    format!("The {what} must be a date (YYYY-MM-DD)."),
                )
            })
        })
        .transpose()
}

fn required(text: &str, code: &'static str, message: &str) -> Result<(), Refusal> {
    if text.trim().is_empty() {
        Err(Refusal::new(code, message))
    } else {
        Ok(())
    }
}

/// Checks the nonconformity fields against the action.
///
/// A nonconformity names its requirement. Verification needs the corrective action, the
/// verification text, its date and who verified. Closing a nonconformity needs every step:
/// correction, root cause, corrective action and a verification on or before the closing date.
/// An opportunity for improvement can be closed once decided.
pub fn check_nc(action: &Action, nc: &Nonconformity) -> Result<(), Refusal> {
    let verified = date(nc.verified_on.as_deref(), "verification date")?;
    let closed = date(nc.closed_on.as_deref(), "closing date")?;
    let Some(grade) = nc.grade else {
        return if verified.is_some() || closed.is_some() {
            Err(Refusal::new(
                "nc_grade_required",
                "Grade the finding (major, minor or opportunity for improvement) first.",
            ))
        } else {
            Ok(())
        };
    };
    if !grade.is_nonconformity() {
        return Ok(());
    }
    required(
        &nc.requirement,
        "nc_requirement_required",
        "Name the requirement (clause) the nonconformity is against.",
    )?;
    if verified.is_some() || nc.verified_by.is_some() {
        required(
            &action.corrective_action,
            "nc_corrective_action_required",
            "Record the corrective action before verifying its effectiveness.",
        )?;
        required(
            &action.verification,
            "nc_verification_required",
            "Say how the effectiveness was verified (what was sampled, what was found).",
        )?;
        if verified.is_none() || nc.verified_by.is_none() {
            return Err(Refusal::new(
                "nc_verification_incomplete",
                "A verification needs its date and who verified it.",
            ));
        }
    }
    if let Some(closed) = closed {
        required(
            &action.correction,
            "nc_correction_required",
            "Record the correction (what was done straight away) before closing.",
        )?;
        required(
            &action.cause,
            "nc_cause_required",
            "Record the root cause before closing.",
        )?;
        match verified {
            None => {
                return Err(Refusal::new(
                    "nc_not_verified",
                    "A nonconformity is closed only after its corrective action is verified \
                     effective.",
                ));
            }
            Some(v) if v > closed => {
                return Err(Refusal::new(
                    "nc_closed_before_verified",
                    "The closing date cannot be before the verification date.",
                ));
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// A warning when the person who implemented the corrective action also verified it (SOD-07).
pub fn self_verification(action: &Action, nc: &Nonconformity) -> Option<String> {
    (nc.verified_by.is_some() && nc.verified_by == action.owner_id).then(|| {
        "The owner of the corrective action verified it themselves (SOD-07): have the SMS \
         manager, the auditor or top management verify it where possible."
            .to_owned()
    })
}
