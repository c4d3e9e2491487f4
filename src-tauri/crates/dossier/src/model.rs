//! What the dossier says: a document model with no PDF or layout types.
//!
//! [`crate::build`] fills a [`Dossier`] from a project snapshot (wizard answers, approved
//! policies, the assessment) and the content library.

use chrono::NaiveDate;

/// The whole certification dossier.
#[derive(Debug, Clone, PartialEq)]
pub struct Dossier {
    /// Document metadata (PDF info dictionary, running header and footer).
    pub meta: Meta,
    /// The cover page.
    pub cover: Cover,
    /// Sections printed after the cover and before the table of contents (for example the
    /// document control table). They appear in the outline but not in the contents list.
    pub front: Vec<Section>,
    /// The numbered body and the annexes, in reading order.
    pub sections: Vec<Section>,
    /// A light diagonal text printed across every page (e.g. "DRAFT"), or `None`.
    pub watermark: Option<String>,
}

/// Document metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Meta {
    /// Document title, e.g. "ISO/IEC 20000-1:2018 Certification Dossier".
    pub title: String,
    /// The firm the dossier is about (printed in the running header).
    pub firm: String,
    /// Dossier version, e.g. "1.2".
    pub version: String,
    /// Date of this version; also the PDF creation and modification date.
    pub date: NaiveDate,
    /// Author (person or role) for the PDF info dictionary.
    pub author: String,
    /// Subject for the PDF info dictionary.
    pub subject: String,
}

/// The cover page.
#[derive(Debug, Clone, PartialEq)]
pub struct Cover {
    /// Firm name, printed large.
    pub firm: String,
    /// Short statement of the scope of the service management system.
    pub scope_summary: String,
    /// Version line, e.g. "Version 1.2".
    pub version_line: String,
    /// Date line, e.g. "12 March 2026".
    pub date_line: String,
    /// Headline verdict lines (readiness, open actions, ...).
    pub verdict: Vec<VerdictLine>,
    /// Facts printed in a grid at the foot of the cover (certification body, audit dates).
    pub details: Vec<KeyValue>,
    /// Heading over the scope summary and over the verdict lines; `None`: the dossier's
    /// ("Scope of the service management system", "Readiness at a glance").
    pub labels: Option<(String, String)>,
}

/// One headline line on the cover.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictLine {
    /// What is measured, e.g. "Overall readiness".
    pub label: String,
    /// The finding, e.g. "78 % — ready for stage 1 audit".
    pub value: String,
    /// How the value should be coloured.
    pub tone: Tone,
}

/// Semantic colouring of a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tone {
    /// No emphasis.
    #[default]
    Neutral,
    /// Met / done / good.
    Good,
    /// Partly met / in progress.
    Warn,
    /// Not met / overdue.
    Bad,
}

/// A section with its blocks and nested subsections.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Stable identifier, used for named destinations and links (e.g. "s5-scorecard").
    pub id: String,
    /// Printed number, e.g. "5", "5.2" or "Annex A"; `None` for unnumbered sections.
    pub number: Option<String>,
    /// Title without the number.
    pub title: String,
    /// Heading level: 1 = chapter (starts a new page), 2, 3.
    pub level: u8,
    /// Content before the first subsection.
    pub blocks: Vec<Block>,
    /// Nested subsections (normally `level + 1`).
    pub subsections: Vec<Section>,
}

/// A unit of content.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading inside a section that is not itself a section (not in the outline).
    Heading {
        /// Heading text.
        text: String,
        /// 2 or 3 (styles like the section headings of that level).
        level: u8,
    },
    /// A paragraph of styled runs.
    Paragraph(Paragraph),
    /// A bulleted or numbered list; each item is a paragraph.
    BulletList {
        /// Numbered (1., 2., ...) instead of bullets.
        ordered: bool,
        /// The items.
        items: Vec<Paragraph>,
    },
    /// A two-column key/value table (labels bold on the left).
    KeyValue(Vec<KeyValue>),
    /// A table with wrapping cells and a header row repeated on every page.
    Table(Table),
    /// Horizontal bar chart of 0..100 values with optional targets.
    BarChart(BarChart),
    /// Radar (spider) chart of 0..100 values.
    RadarChart(RadarChart),
    /// Likelihood × impact grids with counts, side by side.
    HeatMap(HeatMap),
    /// Line chart of 0..100 values over periods (months).
    LineChart(LineChart),
    /// A highlighted note.
    Callout(Callout),
    /// Force the next block onto a new page.
    PageBreak,
}

/// A paragraph: a sequence of styled runs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paragraph {
    /// The runs, in order.
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// A paragraph of one plain run.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            runs: vec![Run::plain(text)],
        }
    }

    /// A paragraph from runs.
    pub fn from_runs(runs: Vec<Run>) -> Self {
        Self { runs }
    }

    /// All text of the paragraph, without styling.
    pub fn text(&self) -> String {
        self.runs.iter().map(|r| r.text.as_str()).collect()
    }
}

impl From<&str> for Paragraph {
    fn from(s: &str) -> Self {
        Paragraph::plain(s)
    }
}

impl From<String> for Paragraph {
    fn from(s: String) -> Self {
        Paragraph::plain(s)
    }
}

/// A run of text with one style.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Run {
    /// The text.
    pub text: String,
    /// Bold.
    pub bold: bool,
    /// Italic (oblique).
    pub italic: bool,
    /// Monospaced (identifiers, hashes, paths).
    pub mono: bool,
}

impl Run {
    /// Plain text.
    pub fn plain(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }
    /// Bold text.
    pub fn bold(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            bold: true,
            ..Self::default()
        }
    }
    /// Italic text.
    pub fn italic(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            italic: true,
            ..Self::default()
        }
    }
    /// Monospaced text.
    pub fn mono(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            mono: true,
            ..Self::default()
        }
    }
}

/// One row of a key/value table.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValue {
    /// Label (left column).
    pub key: String,
    /// Value (right column).
    pub value: Paragraph,
}

impl KeyValue {
    /// A key with a plain value.
    pub fn new(key: impl Into<String>, value: impl Into<Paragraph>) -> Self {
        Self {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// A table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column definitions (header text and relative width).
    pub columns: Vec<Column>,
    /// Body rows; each row should have one cell per column (missing cells print empty).
    pub rows: Vec<Vec<Cell>>,
    /// Optional caption printed under the table.
    pub caption: Option<String>,
    /// Print body text smaller (for wide tables such as a RACI matrix).
    pub compact: bool,
}

/// A table column.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Header text.
    pub header: String,
    /// Relative width (any positive unit; widths are normalised to the text width).
    pub width: f32,
    /// Centre the cell content (short codes such as RACI letters or statuses).
    pub center: bool,
}

impl Column {
    /// A left-aligned column.
    pub fn new(header: impl Into<String>, width: f32) -> Self {
        Self {
            header: header.into(),
            width,
            center: false,
        }
    }
    /// A centred column.
    pub fn centered(header: impl Into<String>, width: f32) -> Self {
        Self {
            header: header.into(),
            width,
            center: true,
        }
    }
}

/// A table cell: wrapping text with an optional tone (coloured status).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Content.
    pub content: Paragraph,
    /// Colouring (statuses); `Neutral` prints normally.
    pub tone: Tone,
}

impl Cell {
    /// A plain cell.
    pub fn text(s: impl Into<String>) -> Self {
        Self {
            content: Paragraph::plain(s),
            tone: Tone::Neutral,
        }
    }
    /// A cell with a tone.
    pub fn toned(s: impl Into<String>, tone: Tone) -> Self {
        Self {
            content: Paragraph::plain(s),
            tone,
        }
    }
    /// A monospaced cell.
    pub fn mono(s: impl Into<String>) -> Self {
        Self {
            content: Paragraph::from_runs(vec![Run::mono(s)]),
            tone: Tone::Neutral,
        }
    }
    /// A cell from runs.
    pub fn runs(runs: Vec<Run>) -> Self {
        Self {
            content: Paragraph::from_runs(runs),
            tone: Tone::Neutral,
        }
    }
    /// The same cell with a tone.
    pub fn with_tone(mut self, tone: Tone) -> Self {
        self.tone = tone;
        self
    }
}

/// A horizontal bar chart.
#[derive(Debug, Clone, PartialEq)]
pub struct BarChart {
    /// Chart title.
    pub title: String,
    /// The bars, top to bottom.
    pub items: Vec<BarItem>,
}

/// One bar.
#[derive(Debug, Clone, PartialEq)]
pub struct BarItem {
    /// Label left of the bar.
    pub label: String,
    /// Value 0..100 (clamped).
    pub value: f32,
    /// Optional target 0..100, drawn as a marker.
    pub target: Option<f32>,
}

/// A radar (spider) chart.
#[derive(Debug, Clone, PartialEq)]
pub struct RadarChart {
    /// Chart title.
    pub title: String,
    /// Axis labels, clockwise from the top.
    pub axes: Vec<String>,
    /// One value 0..100 per axis.
    pub values: Vec<f32>,
    /// Optional target per axis (dashed polygon).
    pub target: Option<Vec<f32>>,
}

/// Likelihood × impact grids (5 × 5) with a count in each cell, drawn side by side.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatMap {
    /// Chart title.
    pub title: String,
    /// The grids (e.g. before and after treatment).
    pub grids: Vec<HeatGrid>,
    /// The highest score (likelihood × impact) accepted without treatment.
    pub acceptance: u8,
}

/// One grid of a heat map.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatGrid {
    /// Caption above the grid.
    pub caption: String,
    /// `cells[l - 1][i - 1]`: entries with likelihood `l` and impact `i`.
    pub cells: [[u32; 5]; 5],
}

/// A line chart of 0..100 values over periods.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart {
    /// Chart title.
    pub title: String,
    /// One label per period, left to right (e.g. "2026-01").
    pub periods: Vec<String>,
    /// The lines.
    pub series: Vec<LineSeries>,
}

/// One line: a value 0..100 per period, `None` where nothing was measured (a gap).
#[derive(Debug, Clone, PartialEq)]
pub struct LineSeries {
    /// Legend label.
    pub label: String,
    /// One value per period.
    pub values: Vec<Option<f32>>,
}

/// A highlighted note.
#[derive(Debug, Clone, PartialEq)]
pub struct Callout {
    /// Kind (colour of the bar).
    pub kind: CalloutKind,
    /// Optional bold title.
    pub title: Option<String>,
    /// Body paragraphs.
    pub body: Vec<Paragraph>,
}

/// Kind of callout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalloutKind {
    /// Informational note (teal).
    Note,
    /// Warning (amber).
    Warning,
}
