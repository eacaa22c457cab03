//! hacc's temp files: `.<name>.hacc-tmp` beside the file they will replace, and the removal of
//! those an interrupted apply left behind.

use super::{DeployDir, Handle, STATE_DIR, os};
use crate::state::Error;
use crate::state::file_kind::{is_regular, kind_name, not_regular_in_dir};
use rustix::fs::AtFlags;
use rustix::io::Errno;

/// What a temp file's name ends with.
const TEMP_SUFFIX: &str = ".hacc-tmp";

impl DeployDir {
    /// Removes the temp files a crashed write left beside each of `paths` and in `.hacc/`:
    /// only hacc's own temp names, and only regular files; a link or a special file at such a
    /// name is refused, as a write would need the name.
    pub fn remove_leftover_temps<'p>(
        &self,
        paths: impl IntoIterator<Item = &'p str>,
    ) -> Result<(), Error> {
        for rel in paths {
            if let Some((dir, name)) = self.parent_of(rel, None)? {
                let temp = temp_name(name);
                self.remove_leftover(&dir, &temp, &sibling(rel, &temp))?;
            }
        }
        let Some(state) = self.subdir(STATE_DIR)? else {
            return Ok(());
        };
        let mut entries =
            rustix::fs::Dir::read_from(&state).map_err(os("list", &self.shown(STATE_DIR)))?;
        let mut temps = Vec::new();
        while let Some(entry) = entries.read() {
            let entry = entry.map_err(os("list", &self.shown(STATE_DIR)))?;
            let name = entry.file_name().to_string_lossy();
            if name.starts_with('.')
                && name.ends_with(TEMP_SUFFIX)
                && name.len() > 1 + TEMP_SUFFIX.len()
            {
                temps.push(name.into_owned());
            }
        }
        for temp in temps {
            self.remove_leftover(&state, &temp, &format!("{STATE_DIR}/{temp}"))?;
        }
        Ok(())
    }

    /// Removes the temp file `temp` in `dir` when it is a regular file; refuses anything else.
    pub(super) fn remove_leftover(
        &self,
        dir: &Handle,
        temp: &str,
        temp_rel: &str,
    ) -> Result<(), Error> {
        let shown = self.shown(temp_rel);
        match rustix::fs::statat(dir, temp, AtFlags::SYMLINK_NOFOLLOW) {
            Ok(stat) if is_regular(&stat) => {
                rustix::fs::unlinkat(dir, temp, AtFlags::empty()).map_err(os("delete", &shown))?;
                rustix::fs::fsync(dir).map_err(os("flush the directory of", &shown))
            }
            Ok(stat) => Err(not_regular_in_dir(&shown, kind_name(&stat))),
            Err(Errno::NOENT) => Ok(()),
            Err(e) => Err(os("inspect", &shown)(e)),
        }
    }
}

/// The temp file's name for a file called `name`.
pub(super) fn temp_name(name: &str) -> String {
    format!(".{name}{TEMP_SUFFIX}")
}

/// `name` in the directory of `rel`.
pub(super) fn sibling(rel: &str, name: &str) -> String {
    match rel.rsplit_once('/') {
        Some((dir, _)) => format!("{dir}/{name}"),
        None => name.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use crate::state::DeployDir;
    use std::os::unix::fs::symlink;

    #[test]
    fn leftover_temps_are_removed_but_never_followed() {
        let root = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let victim = outside.path().join("victim");
        std::fs::write(&victim, "keep").unwrap();
        let dir = DeployDir::open(root.path()).unwrap().unwrap();
        dir.write_atomic(".hacc/manifest.json", b"{}", 0o644)
            .unwrap();
        std::fs::write(root.path().join(".cib.crm.hacc-tmp"), "cut short").unwrap();
        std::fs::write(root.path().join(".hacc/.manifest.json.hacc-tmp"), "cut").unwrap();
        std::fs::write(root.path().join(".notes.hacc-tmp"), "not hacc's").unwrap();
        dir.remove_leftover_temps(["cib.crm"]).unwrap();
        assert!(!root.path().join(".cib.crm.hacc-tmp").exists());
        assert!(!root.path().join(".hacc/.manifest.json.hacc-tmp").exists());
        assert!(
            root.path().join(".notes.hacc-tmp").exists(),
            "no temp of a known path"
        );

        symlink(&victim, root.path().join(".cib.crm.hacc-tmp")).unwrap();
        let refusal = dir.remove_leftover_temps(["cib.crm"]).unwrap_err();
        assert!(
            refusal.to_string().contains("is a symbolic link"),
            "{refusal}"
        );
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "keep");
    }
}
