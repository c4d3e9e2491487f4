//! Markdown (CommonMark with tables) for documents: safe HTML for the preview and a neutral
//! block list for the dossier. Both come from the same pulldown-cmark parse, filtered by
//! [`safe_events`], so what the preview shows is what the dossier prints.
//!
//! Safety rules, applied to the event stream before anything is rendered:
//! - raw HTML (blocks and inline) is dropped, never passed through or shown;
//! - text is always escaped by the HTML writer;
//! - a link keeps its target only for `http:`, `https:`, `mailto:` and in-page `#…`
//!   targets; any other scheme (`javascript:`, `data:`, `file:`, …) or a relative path
//!   leaves just the link text;
//! - images are replaced by their alt text (the app loads nothing from outside);
//! - placeholders (`«…»`, see [`super::fill`]) are wrapped in `<mark class="placeholder">`,
//!   the only markup this module adds itself.

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html};
use serde::{Deserialize, Serialize};

/// Parser options: CommonMark plus tables and strikethrough.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Whether a link target may be kept.
pub fn safe_link(url: &str) -> bool {
    let u = url.trim();
    if u.starts_with('#') {
        return true;
    }
    let lower = u.to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

/// The parse of `markdown` with raw HTML, unsafe links and images removed.
pub fn safe_events(markdown: &str) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    // Depth of dropped link/image wrappers whose End must be dropped too.
    let mut dropped_links: Vec<bool> = Vec::new();
    for ev in Parser::new_ext(markdown, options()) {
        match ev {
            Event::Html(_) | Event::InlineHtml(_) => {}
            Event::Start(Tag::HtmlBlock) | Event::End(TagEnd::HtmlBlock) => {}
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                if safe_link(&dest_url) {
                    dropped_links.push(false);
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url,
                        title,
                        id,
                    }));
                } else {
                    dropped_links.push(true);
                }
            }
            Event::End(TagEnd::Link) => {
                if dropped_links.pop() == Some(false) {
                    out.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            other => out.push(other),
        }
    }
    out
}

/// Splits text on `«…»` placeholders: `(text, is_placeholder)` pieces.
pub fn split_placeholders(text: &str) -> Vec<(&str, bool)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find('«') {
        let Some(len) = rest[start..].find('»') else {
            break;
        };
        let end = start + len + '»'.len_utf8();
        if start > 0 {
            out.push((&rest[..start], false));
        }
        out.push((&rest[start..end], true));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        out.push((rest, false));
    }
    out
}

/// Escapes text for HTML element content.
fn escape(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => s.push_str("&amp;"),
            '<' => s.push_str("&lt;"),
            '>' => s.push_str("&gt;"),
            '"' => s.push_str("&quot;"),
            '\'' => s.push_str("&#39;"),
            c => s.push(c),
        }
    }
    s
}

/// Renders `markdown` to HTML that is safe to insert into the page (see the module rules).
pub fn to_safe_html(markdown: &str) -> String {
    let mut events = Vec::new();
    let mut in_code = false;
    for ev in safe_events(markdown) {
        match ev {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code = true;
                events.push(ev);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code = false;
                events.push(ev);
            }
            Event::Text(t) if !in_code && t.contains('«') => {
                for (piece, placeholder) in split_placeholders(&t) {
                    if placeholder {
                        // Our own markup around escaped text; user HTML never gets here.
                        events.push(Event::Html(CowStr::from(format!(
                            "<mark class=\"placeholder\">{}</mark>",
                            escape(piece)
                        ))));
                    } else {
                        events.push(Event::Text(CowStr::from(piece.to_owned())));
                    }
                }
            }
            other => events.push(other),
        }
    }
    let mut out = String::with_capacity(markdown.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out
}

/// A run of inline text with its formatting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Run {
    /// The text (plain, unescaped).
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic.
    pub italic: bool,
    /// Inline code.
    pub code: bool,
    /// Struck through.
    pub strike: bool,
    /// Link target (safe schemes only), if the run is a link.
    pub link: Option<String>,
    /// A `«…»` placeholder still to be filled.
    pub placeholder: bool,
}

/// A block of a document, independent of any output format (the dossier lays these out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading, level 1–6.
    Heading {
        /// 1 for `#`, 2 for `##`, ….
        level: u8,
        /// Inline content.
        runs: Vec<Run>,
    },
    /// A paragraph.
    Paragraph {
        /// Inline content; a line break is a run with text `"\n"`.
        runs: Vec<Run>,
    },
    /// A bulleted or numbered list.
    List {
        /// First number of a numbered list; `None` for bullets.
        start: Option<u64>,
        /// Items, each a list of blocks.
        items: Vec<Vec<Block>>,
    },
    /// A table (first row is the header).
    Table {
        /// Header cells.
        header: Vec<Vec<Run>>,
        /// Body rows of cells.
        rows: Vec<Vec<Vec<Run>>>,
    },
    /// A code block, verbatim.
    Code {
        /// The text.
        text: String,
    },
    /// A block quote.
    Quote {
        /// Quoted blocks.
        blocks: Vec<Block>,
    },
    /// A thematic break.
    Rule,
}

#[derive(Default, Clone, Copy)]
struct Style {
    bold: u32,
    italic: u32,
    strike: u32,
}

/// Builds blocks from safe events with an explicit stack of open containers.
enum Frame {
    Root(Vec<Block>),
    Quote(Vec<Block>),
    List(Option<u64>, Vec<Vec<Block>>),
    Item(Vec<Block>),
    Inline(Vec<Run>, InlineKind),
    Table(Vec<Vec<Run>>, Vec<Vec<Vec<Run>>>, bool),
    Row(Vec<Vec<Run>>),
    Code(String),
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum InlineKind {
    Heading(u8),
    Paragraph,
    /// Text directly in a tight list item.
    Loose,
    Cell,
}

fn level(l: HeadingLevel) -> u8 {
    match l {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

struct Builder {
    stack: Vec<Frame>,
    style: Style,
    link: Option<String>,
}

impl Builder {
    fn push_block(&mut self, b: Block) {
        match self.stack.last_mut() {
            Some(Frame::Root(v) | Frame::Quote(v) | Frame::Item(v)) => v.push(b),
            _ => {
                // Blocks never land directly in lists/tables; wrap defensively.
                if let Some(Frame::List(_, items)) = self.stack.last_mut() {
                    items.push(vec![b]);
                }
            }
        }
    }

    /// The inline run list to append to, opening a loose paragraph inside an item if needed.
    fn runs(&mut self) -> Option<&mut Vec<Run>> {
        if matches!(self.stack.last(), Some(Frame::Item(_))) {
            self.stack
                .push(Frame::Inline(Vec::new(), InlineKind::Loose));
        }
        match self.stack.last_mut() {
            Some(Frame::Inline(runs, _)) => Some(runs),
            _ => None,
        }
    }

    fn text(&mut self, text: &str, code: bool) {
        if let Some(Frame::Code(s)) = self.stack.last_mut() {
            s.push_str(text);
            return;
        }
        let style = self.style;
        let link = self.link.clone();
        let Some(runs) = self.runs() else { return };
        let pieces = if code {
            vec![(text, false)]
        } else {
            split_placeholders(text)
        };
        for (piece, placeholder) in pieces {
            let run = Run {
                text: piece.to_owned(),
                bold: style.bold > 0,
                italic: style.italic > 0,
                code,
                strike: style.strike > 0,
                link: link.clone(),
                placeholder,
            };
            // Merge with the previous run when the formatting is the same.
            if let Some(last) = runs.last_mut()
                && !placeholder
                && !last.placeholder
                && last.bold == run.bold
                && last.italic == run.italic
                && last.code == run.code
                && last.strike == run.strike
                && last.link == run.link
            {
                last.text.push_str(&run.text);
            } else {
                runs.push(run);
            }
        }
    }

    /// Closes a loose inline frame (text directly in a list item) before a nested block.
    fn close_loose(&mut self) {
        if let Some(Frame::Inline(_, InlineKind::Loose)) = self.stack.last()
            && let Some(Frame::Inline(runs, _)) = self.stack.pop()
        {
            self.push_block(Block::Paragraph {
                runs: trim_runs(runs),
            });
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.close_loose();
                self.stack
                    .push(Frame::Inline(Vec::new(), InlineKind::Paragraph));
            }
            Tag::Heading { level: l, .. } => {
                self.close_loose();
                self.stack
                    .push(Frame::Inline(Vec::new(), InlineKind::Heading(level(l))));
            }
            Tag::BlockQuote(_) => {
                self.close_loose();
                self.stack.push(Frame::Quote(Vec::new()));
            }
            Tag::CodeBlock(_) => {
                self.close_loose();
                self.stack.push(Frame::Code(String::new()));
            }
            Tag::List(start) => {
                self.close_loose();
                self.stack.push(Frame::List(start, Vec::new()));
            }
            Tag::Item => self.stack.push(Frame::Item(Vec::new())),
            Tag::Table(_) => {
                self.close_loose();
                self.stack.push(Frame::Table(Vec::new(), Vec::new(), false));
            }
            Tag::TableHead => {
                if let Some(Frame::Table(_, _, in_head)) = self.stack.last_mut() {
                    *in_head = true;
                }
                self.stack.push(Frame::Row(Vec::new()));
            }
            Tag::TableRow => self.stack.push(Frame::Row(Vec::new())),
            Tag::TableCell => self.stack.push(Frame::Inline(Vec::new(), InlineKind::Cell)),
            Tag::Emphasis => self.style.italic += 1,
            Tag::Strong => self.style.bold += 1,
            Tag::Strikethrough => self.style.strike += 1,
            Tag::Link { dest_url, .. } => self.link = Some(dest_url.to_string()),
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph | TagEnd::Heading(_) => {
                if let Some(Frame::Inline(runs, kind)) = self.stack.pop() {
                    let runs = trim_runs(runs);
                    match kind {
                        InlineKind::Heading(level) => {
                            self.push_block(Block::Heading { level, runs });
                        }
                        _ => self.push_block(Block::Paragraph { runs }),
                    }
                }
            }
            TagEnd::BlockQuote(_) => {
                self.close_loose();
                if let Some(Frame::Quote(blocks)) = self.stack.pop() {
                    self.push_block(Block::Quote { blocks });
                }
            }
            TagEnd::CodeBlock => {
                if let Some(Frame::Code(text)) = self.stack.pop() {
                    self.push_block(Block::Code { text });
                }
            }
            TagEnd::Item => {
                self.close_loose();
                if let Some(Frame::Item(blocks)) = self.stack.pop()
                    && let Some(Frame::List(_, items)) = self.stack.last_mut()
                {
                    items.push(blocks);
                }
            }
            TagEnd::List(_) => {
                if let Some(Frame::List(start, items)) = self.stack.pop() {
                    self.push_block(Block::List { start, items });
                }
            }
            TagEnd::TableCell => {
                if let Some(Frame::Inline(runs, _)) = self.stack.pop()
                    && let Some(Frame::Row(cells)) = self.stack.last_mut()
                {
                    cells.push(trim_runs(runs));
                }
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                if let Some(Frame::Row(cells)) = self.stack.pop()
                    && let Some(Frame::Table(header, rows, in_head)) = self.stack.last_mut()
                {
                    if *in_head {
                        *header = cells;
                        *in_head = false;
                    } else {
                        rows.push(cells);
                    }
                }
            }
            TagEnd::Table => {
                if let Some(Frame::Table(header, rows, _)) = self.stack.pop() {
                    self.push_block(Block::Table { header, rows });
                }
            }
            TagEnd::Emphasis => self.style.italic = self.style.italic.saturating_sub(1),
            TagEnd::Strong => self.style.bold = self.style.bold.saturating_sub(1),
            TagEnd::Strikethrough => self.style.strike = self.style.strike.saturating_sub(1),
            TagEnd::Link => self.link = None,
            _ => {}
        }
    }
}

/// Drops leading/trailing whitespace-only line breaks.
fn trim_runs(mut runs: Vec<Run>) -> Vec<Run> {
    while runs
        .last()
        .is_some_and(|r| r.text.trim().is_empty() && !r.code)
    {
        runs.pop();
    }
    runs
}

/// Parses `markdown` into the neutral block list the dossier lays out. Uses the same safe
/// event stream as the preview: raw HTML never appears in a block.
pub fn to_blocks(markdown: &str) -> Vec<Block> {
    let mut b = Builder {
        stack: vec![Frame::Root(Vec::new())],
        style: Style::default(),
        link: None,
    };
    for ev in safe_events(markdown) {
        match ev {
            Event::Start(tag) => b.start(tag),
            Event::End(tag) => b.end(tag),
            Event::Text(t) => b.text(&t, false),
            Event::Code(t) => b.text(&t, true),
            Event::SoftBreak => b.text(" ", false),
            Event::HardBreak => b.text("\n", false),
            Event::Rule => {
                b.close_loose();
                b.push_block(Block::Rule);
            }
            Event::TaskListMarker(done) => b.text(if done { "[x] " } else { "[ ] " }, false),
            _ => {}
        }
    }
    b.close_loose();
    match b.stack.into_iter().next() {
        Some(Frame::Root(blocks)) => blocks,
        _ => Vec::new(),
    }
}

/// Plain text of runs (for tests, search and the dossier's outline).
pub fn runs_text(runs: &[Run]) -> String {
    runs.iter().map(|r| r.text.as_str()).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const NASTY: &str = "# Policy <script>alert(1)</script>\n\n\
        <script>alert('block')</script>\n\n\
        Text with <img src=x onerror=alert(2)> inline <b>bold</b> html.\n\n\
        [click](javascript:alert(3)) [ok](https://example.org) [data](data:text/html,hi) \
        [JS](  JavaScript:alert(4)) [mail](mailto:a@b.c) [anchor](#top)\n\n\
        ![pic](https://tracker.example/x.png)\n\n\
        <div onclick=\"alert(5)\">div</div>\n\n\
        <iframe src=\"https://evil\"></iframe>\n\n\
        `<script>code</script>`\n\n\
        | a | b |\n|---|---|\n| <script>x</script> | <em onmouseover=alert(6)>y</em> |\n";

    #[test]
    fn no_raw_html_or_script_reaches_the_html() {
        let html = to_safe_html(NASTY);
        let lower = html.to_ascii_lowercase();
        for bad in [
            "<script",
            "<img",
            "<iframe",
            "<div",
            "onerror",
            "onclick",
            "onmouseover",
            "javascript:",
            "data:text",
            "<b>",
            "<em ",
        ] {
            assert!(!lower.contains(bad), "{bad} leaked into {html}");
        }
        // Inline code is shown escaped, as text.
        assert!(html.contains("<code>&lt;script&gt;code&lt;/script&gt;</code>"));
        assert!(html.contains("<a href=\"https://example.org\">ok</a>"));
        assert!(html.contains("<a href=\"mailto:a@b.c\">mail</a>"));
        assert!(html.contains("<a href=\"#top\">anchor</a>"));
        // Unsafe links keep their text only; images their alt text.
        assert!(html.contains("click"));
        assert!(html.contains("pic"));
        assert!(html.contains("<table>"));
    }

    #[test]
    fn no_raw_html_or_script_reaches_the_blocks() {
        let blocks = to_blocks(NASTY);
        let json = serde_json::to_string(&blocks).unwrap().to_ascii_lowercase();
        for bad in [
            "<script>alert",
            "<img",
            "<iframe",
            "<div",
            "onclick",
            "javascript:",
            "data:",
        ] {
            assert!(!json.contains(bad), "{bad} leaked into {json}");
        }
        // The inline code keeps its literal text (it is code, shown verbatim, never markup).
        assert!(json.contains("\"code\":true"));
    }

    #[test]
    fn placeholders_are_marked() {
        let html = to_safe_html("Address: «firm address».");
        assert_eq!(
            html,
            "<p>Address: <mark class=\"placeholder\">«firm address»</mark>.</p>\n"
        );
        let html = to_safe_html("«<script>»");
        assert!(!html.contains("<script"));
        let blocks = to_blocks("Hi «name» there");
        let Block::Paragraph { runs } = &blocks[0] else {
            panic!()
        };
        assert_eq!(runs.len(), 3);
        assert!(runs[1].placeholder);
        assert_eq!(runs[1].text, "«name»");
    }

    #[test]
    fn blocks_cover_headings_runs_lists_tables() {
        let md = "# Title\n\nSome **bold** and *it* and `code`.\n\n\
                  1. one\n2. two\n   - nested\n\n\
                  | Col | Val |\n|---|---|\n| a | **b** |\n\n> quoted\n\n---\n\n```\nx < y\n```\n";
        let b = to_blocks(md);
        assert_eq!(
            b[0],
            Block::Heading {
                level: 1,
                runs: vec![Run {
                    text: "Title".into(),
                    bold: false,
                    italic: false,
                    code: false,
                    strike: false,
                    link: None,
                    placeholder: false
                }]
            }
        );
        let Block::Paragraph { runs } = &b[1] else {
            panic!("{:?}", b[1])
        };
        assert_eq!(runs_text(runs), "Some bold and it and code.");
        assert!(runs.iter().any(|r| r.bold && r.text == "bold"));
        assert!(runs.iter().any(|r| r.italic && r.text == "it"));
        assert!(runs.iter().any(|r| r.code && r.text == "code"));
        let Block::List { start, items } = &b[2] else {
            panic!("{:?}", b[2])
        };
        assert_eq!(*start, Some(1));
        assert_eq!(items.len(), 2);
        assert!(matches!(items[1][1], Block::List { start: None, .. }));
        let Block::Table { header, rows } = &b[3] else {
            panic!("{:?}", b[3])
        };
        assert_eq!(runs_text(&header[1]), "Val");
        assert!(rows[0][1][0].bold);
        assert!(matches!(b[4], Block::Quote { .. }));
        assert_eq!(b[5], Block::Rule);
        assert_eq!(
            b[6],
            Block::Code {
                text: "x < y\n".into()
            }
        );
    }

    #[test]
    fn every_template_renders_to_blocks_and_html() {
        let ctx = crate::content::sample_context().unwrap();
        for t in &crate::content::library().templates {
            let md = crate::content::render(t, &ctx).unwrap();
            let blocks = to_blocks(&md);
            assert!(
                matches!(blocks.first(), Some(Block::Heading { level: 1, .. })),
                "{}",
                t.id
            );
            assert!(blocks.iter().any(|b| matches!(b, Block::Table { .. })));
            assert!(to_safe_html(&md).contains("<table>"));
        }
    }
}
