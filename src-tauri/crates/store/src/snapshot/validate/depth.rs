//! Pass 1: the nesting depth of the raw bytes, checked before any parser recursion.

use crate::snapshot::import::ImportError;

/// Refuses input nested deeper than `max_depth` (arrays and objects), scanning bytes only.
/// The problem is about the whole file (empty path).
pub(crate) fn check_depth(bytes: &[u8], max_depth: usize) -> Result<(), ImportError> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut escaped = false;
    for &b in bytes {
        if in_str {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_str = false;
            }
            continue;
        }
        match b {
            b'"' => in_str = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    return Err(ImportError {
                        path: String::new(),
                        message: format!(
                            "the file is nested more than {max_depth} levels deep; \
                             it is not a Ready20k project"
                        ),
                    });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}
