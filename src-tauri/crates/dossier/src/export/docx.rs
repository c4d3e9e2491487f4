//! Word (`.docx`) output of an approved document; the only module that touches `docx-rs`.
//!
//! Layout: A4 with the firm, document id and version in the running header and "Page X of Y"
//! (PAGE and NUMPAGES fields) in the footer; the title, a document-control table, then the
//! text. Headings use Word's built-in style ids (`Heading1`…), so the navigation pane and a
//! table of contents find them; lists use real numbering definitions, so Word continues and
//! renumbers them when the firm edits the file.

use docx_rs::{
    AbstractNumbering, AlignmentType, BreakType, Docx, Footer, Header, Hyperlink, HyperlinkType,
    IndentLevel, Level, LevelJc, LevelOverride, LevelText, LineSpacing, NumPages, NumberFormat,
    Numbering, NumberingId, PageMargin, PageNum, Paragraph, Run, RunFonts, Shading,
    SpecialIndentType, Start, Style, StyleType, Table, TableCell, TableRow, WidthType,
};
use ready20k_domain::documents::markdown::{self as md, Block as MdBlock, Run as MdRun};

use crate::DossierError;
use crate::build::ApprovedDocument;

/// Body font: Arial in Word, its metric twin Liberation Sans in LibreOffice.
const FONT: &str = "Arial";
/// Monospaced font for inline code and code blocks.
const MONO: &str = "Courier New";
/// The dossier's teal, for headings and the title.
const ACCENT: &str = "1F5F5B";
/// Light fill of table header cells and control labels.
const HEADER_FILL: &str = "E6EFEE";
/// Grey of the running header and footer.
const MUTED: &str = "666666";
/// A4 in twentieths of a point, and its margins (2 cm).
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
const MARGIN: i32 = 1_134;
/// Width of the text column in twips.
const TEXT_W: usize = (PAGE_W as usize) - 2 * (MARGIN as usize);
/// Numbering definitions: bullets, and decimal numbers (one instance per numbered list,
/// from [`FIRST_NUMBERED`] on). docx-rs itself defines abstract and instance 1: stay clear.
const BULLETS: usize = 10;
const DECIMAL: usize = 11;
const FIRST_NUMBERED: usize = 100;
/// Deepest list level written (deeper items stay at this level).
const MAX_DEPTH: usize = 5;

/// The `.docx` file of `doc`.
pub fn write(doc: &ApprovedDocument) -> Result<Vec<u8>, DossierError> {
    let mut w = Writer::default();
    w.title(doc);
    w.control(doc);
    if let Some(note) = &doc.file_note {
        w.push(Paragraph::new().add_run(Run::new().add_text(note.as_str())));
    } else {
        let blocks = doc.blocks();
        let top = blocks
            .iter()
            .filter_map(|b| match b {
                MdBlock::Heading { level, .. } => Some(*level),
                _ => None,
            })
            .min()
            .unwrap_or(1);
        w.top_heading = top;
        for b in &blocks {
            w.block(b);
        }
    }
    let date = doc
        .approved_on
        .map(|d| format!("{}T00:00:00Z", d.format("%Y-%m-%d")))
        .unwrap_or_else(|| "2000-01-01T00:00:00Z".into());
    let mut docx = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN + 280)
                .bottom(MARGIN + 280)
                .left(MARGIN)
                .right(MARGIN)
                .header(MARGIN / 2 + 140)
                .footer(MARGIN / 2 + 140),
        )
        .default_fonts(fonts(FONT))
        .default_size(21)
        .default_line_spacing(LineSpacing::new().after(120).line(264))
        .created_at(&date)
        .updated_at(&date)
        .header(header(doc))
        .footer(footer());
    for s in styles() {
        docx = docx.add_style(s);
    }
    docx = docx
        .add_abstract_numbering(levels(BULLETS, false))
        .add_abstract_numbering(levels(DECIMAL, true))
        .add_numbering(Numbering::new(BULLETS, BULLETS));
    for (id, start) in &w.numbered {
        docx = docx.add_numbering(
            Numbering::new(*id, DECIMAL).add_override(LevelOverride::new(0).start(*start)),
        );
    }
    for item in w.body {
        docx = match item {
            Item::P(p) => docx.add_paragraph(*p),
            Item::T(t) => docx.add_table(*t),
        };
    }
    let mut out = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut out)
        .map_err(|e| DossierError::Docx(e.to_string()))?;
    Ok(out.into_inner())
}

fn fonts(name: &str) -> RunFonts {
    RunFonts::new()
        .ascii(name)
        .hi_ansi(name)
        .cs(name)
        .east_asia(name)
}

/// Title, Subtitle, Heading1–3, Code and Quote.
fn styles() -> Vec<Style> {
    let heading = |n: usize, size: usize, before: u32| {
        Style::new(format!("Heading{n}"), StyleType::Paragraph)
            .name(format!("heading {n}"))
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(size)
            .color(ACCENT)
            .outline_lvl(n - 1)
            .line_spacing(LineSpacing::new().before(before).after(100))
    };
    vec![
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .q_format(true),
        Style::new("Title", StyleType::Paragraph)
            .name("Title")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .bold()
            .size(40)
            .color(ACCENT)
            .line_spacing(LineSpacing::new().after(80)),
        Style::new("Subtitle", StyleType::Paragraph)
            .name("Subtitle")
            .based_on("Normal")
            .next("Normal")
            .q_format(true)
            .size(22)
            .color(MUTED)
            .line_spacing(LineSpacing::new().after(240)),
        heading(1, 30, 360),
        heading(2, 25, 280),
        heading(3, 22, 220),
        Style::new("Code", StyleType::Paragraph)
            .name("Code")
            .based_on("Normal")
            .fonts(fonts(MONO))
            .size(18)
            .line_spacing(LineSpacing::new().after(0)),
        Style::new("Quote", StyleType::Paragraph)
            .name("Quote")
            .based_on("Normal")
            .italic()
            .color("444444")
            .indent(Some(567), None, Some(567), None),
    ]
}

/// Three list levels per definition, indented 0.63 cm each with a hanging marker.
fn levels(id: usize, decimal: bool) -> AbstractNumbering {
    let mut a = AbstractNumbering::new(id);
    for l in 0..=MAX_DEPTH {
        let (format, text) = if decimal {
            let fmt = match l % 3 {
                0 => "decimal",
                1 => "lowerLetter",
                _ => "lowerRoman",
            };
            (fmt, format!("%{}.", l + 1))
        } else {
            let bullet = ["•", "◦", "▪"][l % 3];
            ("bullet", bullet.to_owned())
        };
        let indent = 360 + 360 * l as i32;
        a = a.add_level(
            Level::new(
                l,
                Start::new(1),
                NumberFormat::new(format),
                LevelText::new(text),
                LevelJc::new("left"),
            )
            .indent(
                Some(indent),
                Some(SpecialIndentType::Hanging(360)),
                None,
                None,
            ),
        );
    }
    a
}

/// "Firm · DOC-ID · Version 1.2" at the top right of every page.
fn header(doc: &ApprovedDocument) -> Header {
    let text = format!(
        "{}  ·  {}  ·  Version {}",
        doc.firm.trim(),
        doc.key,
        doc.version
    );
    Header::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Right)
            .add_run(Run::new().add_text(text).size(16).color(MUTED)),
    )
}

/// "Page X of Y" centred at the foot of every page, as PAGE and NUMPAGES fields.
fn footer() -> Footer {
    let muted = |t: &str| Run::new().add_text(t).size(16).color(MUTED);
    Footer::new().add_paragraph(
        Paragraph::new()
            .align(AlignmentType::Center)
            .add_run(muted("Page "))
            .add_page_num(PageNum::new())
            .add_run(muted(" of "))
            .add_num_pages(NumPages::new()),
    )
}

/// Body content in order (docx-rs takes paragraphs and tables separately).
enum Item {
    P(Box<Paragraph>),
    T(Box<Table>),
}

#[derive(Default)]
struct Writer {
    body: Vec<Item>,
    /// Numbered lists written: (numbering id, first number).
    numbered: Vec<(usize, usize)>,
    /// The Markdown level printed as Heading1.
    top_heading: u8,
}

impl Writer {
    fn push(&mut self, p: Paragraph) {
        self.body.push(Item::P(Box::new(p)));
    }

    fn title(&mut self, doc: &ApprovedDocument) {
        self.push(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(doc.title.as_str())),
        );
        self.push(
            Paragraph::new()
                .style("Subtitle")
                .add_run(Run::new().add_text(format!(
                    "{}  ·  {}  ·  Version {}",
                    doc.firm.trim(),
                    doc.key,
                    doc.version
                ))),
        );
    }

    /// The document-control block: a two-column table, labels shaded.
    fn control(&mut self, doc: &ApprovedDocument) {
        let label_w = 2_300;
        let rows = doc
            .control
            .iter()
            .map(|(k, v)| {
                TableRow::new(vec![
                    TableCell::new()
                        .width(label_w, WidthType::Dxa)
                        .shading(Shading::new().fill(HEADER_FILL))
                        .add_paragraph(cell_para().add_run(Run::new().add_text(k.as_str()).bold())),
                    TableCell::new()
                        .width(TEXT_W - label_w, WidthType::Dxa)
                        .add_paragraph(cell_para().add_run(Run::new().add_text(v.as_str()))),
                ])
                .cant_split()
            })
            .collect();
        self.body.push(Item::T(Box::new(
            Table::new(rows)
                .set_grid(vec![label_w, TEXT_W - label_w])
                .width(TEXT_W, WidthType::Dxa),
        )));
        self.push(Paragraph::new());
    }

    fn block(&mut self, b: &MdBlock) {
        match b {
            MdBlock::Heading { level, runs } => {
                let n = (level.saturating_sub(self.top_heading) + 1).min(3);
                self.push(inline(
                    Paragraph::new()
                        .style(&format!("Heading{n}"))
                        .keep_next(true),
                    runs,
                ));
            }
            MdBlock::Paragraph { runs } => self.push(inline(Paragraph::new(), runs)),
            MdBlock::List { start, items } => self.list(*start, items, 0),
            MdBlock::Table { header, rows } => self.table(header, rows),
            MdBlock::Code { text } => {
                for line in text.lines() {
                    self.push(
                        Paragraph::new()
                            .style("Code")
                            .add_run(Run::new().add_text(line)),
                    );
                }
            }
            MdBlock::Quote { blocks } => {
                for b in blocks {
                    for p in flat(b) {
                        self.push(inline(Paragraph::new().style("Quote"), &p));
                    }
                }
            }
            MdBlock::Rule => self.push(Paragraph::new()),
        }
    }

    fn list(&mut self, start: Option<u64>, items: &[Vec<MdBlock>], depth: usize) {
        let num = match start {
            None => BULLETS,
            Some(s) => {
                let id = FIRST_NUMBERED + self.numbered.len();
                self.numbered
                    .push((id, usize::try_from(s).unwrap_or(1).max(1)));
                id
            }
        };
        let level = depth.min(MAX_DEPTH);
        for item in items {
            let mut first = true;
            for b in item {
                if let MdBlock::List { start, items } = b {
                    self.list(*start, items, depth + 1);
                    continue;
                }
                for runs in flat(b) {
                    let p = if first {
                        Paragraph::new().numbering(NumberingId::new(num), IndentLevel::new(level))
                    } else {
                        // A further paragraph of the same item: aligned with its text.
                        Paragraph::new().indent(
                            Some(360 + 360 * level as i32 + 360),
                            None,
                            None,
                            None,
                        )
                    };
                    first = false;
                    self.push(inline(p.line_spacing(LineSpacing::new().after(60)), &runs));
                }
            }
        }
    }

    fn table(&mut self, header: &[Vec<MdRun>], rows: &[Vec<Vec<MdRun>>]) {
        let ncols = header
            .len()
            .max(rows.iter().map(Vec::len).max().unwrap_or(0));
        if ncols == 0 {
            return;
        }
        let grid = column_widths(header, rows, ncols);
        let row = |cells: &[Vec<MdRun>], head: bool| {
            let cells = (0..ncols)
                .map(|i| {
                    let runs = cells.get(i).map(Vec::as_slice).unwrap_or_default();
                    let mut c = TableCell::new().width(grid[i], WidthType::Dxa);
                    if head {
                        c = c.shading(Shading::new().fill(HEADER_FILL));
                    }
                    // The header row stays with the first body row (no header alone at
                    // the foot of a page).
                    let p = if head {
                        inline_bold(cell_para().keep_next(true), runs)
                    } else {
                        inline(cell_para(), runs)
                    };
                    c.add_paragraph(p)
                })
                .collect();
            TableRow::new(cells).cant_split()
        };
        let mut trs = vec![row(header, true)];
        trs.extend(rows.iter().map(|r| row(r, false)));
        self.body.push(Item::T(Box::new(
            Table::new(trs).set_grid(grid).width(TEXT_W, WidthType::Dxa),
        )));
        self.push(Paragraph::new().line_spacing(LineSpacing::new().after(0)));
    }
}

/// Column widths in twips: each column at least as wide as its longest word (when the page
/// allows), the rest shared by the length of its longest text (bounded), like the dossier.
fn column_widths(header: &[Vec<MdRun>], rows: &[Vec<Vec<MdRun>>], ncols: usize) -> Vec<usize> {
    /// Twips per character of 10.5 pt text (a little over the average width), and the
    /// cell's left and right padding.
    const CHAR_W: usize = 115;
    const PAD: usize = 230;
    let mut longest = vec![4usize; ncols];
    let mut word = vec![1usize; ncols];
    for row in std::iter::once(header).chain(rows.iter().map(Vec::as_slice)) {
        for (i, c) in row.iter().enumerate().take(ncols) {
            let text = md::runs_text(c);
            longest[i] = longest[i].max(text.chars().count().clamp(4, 60));
            let w = text.split_whitespace().map(|w| w.chars().count()).max();
            word[i] = word[i].max(w.unwrap_or(0).min(30));
        }
    }
    let mut min: Vec<usize> = word.iter().map(|w| w * CHAR_W + PAD).collect();
    let min_total: usize = min.iter().sum();
    if min_total > TEXT_W {
        return min.iter().map(|m| TEXT_W * m / min_total).collect();
    }
    let spare = TEXT_W - min_total;
    let total: usize = longest.iter().sum();
    for (m, l) in min.iter_mut().zip(&longest) {
        *m += spare * l / total;
    }
    min
}

/// A table cell paragraph: no space after.
fn cell_para() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().after(0).before(0))
}

/// The runs of a block that only takes inline text (list items, quotes): one run list per
/// paragraph; a nested table or list is left to the caller.
fn flat(b: &MdBlock) -> Vec<Vec<MdRun>> {
    match b {
        MdBlock::Heading { runs, .. } | MdBlock::Paragraph { runs } => vec![runs.clone()],
        MdBlock::Code { text } => vec![vec![MdRun {
            text: text.clone(),
            bold: false,
            italic: false,
            code: true,
            strike: false,
            link: None,
            placeholder: false,
        }]],
        MdBlock::Quote { blocks } => blocks.iter().flat_map(flat).collect(),
        MdBlock::Table { header, rows } => std::iter::once(header)
            .chain(rows.iter())
            .map(|r| {
                let text: Vec<String> = r.iter().map(|c| md::runs_text(c)).collect();
                vec![plain(&text.join(" | "))]
            })
            .collect(),
        MdBlock::List { .. } | MdBlock::Rule => Vec::new(),
    }
}

fn plain(text: &str) -> MdRun {
    MdRun {
        text: text.to_owned(),
        bold: false,
        italic: false,
        code: false,
        strike: false,
        link: None,
        placeholder: false,
    }
}

/// `p` with the runs, bold throughout (table header cells).
fn inline_bold(p: Paragraph, runs: &[MdRun]) -> Paragraph {
    let bold: Vec<MdRun> = runs
        .iter()
        .map(|r| MdRun {
            bold: true,
            ..r.clone()
        })
        .collect();
    inline(p, &bold)
}

/// `p` with the runs: bold, italic, struck, code in the monospaced font, placeholders
/// highlighted, links clickable, hard line breaks kept.
fn inline(mut p: Paragraph, runs: &[MdRun]) -> Paragraph {
    for r in runs {
        if r.text == "\n" {
            p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
            continue;
        }
        let mut run = Run::new().add_text(r.text.as_str());
        if r.bold {
            run = run.bold();
        }
        if r.italic || r.placeholder {
            run = run.italic();
        }
        if r.strike {
            run = run.strike();
        }
        if r.code {
            run = run.fonts(fonts(MONO));
        }
        if r.placeholder {
            run = run.highlight("yellow");
        }
        p = match r.link.as_deref() {
            Some(url) if !url.starts_with('#') => p.add_hyperlink(
                Hyperlink::new(url, HyperlinkType::External)
                    .add_run(run.color("1155CC").underline("single")),
            ),
            _ => p.add_run(run),
        };
    }
    p
}
