//! Checks of step 2: internal and external issues, interested parties, the climate decision.

use super::push;
use crate::wizard::types::{Issue, IssueCode, IssueKind, Level, StepId, WizardData};

/// Checks of step 2.
pub fn check_context(d: &WizardData) -> Vec<Issue> {
    let s = StepId::Context;
    let mut out = Vec::new();
    for (kind, label, example) in [
        (
            IssueKind::Internal,
            "internal",
            "\"Key knowledge sits with two engineers\"",
        ),
        (
            IssueKind::External,
            "external",
            "\"Customers ask for evidence of security controls\"",
        ),
    ] {
        if !d
            .issues
            .iter()
            .any(|i| i.kind == kind && !i.text.trim().is_empty())
        {
            push(
                &mut out,
                s,
                IssueCode::NoIssues,
                Level::Error,
                &format!("issues_{label}"),
                format!(
                    "Add at least one {label} issue that affects your services (4.1), e.g. \
                         {example}. Pick from the suggestions or type your own."
                ),
            );
        }
    }
    if d.parties.is_empty() {
        push(
            &mut out,
            s,
            IssueCode::NoParties,
            Level::Error,
            "parties",
            "Add the interested parties and what they require (4.2): at least your customers."
                .into(),
        );
    } else if !d
        .parties
        .iter()
        .any(|p| p.name.to_lowercase().contains("customer"))
    {
        push(
            &mut out,
            s,
            IssueCode::NoParties,
            Level::Warning,
            "parties",
            "Customers are not among the interested parties. Add them with their requirements \
             (service levels, security, reporting)."
                .into(),
        );
    }
    for p in &d.parties {
        let t = format!("party:{}", p.id);
        if p.name.trim().is_empty() {
            push(
                &mut out,
                s,
                IssueCode::Required,
                Level::Error,
                &t,
                "An interested party has no name; name it or remove it.".into(),
            );
        } else if p.requirements.trim().is_empty() {
            push(
                &mut out,
                s,
                IssueCode::PartyWithoutRequirements,
                Level::Warning,
                &t,
                format!(
                    "Say what {} requires from you; the standard asks for their relevant \
                         requirements, not only their names.",
                    p.name.trim()
                ),
            );
        }
    }
    match d.climate.relevant {
        None => push(
            &mut out,
            s,
            IssueCode::ClimateUndecided,
            Level::Error,
            "climate",
            "Decide whether climate change is a relevant issue for your services (Amendment \
             1:2024). \"Not relevant\" is acceptable with a reason."
                .into(),
        ),
        Some(_) if d.climate.rationale.trim().is_empty() => push(
            &mut out,
            s,
            IssueCode::ClimateUndecided,
            Level::Error,
            "climate",
            "Give a short reason for the climate decision, e.g. \"Our services run in cloud \
             regions with their own resilience; customers do not ask for carbon data.\""
                .into(),
        ),
        Some(true)
            if !d
                .issues
                .iter()
                .any(|i| i.text.to_lowercase().contains("climat")) =>
        {
            push(
                &mut out,
                s,
                IssueCode::ClimateUndecided,
                Level::Info,
                "climate",
                "You marked climate change as relevant: add it as an external issue too, so it \
             reaches your risk assessment."
                    .into(),
            )
        }
        Some(_) => {}
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::field_reassign_with_default)]
mod tests {
    use super::*;
    use crate::test_support::codes;
    use crate::wizard::types::{ClimateDecision, ContextItem, InterestedParty};

    #[test]
    fn context_rules_and_climate() {
        let mut d = WizardData::default();
        d.issues = vec![
            ContextItem {
                id: 1,
                kind: IssueKind::Internal,
                text: "Two key engineers".into(),
            },
            ContextItem {
                id: 2,
                kind: IssueKind::External,
                text: "Cloud price rises".into(),
            },
        ];
        d.parties = vec![InterestedParty {
            id: 1,
            name: "Customers".into(),
            requirements: "".into(),
        }];
        let c = codes(&check_context(&d), StepId::Context);
        assert!(c.contains(&IssueCode::PartyWithoutRequirements));
        assert!(c.contains(&IssueCode::ClimateUndecided));
        d.parties[0].requirements = "Agreed service levels".into();
        d.climate = ClimateDecision {
            relevant: Some(false),
            rationale: String::new(),
        };
        assert!(codes(&check_context(&d), StepId::Context).contains(&IssueCode::ClimateUndecided));
        d.climate.rationale = "Cloud-hosted; no customer demands".into();
        assert!(check_context(&d).is_empty());
    }
}
