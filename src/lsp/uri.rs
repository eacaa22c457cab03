//! What a document's URI says about its file: for a `file:` URI, the directory it is in, where
//! `hacc check` looks for the files a spec copies.

use lsp_types::Uri;
use std::path::PathBuf;

/// The directory of a `file:` URI's file; `None` for other schemes (an unsaved buffer).
pub(super) fn spec_dir(uri: &Uri) -> Option<PathBuf> {
    use std::os::unix::ffi::OsStringExt;
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///path`, or `file://localhost/path`.
    let path = &rest[rest.find('/')?..];
    let file = PathBuf::from(std::ffi::OsString::from_vec(decoded(without_suffixes(
        path,
    ))?));
    Some(file.parent()?.to_path_buf())
}

fn without_suffixes(text: &str) -> &str {
    text.split(['?', '#']).next().unwrap_or(text)
}

/// `%XX` escapes as the bytes they stand for; `None` for a broken escape.
fn decoded(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::spec_dir;
    use std::path::Path;

    fn uri(text: &str) -> lsp_types::Uri {
        text.parse().unwrap()
    }

    #[test]
    fn file_uris_give_their_directory() {
        let spaced = uri("file:///home/me/my%20specs/c%C3%A9.kdl");
        assert_eq!(spec_dir(&spaced).unwrap(), Path::new("/home/me/my specs"));
        let local = uri("file://localhost/srv/cluster.kdl");
        assert_eq!(spec_dir(&local).unwrap(), Path::new("/srv"));
        assert_eq!(spec_dir(&uri("untitled:Untitled-1")), None);
    }
}
