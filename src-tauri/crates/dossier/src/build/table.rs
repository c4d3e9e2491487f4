//! A declarative table: one row per item, columns with a header, a relative width and a cell
//! function; one expression builds the table block.
//!
//! ```ignore
//! rows(&d.parties)
//!     .col("Interested party", 1.6, |ip| Cell::text(ip.name.trim()))
//!     .col("Needs and expectations", 4.4, |ip| Cell::text(or_dash(&ip.requirements)))
//!     .caption("Interested parties and their requirements (clause 4.2)")
//! ```

use crate::model::{Block, Cell, Column, Table};

/// A cell function: the cell of one column for one item.
type CellFn<'a, T> = Box<dyn Fn(&T) -> Cell + 'a>;

/// A table under construction: its items, then its columns (see [`rows`]).
pub struct Rows<'a, T> {
    items: Vec<T>,
    columns: Vec<(Column, CellFn<'a, T>)>,
    compact: bool,
}

/// A table with one row per item, in order; add columns with [`Rows::col`] and
/// [`Rows::centered`], finish with [`Rows::caption`].
pub fn rows<'a, T>(items: impl IntoIterator<Item = T>) -> Rows<'a, T> {
    Rows {
        items: items.into_iter().collect(),
        columns: Vec::new(),
        compact: false,
    }
}

impl<'a, T> Rows<'a, T> {
    /// A left-aligned column.
    pub fn col(
        self,
        header: impl Into<String>,
        width: f32,
        cell: impl Fn(&T) -> Cell + 'a,
    ) -> Self {
        self.column(Column::new(header, width), cell)
    }

    /// A centred column (short codes and statuses).
    pub fn centered(
        self,
        header: impl Into<String>,
        width: f32,
        cell: impl Fn(&T) -> Cell + 'a,
    ) -> Self {
        self.column(Column::centered(header, width), cell)
    }

    fn column(mut self, column: Column, cell: impl Fn(&T) -> Cell + 'a) -> Self {
        self.columns.push((column, Box::new(cell)));
        self
    }

    /// Smaller body text (wide tables).
    pub fn compact(mut self) -> Self {
        self.compact = true;
        self
    }

    /// The table block, with its caption (printed under the table).
    pub fn caption(self, caption: impl Into<String>) -> Block {
        let rows = self
            .items
            .iter()
            .map(|item| self.columns.iter().map(|(_, cell)| cell(item)).collect())
            .collect();
        Block::Table(Table {
            columns: self.columns.into_iter().map(|(c, _)| c).collect(),
            rows,
            caption: Some(caption.into()),
            compact: self.compact,
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn no_items_give_a_table_without_rows() {
        let b = rows(Vec::<u8>::new())
            .col("A", 1.0, |_| Cell::text("x"))
            .caption("None");
        let Block::Table(t) = b else {
            panic!("not a table");
        };
        assert!(t.rows.is_empty() && !t.compact);
        assert_eq!(t.columns.len(), 1);
    }

    #[test]
    fn one_row_per_item_and_one_cell_per_column() {
        let b = rows([3, 1, 2])
            .col("Number", 1.0, |n| Cell::text(n.to_string()))
            .centered("Double", 2.0, |n| Cell::text((n * 2).to_string()))
            .compact()
            .caption("Numbers");
        let Block::Table(t) = b else {
            panic!("not a table");
        };
        assert_eq!(t.caption.as_deref(), Some("Numbers"));
        assert!(t.compact);
        assert_eq!(
            t.columns,
            vec![Column::new("Number", 1.0), Column::centered("Double", 2.0)]
        );
        let text: Vec<Vec<String>> = t
            .rows
            .iter()
            .map(|r| r.iter().map(|c| c.content.text()).collect())
            .collect();
        assert_eq!(text, vec![vec!["3", "6"], vec!["1", "2"], vec!["2", "4"]]);
    }
}
