//! Turns the free-text service-level targets of the wizard ("P1 response 30 min, resolution
//! 4 h; 99.9% availability") into structured [`ServiceLevels`] where it can, and returns the
//! rest as a note for the user to convert by hand.
//!
//! The text is read clause by clause (`;` or a new line ends a clause, `,` a part of it; a
//! priority named in a part carries over to the next parts of the same clause). A part is
//! converted when it names a priority with a response or resolution time, a request
//! fulfilment time, or an availability percentage. Anything else goes to the note unchanged.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::sla::{FulfilmentTarget, Priority, PriorityTarget, ServiceLevels, SlaClock};

/// The result of reading a free-text target.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
pub struct ParsedSla {
    /// What could be structured (`service_id` is 0; the caller sets it). Its `note` holds
    /// the parts that could not be read.
    pub levels: ServiceLevels,
    /// The parts that were converted, as written.
    pub converted: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Priority(Priority),
    /// Minutes, and whether the unit was a working/business day.
    Duration(u32, bool),
    Percent(f64),
    Word(String),
}

fn split_tokens(part: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        if !cur.is_empty() {
            out.push(std::mem::take(cur));
        }
    };
    let chars: Vec<char> = part.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_whitespace() || matches!(c, ':' | '(' | ')' | '=' | '–' | '-' | '/') {
            // Keep `24/7` whole.
            if c == '/' && prev_digit && next_digit {
                cur.push(c);
                continue;
            }
            flush(&mut cur, &mut out);
        } else if c == '%' {
            flush(&mut cur, &mut out);
            out.push("%".into());
        } else if c == '.' && prev_digit && next_digit {
            cur.push(c);
        } else if c == '.' {
            flush(&mut cur, &mut out);
        } else {
            // Split "30min" / "4h" between the number and the unit.
            let boundary = !cur.is_empty()
                && cur.chars().all(|d| d.is_ascii_digit() || d == '.')
                && c.is_alphabetic()
                && !(cur.starts_with(|d: char| d.is_ascii_digit()) && c == 'x' && next_digit);
            if boundary {
                flush(&mut cur, &mut out);
            }
            cur.push(c);
        }
    }
    flush(&mut cur, &mut out);
    out
}

fn priority_word(w: &str) -> Option<Priority> {
    Priority::parse(w)
}

fn unit_minutes(unit: &str) -> Option<u32> {
    match unit {
        "m" | "min" | "mins" | "minute" | "minutes" => Some(1),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(60),
        "d" | "day" | "days" => Some(24 * 60),
        "week" | "weeks" => Some(7 * 24 * 60),
        _ => None,
    }
}

fn tokenize(part: &str, day_minutes: u32) -> Vec<Tok> {
    let words: Vec<String> = split_tokens(&part.to_lowercase());
    let mut toks = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i].as_str();
        if let Some(p) = priority_word(w) {
            toks.push(Tok::Priority(p));
            i += 1;
            continue;
        }
        if matches!(w, "priority" | "sev" | "severity")
            && let Some(p) = words
                .get(i + 1)
                .and_then(|n| Priority::parse(&format!("p{n}")))
        {
            toks.push(Tok::Priority(p));
            i += 2;
            continue;
        }
        if let Ok(n) = w.parse::<f64>() {
            let next = words.get(i + 1).map(String::as_str);
            if next == Some("%") {
                toks.push(Tok::Percent(n));
                i += 2;
                continue;
            }
            if matches!(next, Some("working" | "business"))
                && matches!(words.get(i + 2).map(String::as_str), Some("day" | "days"))
            {
                toks.push(Tok::Duration(
                    (n * f64::from(day_minutes)).round() as u32,
                    true,
                ));
                i += 3;
                continue;
            }
            if let Some(u) = next.and_then(unit_minutes) {
                toks.push(Tok::Duration((n * f64::from(u)).round() as u32, false));
                i += 2;
                continue;
            }
        }
        toks.push(Tok::Word(w.to_owned()));
        i += 1;
    }
    toks
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Aim {
    Response,
    Resolution,
    Fulfilment,
    Availability,
}

fn aim_of(word: &str) -> Option<Aim> {
    if word.starts_with("respon") || word.starts_with("acknowledg") || word == "ack" {
        Some(Aim::Response)
    } else if word.starts_with("resol") || word == "fix" || word == "fixed" {
        Some(Aim::Resolution)
    } else if word.starts_with("fulfil") || word.starts_with("request") {
        Some(Aim::Fulfilment)
    } else if word.starts_with("availab") || word == "uptime" {
        Some(Aim::Availability)
    } else {
        None
    }
}

fn clock_of(part: &str) -> Option<SlaClock> {
    let l = part.to_lowercase();
    if [
        "business hour",
        "working hour",
        "office hour",
        "business day",
        "working day",
    ]
    .iter()
    .any(|k| l.contains(k))
    {
        Some(SlaClock::BusinessHours)
    } else if ["24x7", "24/7", "24 x 7", "round the clock"]
        .iter()
        .any(|k| l.contains(k))
    {
        Some(SlaClock::TwentyFourSeven)
    } else {
        None
    }
}

/// Reads `text`. `day_minutes` is the length of the firm's working day, used for targets
/// written in working days.
pub fn parse_sla_text(text: &str, day_minutes: u32) -> ParsedSla {
    let mut out = ParsedSla::default();
    let mut note: Vec<String> = Vec::new();
    for clause in text.split([';', '\n']) {
        let mut priorities: Vec<Priority> = Vec::new();
        for part in clause.split(',') {
            let written = part.trim();
            if written.is_empty() {
                continue;
            }
            let toks = tokenize(written, day_minutes);
            let named: Vec<Priority> = toks
                .iter()
                .filter_map(|t| match t {
                    Tok::Priority(p) => Some(*p),
                    _ => None,
                })
                .collect();
            if !named.is_empty() {
                priorities = named;
            }
            let clock = clock_of(written);
            let mut aim: Option<Aim> = None;
            let mut held: Option<(u32, bool)> = None;
            let mut percent: Option<f64> = None;
            let mut used = false;
            let mut kept_goal = false;
            let assign = |aim: Aim, (minutes, working): (u32, bool), out: &mut ParsedSla| {
                let clock = if working {
                    SlaClock::BusinessHours
                } else {
                    clock.unwrap_or_default()
                };
                match aim {
                    Aim::Response | Aim::Resolution => {
                        if priorities.is_empty() {
                            return false;
                        }
                        for p in &priorities {
                            let t = out.levels.targets.entry(*p).or_insert(PriorityTarget {
                                response_min: None,
                                resolution_min: None,
                                clock,
                            });
                            t.clock = clock;
                            if aim == Aim::Response {
                                t.response_min = Some(minutes);
                            } else {
                                t.resolution_min = Some(minutes);
                            }
                        }
                        true
                    }
                    Aim::Fulfilment => {
                        out.levels.request_fulfilment = Some(FulfilmentTarget { minutes, clock });
                        true
                    }
                    Aim::Availability => false,
                }
            };
            for tok in &toks {
                match tok {
                    Tok::Word(w) => {
                        if let Some(a) = aim_of(w) {
                            // "requests fulfilled": the first word already set the aim.
                            if !(aim == Some(Aim::Fulfilment) && a == Aim::Fulfilment) {
                                aim = Some(a);
                            }
                            if let Some(d) = held.take() {
                                used |= assign(a, d, &mut out);
                                aim = None;
                            }
                        }
                    }
                    Tok::Duration(m, w) => match aim {
                        Some(a @ (Aim::Response | Aim::Resolution | Aim::Fulfilment)) => {
                            used |= assign(a, (*m, *w), &mut out);
                            aim = None;
                        }
                        _ => held = Some((*m, *w)),
                    },
                    Tok::Percent(p) => percent = Some(*p),
                    Tok::Priority(_) => {}
                }
            }
            if let Some(p) = percent {
                if aim == Some(Aim::Availability)
                    || toks
                        .iter()
                        .any(|t| matches!(t, Tok::Word(w) if aim_of(w) == Some(Aim::Availability)))
                {
                    if p > 0.0 && p <= 100.0 {
                        out.levels.availability_pct = Some(p);
                        used = true;
                    }
                } else if used {
                    // An attainment goal ("95% of requests ...") has no place in the structure.
                    kept_goal = true;
                }
            }
            if used {
                out.converted.push(written.to_owned());
            }
            if !used || kept_goal {
                note.push(written.to_owned());
            }
        }
    }
    out.levels.note = note.join("; ");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_sla_text_demo_workplace() {
        let p = parse_sla_text(
            "P1 response 30 min, resolution 4 h; 95% of requests fulfilled within 2 working days",
            480,
        );
        let p1 = p.levels.targets[&Priority::P1];
        assert_eq!(p1.response_min, Some(30));
        assert_eq!(p1.resolution_min, Some(240));
        assert_eq!(p1.clock, SlaClock::TwentyFourSeven);
        assert_eq!(
            p.levels.request_fulfilment,
            Some(FulfilmentTarget {
                minutes: 960,
                clock: SlaClock::BusinessHours
            })
        );
        assert_eq!(p.converted.len(), 3);
        // The 95% attainment goal is kept for the user.
        assert_eq!(
            p.levels.note,
            "95% of requests fulfilled within 2 working days"
        );
    }

    #[test]
    fn records_sla_text_demo_hosting_and_backup() {
        let p = parse_sla_text(
            "99.9% monthly availability; restore from backup within 8 h",
            480,
        );
        assert_eq!(p.levels.availability_pct, Some(99.9));
        assert!(p.levels.targets.is_empty());
        assert_eq!(p.levels.note, "restore from backup within 8 h");
        let b = parse_sla_text(
            "Daily backup success 98%; quarterly restore test report",
            480,
        );
        assert_eq!(b.levels.availability_pct, None);
        assert!(b.converted.is_empty());
        assert_eq!(
            b.levels.note,
            "Daily backup success 98%; quarterly restore test report"
        );
    }

    #[test]
    fn records_sla_text_variants() {
        let p = parse_sla_text(
            "P1 response 1 h; 99.5 % availability\nP2/P3: 4h response (business hours), fix in 2 business days\nP4 resolution 5 days",
            510,
        );
        assert_eq!(p.levels.targets[&Priority::P1].response_min, Some(60));
        assert_eq!(p.levels.availability_pct, Some(99.5));
        for pr in [Priority::P2, Priority::P3] {
            let t = p.levels.targets[&pr];
            assert_eq!(t.response_min, Some(240));
            assert_eq!(t.resolution_min, Some(1020));
            assert_eq!(t.clock, SlaClock::BusinessHours);
        }
        assert_eq!(p.levels.targets[&Priority::P4].resolution_min, Some(7200));
        assert_eq!(p.levels.note, "");
        let q = parse_sla_text("Priority 2 acknowledged within 15mins 24x7", 480);
        assert_eq!(q.levels.targets[&Priority::P2].response_min, Some(15));
    }

    #[test]
    fn records_sla_text_nothing_parseable_is_all_note() {
        let p = parse_sla_text("Best effort; response within 1 h", 480);
        // A response time without a priority cannot be placed.
        assert!(p.levels.targets.is_empty());
        assert_eq!(p.levels.note, "Best effort; response within 1 h");
        assert_eq!(parse_sla_text("", 480), ParsedSla::default());
    }
}
