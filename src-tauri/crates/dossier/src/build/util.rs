//! Small helpers for building model blocks and sections.

use chrono::NaiveDate;

use crate::model::{Block, Callout, CalloutKind, Paragraph, Section};

use super::convert::date_of;

/// A plain paragraph block.
pub fn p(s: impl Into<String>) -> Block {
    Block::Paragraph(Paragraph::plain(s))
}

/// A bulleted list of plain items.
pub fn bullets<S: Into<String>>(items: impl IntoIterator<Item = S>) -> Block {
    Block::BulletList {
        ordered: false,
        items: items.into_iter().map(|s| Paragraph::plain(s)).collect(),
    }
}

/// A level-3 heading block.
pub fn h3(s: impl Into<String>) -> Block {
    Block::Heading {
        text: s.into(),
        level: 3,
    }
}

/// A note callout.
pub fn note(title: &str, body: impl Into<String>) -> Block {
    Block::Callout(Callout {
        kind: CalloutKind::Note,
        title: Some(title.into()),
        body: vec![Paragraph::plain(body)],
    })
}

/// A warning callout.
pub fn warning(title: &str, body: impl Into<String>) -> Block {
    Block::Callout(Callout {
        kind: CalloutKind::Warning,
        title: Some(title.into()),
        body: vec![Paragraph::plain(body)],
    })
}

/// An unnumbered section (numbers are assigned by [`number`]).
pub fn sec(title: impl Into<String>, blocks: Vec<Block>, subsections: Vec<Section>) -> Section {
    Section {
        id: String::new(),
        number: None,
        title: title.into(),
        level: 1,
        blocks,
        subsections,
    }
}

/// Numbers the body sections 1, 1.1, 1.1.1 (ids `s1`, `s1-1`, ...) and the annexes
/// "Annex A", "A.1" (ids `annex-a`, `annex-a-1`).
pub fn number(body: &mut [Section], annexes: &mut [Section]) {
    fn walk(s: &mut Section, number: String, id: String, level: u8) {
        s.number = Some(number.clone());
        s.id = id.clone();
        s.level = level;
        let sub_prefix = number.strip_prefix("Annex ").unwrap_or(&number).to_owned();
        for (i, sub) in s.subsections.iter_mut().enumerate() {
            walk(
                sub,
                format!("{sub_prefix}.{}", i + 1),
                format!("{id}-{}", i + 1),
                (level + 1).min(3),
            );
        }
    }
    for (i, s) in body.iter_mut().enumerate() {
        walk(s, (i + 1).to_string(), format!("s{}", i + 1), 1);
    }
    for (i, s) in annexes.iter_mut().enumerate() {
        let letter = char::from(b'A' + u8::try_from(i % 26).unwrap_or(0));
        walk(
            s,
            format!("Annex {letter}"),
            format!("annex-{}", letter.to_ascii_lowercase()),
            1,
        );
    }
}

/// "12 March 2026".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// "12 Mar 2026" from a date or timestamp string; the string itself when it is not a date.
pub fn short_date(s: &str) -> String {
    date_of(s).map_or_else(|| s.to_owned(), |d| d.format("%-d %b %Y").to_string())
}

/// "12 Mar 2026" or an em dash for no date.
pub fn opt_date(s: Option<&str>) -> String {
    s.filter(|s| !s.trim().is_empty())
        .map_or_else(|| "—".to_owned(), short_date)
}

/// A percentage with no decimals, e.g. "72 %".
pub fn pct(v: f64) -> String {
    format!("{:.0} %", v.clamp(0.0, 100.0))
}

/// Text or an em dash when empty.
pub fn or_dash(s: &str) -> String {
    if s.trim().is_empty() {
        "—".to_owned()
    } else {
        s.trim().to_owned()
    }
}

/// "1 action" / "3 actions".
pub fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// Shortens a text to at most `max` characters, ending with an ellipsis when cut.
pub fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbering_assigns_ids_numbers_and_levels() {
        let mut body = vec![
            sec("A", vec![], vec![sec("A1", vec![], vec![])]),
            sec("B", vec![], vec![]),
        ];
        let mut annex = vec![sec("X", vec![], vec![sec("X1", vec![], vec![])])];
        number(&mut body, &mut annex);
        assert_eq!(body[0].subsections[0].number.as_deref(), Some("1.1"));
        assert_eq!(body[0].subsections[0].id, "s1-1");
        assert_eq!(body[0].subsections[0].level, 2);
        assert_eq!(body[1].id, "s2");
        assert_eq!(annex[0].number.as_deref(), Some("Annex A"));
        assert_eq!(annex[0].subsections[0].number.as_deref(), Some("A.1"));
    }

    #[test]
    fn dates_and_clipping() {
        assert_eq!(short_date("2026-03-12T10:00:00Z"), "12 Mar 2026");
        assert_eq!(short_date("soon"), "soon");
        assert_eq!(opt_date(None), "—");
        assert_eq!(clip("abcdef", 4), "abc…");
        assert_eq!(pct(71.6), "72 %");
    }
}
