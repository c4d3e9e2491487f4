//! The nested outline (bookmarks) from the layout's flat, depth-annotated entries.

use std::io::Write;

use super::file::{File, num, text};
use crate::layout::OutlineEntry;

/// A `/XYZ` destination: the page, scrolled so that `top` is at the top of the window.
pub(crate) fn dest(out: &mut Vec<u8>, page: u32, top: f32) {
    let _ = write!(out, "[{page} 0 R/XYZ 0 ");
    num(out, top);
    out.extend_from_slice(b" null]");
}

/// Write the outline root `root` and its entries; `pages` are the page objects and
/// `heights` the page heights. Top-level chapters are open, deeper levels closed.
pub(crate) fn write(
    file: &mut File,
    root: u32,
    entries: &[OutlineEntry],
    pages: &[u32],
    heights: &[f32],
) {
    let ids: Vec<u32> = entries.iter().map(|_| file.alloc()).collect();
    // Parent of each entry: nearest earlier entry with a smaller depth.
    let mut parent: Vec<Option<usize>> = Vec::with_capacity(entries.len());
    let mut kids: Vec<Vec<usize>> = vec![Vec::new(); entries.len()];
    let mut top: Vec<usize> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        while stack.last().is_some_and(|&j| entries[j].depth >= e.depth) {
            stack.pop();
        }
        let p = stack.last().copied();
        match p {
            Some(p) => kids[p].push(i),
            None => top.push(i),
        }
        parent.push(p);
        stack.push(i);
    }
    let siblings = |i: usize| -> &[usize] { parent[i].map_or(&top, |p| &kids[p]) };
    let mut b = Vec::with_capacity(256);
    for (i, e) in entries.iter().enumerate() {
        b.clear();
        b.extend_from_slice(b"<</Title");
        text(&mut b, &e.title);
        let _ = write!(b, "/Parent {} 0 R", parent[i].map_or(root, |p| ids[p]));
        let sibs = siblings(i);
        let at = sibs.iter().position(|&s| s == i).unwrap_or(0);
        if at > 0 {
            let _ = write!(b, "/Prev {} 0 R", ids[sibs[at - 1]]);
        }
        if let Some(&n) = sibs.get(at + 1) {
            let _ = write!(b, "/Next {} 0 R", ids[n]);
        }
        if let (Some(&f), Some(&l)) = (kids[i].first(), kids[i].last()) {
            let count = kids[i].len() as i64;
            let count = if e.depth == 0 { count } else { -count };
            let _ = write!(b, "/First {} 0 R/Last {} 0 R/Count {count}", ids[f], ids[l]);
        }
        let page = pages.get(e.page).copied().unwrap_or(0);
        let h = heights.get(e.page).copied().unwrap_or(0.0);
        b.extend_from_slice(b"/Dest");
        dest(&mut b, page, h - e.y + 6.0);
        b.extend_from_slice(b">>");
        file.object(ids[i], &b);
    }
    // Visible entries: top level plus the children of open (depth 0) entries.
    let visible = top.len() + top.iter().map(|&i| kids[i].len()).sum::<usize>();
    b.clear();
    b.extend_from_slice(b"<</Type/Outlines");
    if let (Some(&f), Some(&l)) = (top.first(), top.last()) {
        let _ = write!(b, "/First {} 0 R/Last {} 0 R", ids[f], ids[l]);
    }
    let _ = write!(b, "/Count {visible}>>");
    file.object(root, &b);
}
