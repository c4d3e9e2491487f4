//! The demo drafter's pass over a template draft before issuing it: what a firm does when it
//! works through the template's instructions (issue 17).
//!
//! Each template instruction ([`unresolved_in`]) is answered: a cue beside a default
//! (`(*edit*)`) is removed, keeping the default; a blank (`*enter*`) becomes a line to complete
//! by hand on the signed copy; a few instructions get the demo firm's own text ([`ANSWERS`]);
//! any other instruction is deleted, and a line left without any words is dropped.

use ready20k_domain::documents::unresolved::{UnresolvedKind, distinct_texts, unresolved_in};

/// The demo firm's text for instructions that ask for facts.
const ANSWERS: &[(&str, &str)] = &[
    (
        "List the requests users can make, for example new user, access change, software install",
        "New user, leaver, access change, software install, new device",
    ),
    (
        "Add portal address, e-mail address and telephone number.",
        "Portal: support.northwind-it.example; e-mail: help@northwind-it.example; telephone: \
         0117 496 0000.",
    ),
    (
        "List the services in scope that depend on this party",
        "Managed Workplace, Cloud Hosting, Backup and Recovery",
    ),
];

/// A blank a person completes by hand on the signed copy.
const BLANK: &str = "________";

/// The draft `body` with every template instruction answered; placeholders are left alone.
pub(super) fn answer_instructions(body: &str) -> String {
    let items: Vec<_> = unresolved_in(body)
        .into_iter()
        .filter(|u| u.kind == UnresolvedKind::Instruction)
        .collect();
    let mut out = body.to_owned();
    for text in distinct_texts(&items) {
        let span = format!("*{text}*");
        if let Some((_, answer)) = ANSWERS.iter().find(|(t, _)| *t == text) {
            out = out.replace(&span, answer);
        } else if text == "enter" {
            out = out.replace(&span, BLANK);
        } else {
            for pattern in [
                format!(" ({span})"),
                format!("({span})"),
                format!(" {span}"),
            ] {
                out = out.replace(&pattern, "");
            }
            out = out.replace(&span, "");
        }
    }
    // Drop lines the pass emptied of words (a bullet or table row that held only an
    // instruction).
    let before: Vec<&str> = body.lines().collect();
    let mut kept: Vec<&str> = Vec::new();
    for line in out.lines() {
        let emptied = !line.chars().any(char::is_alphanumeric) && !before.contains(&line);
        if !emptied {
            kept.push(line);
        }
    }
    let mut text = kept.join("\n");
    if body.ends_with('\n') {
        text.push('\n');
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instructions_are_answered_and_emptied_lines_dropped() {
        let body = "Keep 3 years (*edit*).\n| Name | *enter* |\n| *Add or delete rows* | | |\n\
                    We do it. *Edit this list to match.*\nAt «service hours».\n";
        let out = answer_instructions(body);
        assert_eq!(
            out,
            "Keep 3 years.\n| Name | ________ |\nWe do it.\nAt «service hours».\n"
        );
        assert!(
            unresolved_in(&out)
                .iter()
                .all(|u| u.kind == UnresolvedKind::Placeholder)
        );
    }
}
