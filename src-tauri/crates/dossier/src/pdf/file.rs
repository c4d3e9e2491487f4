//! The PDF file itself: numbered objects written straight into one buffer, deflated
//! streams, the cross-reference table and a trailer whose /ID is a hash of the file.
//!
//! Also the byte-level spelling of PDF values (numbers, names, strings) that the page
//! content and the document objects share.

use std::io::Write;

use sha2::{Digest, Sha256};

use crate::DossierError;

/// zlib level of the streams: the default level writes files within a few percent of the
/// slowest level's size at a fraction of the time.
const ZLIB_LEVEL: u32 = 6;

/// Streams shorter than this are stored as they are (deflate would not pay).
const MIN_DEFLATE: usize = 64;

/// A PDF file being written: objects go into the buffer as they are finished.
pub(crate) struct File {
    out: Vec<u8>,
    /// Byte offset of each object by number (index 0 is the free-list head).
    offsets: Vec<Option<usize>>,
}

impl File {
    /// A file with the PDF 1.7 header and a binary comment.
    pub fn new(capacity: usize) -> Self {
        let mut out = Vec::with_capacity(capacity);
        out.extend_from_slice(b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n");
        Self {
            out,
            offsets: vec![None],
        }
    }

    /// Reserve the next object number.
    pub fn alloc(&mut self) -> u32 {
        self.offsets.push(None);
        u32::try_from(self.offsets.len() - 1).unwrap_or(u32::MAX)
    }

    /// Write object `id` whose body is `body` (a dictionary, array or other value).
    pub fn object(&mut self, id: u32, body: &[u8]) {
        self.begin(id);
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendobj\n");
    }

    /// Write stream object `id`: `dict` holds the entries besides /Length and /Filter
    /// (without the `<<` `>>`). The data is deflated unless that would not make it smaller.
    pub fn stream(&mut self, id: u32, dict: &[u8], data: &[u8]) -> Result<(), DossierError> {
        let packed = deflate(data)?;
        self.stream_packed(id, dict, data, packed);
        Ok(())
    }

    /// Write stream object `id` from `data` and, when it paid, its deflated form.
    pub fn stream_packed(&mut self, id: u32, dict: &[u8], data: &[u8], packed: Option<Vec<u8>>) {
        self.begin(id);
        self.out.extend_from_slice(b"<<");
        self.out.extend_from_slice(dict);
        let body = match &packed {
            Some(p) => {
                self.out.extend_from_slice(b"/Filter/FlateDecode");
                p.as_slice()
            }
            None => data,
        };
        let _ = write!(self.out, "/Length {}>>\nstream\n", body.len());
        self.out.extend_from_slice(body);
        self.out.extend_from_slice(b"\nendstream\nendobj\n");
    }

    fn begin(&mut self, id: u32) {
        if let Some(slot) = self.offsets.get_mut(id as usize) {
            *slot = Some(self.out.len());
        }
        let _ = writeln!(self.out, "{id} 0 obj");
    }

    /// The cross-reference table and trailer; the /ID is the first 16 bytes of the
    /// SHA-256 of the file up to the trailer (same file, same /ID).
    pub fn finish(mut self, root: u32, info: u32) -> Result<Vec<u8>, DossierError> {
        let xref = self.out.len();
        let n = self.offsets.len();
        let _ = write!(self.out, "xref\n0 {n}\n0000000000 65535 f \n");
        for (id, off) in self.offsets.iter().enumerate().skip(1) {
            let off = off.ok_or_else(|| DossierError::Pdf(format!("object {id} not written")))?;
            let _ = writeln!(self.out, "{off:010} 00000 n ");
        }
        let digest = Sha256::digest(&self.out);
        let mut id = Vec::with_capacity(34);
        hex_bytes(&mut id, &digest[..16]);
        let _ = write!(
            self.out,
            "trailer\n<</Size {n}/Root {root} 0 R/Info {info} 0 R/ID[<"
        );
        self.out.extend_from_slice(&id);
        self.out.extend_from_slice(b"><");
        self.out.extend_from_slice(&id);
        let _ = write!(self.out, ">]>>\nstartxref\n{xref}\n%%EOF\n");
        Ok(self.out)
    }
}

/// `data` deflated, or `None` when that would not make it smaller.
pub(crate) fn deflate(data: &[u8]) -> Result<Option<Vec<u8>>, DossierError> {
    if data.len() < MIN_DEFLATE {
        return Ok(None);
    }
    let mut enc = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(data.len() / 3),
        flate2::Compression::new(ZLIB_LEVEL),
    );
    let err = |e: std::io::Error| DossierError::Pdf(e.to_string());
    enc.write_all(data).map_err(err)?;
    let packed = enc.finish().map_err(err)?;
    Ok((packed.len() + 19 < data.len()).then_some(packed))
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Append `bytes` as uppercase hex digits.
pub(crate) fn hex_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    for b in bytes {
        out.push(HEX[usize::from(b >> 4)]);
        out.push(HEX[usize::from(b & 15)]);
    }
}

/// Append a two-byte code as four hex digits.
pub(crate) fn hex_u16(out: &mut Vec<u8>, v: u16) {
    hex_bytes(out, &v.to_be_bytes());
}

/// Append a number the way PDF readers expect it: the shortest decimal that reads back
/// as the same `f32` (no exponent for the magnitudes of a page).
pub(crate) fn num(out: &mut Vec<u8>, v: f32) {
    if v == v.trunc() && v.abs() < 1e9 {
        let _ = write!(out, "{}", v as i64);
    } else {
        let _ = write!(out, "{v}");
    }
}

/// Append a name (`/Name`), escaping what a name may not hold as `#xx`.
pub(crate) fn name(out: &mut Vec<u8>, s: &str) {
    out.push(b'/');
    for &b in s.as_bytes() {
        let plain = (0x21..=0x7E).contains(&b) && !b"#()<>[]{}/%".contains(&b);
        if plain {
            out.push(b);
        } else {
            out.push(b'#');
            hex_bytes(out, &[b]);
        }
    }
}

/// Append a text string: ASCII as a literal `( )` string, anything else as UTF-16BE hex
/// with a byte-order mark.
pub(crate) fn text(out: &mut Vec<u8>, s: &str) {
    if s.is_ascii() {
        out.push(b'(');
        for &b in s.as_bytes() {
            match b {
                b'(' | b')' | b'\\' => {
                    out.push(b'\\');
                    out.push(b);
                }
                b'\n' => out.extend_from_slice(b"\\n"),
                b'\r' => out.extend_from_slice(b"\\r"),
                _ => out.push(b),
            }
        }
        out.push(b')');
    } else {
        out.extend_from_slice(b"<FEFF");
        for u in s.encode_utf16() {
            hex_u16(out, u);
        }
        out.push(b'>');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spelled(f: impl FnOnce(&mut Vec<u8>)) -> String {
        let mut v = Vec::new();
        f(&mut v);
        String::from_utf8(v).unwrap_or_default()
    }

    #[test]
    fn values_are_spelled_as_pdf_expects() {
        assert_eq!(spelled(|o| num(o, 62.0)), "62");
        assert_eq!(spelled(|o| num(o, -0.5)), "-0.5");
        assert_eq!(spelled(|o| num(o, 750.97003)), "750.97003");
        assert_eq!(spelled(|o| name(o, "sec 4.2#(a)")), "/sec#204.2#23#28a#29");
        assert_eq!(spelled(|o| text(o, "a (b) \\")), "(a \\(b\\) \\\\)");
        assert_eq!(spelled(|o| text(o, "é")), "<FEFF00E9>");
    }

    #[test]
    fn the_file_has_a_cross_reference_for_every_object() {
        let mut f = File::new(0);
        let a = f.alloc();
        let b = f.alloc();
        f.object(b, b"<</Type/Catalog>>");
        f.object(a, b"<<>>");
        let out = String::from_utf8_lossy(&f.finish(b, a).unwrap()).into_owned();
        assert!(out.starts_with("%PDF-1.7"));
        assert!(out.contains("xref\n0 3\n"));
        assert!(out.contains("/Root 2 0 R/Info 1 0 R/ID[<"));
        let mut g = File::new(0);
        g.alloc();
        assert!(g.finish(1, 1).is_err(), "an unwritten object is an error");
    }
}
