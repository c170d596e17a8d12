//! Writing a spec's documents: the folder is built beside its final place and swapped in whole,
//! so a reader sees all old files or all new ones, never a mix or a partial file.

use std::ffi::CString;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

/// Why a spec's folder cannot be written.
#[derive(Debug)]
pub struct OutputError(pub String);

/// Whether a name can be a folder of its own directly inside `--out`.
pub fn is_safe_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && !name.chars().any(char::is_control)
}

/// Writes `files` as `out/name/`, replacing an earlier folder of that name as a whole.
pub fn write_folder(
    out: &Path,
    name: &str,
    files: &[(String, Vec<u8>)],
) -> Result<PathBuf, OutputError> {
    if !is_safe_name(name) {
        return Err(OutputError(format!(
            "`{name}` cannot be a folder name inside the output folder"
        )));
    }
    std::fs::create_dir_all(out)
        .map_err(|e| OutputError(format!("cannot create `{}`: {e}", out.display())))?;
    sweep(out, name);
    let target = out.join(name);
    if let Ok(meta) = std::fs::symlink_metadata(&target)
        && !meta.is_dir()
    {
        return Err(OutputError(format!(
            "`{}` exists and is not a folder (a link or a file): refusing to replace it",
            target.display()
        )));
    }
    let tmp = out.join(format!(".{name}.tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let written = (|| -> std::io::Result<()> {
        std::fs::create_dir(&tmp)?;
        for (file, bytes) in files {
            let mut f = std::fs::File::create_new(tmp.join(file))?;
            f.write_all(bytes)?;
            f.sync_all()?;
        }
        Ok(())
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(OutputError(format!(
            "cannot write into `{}`: {e}",
            out.display()
        )));
    }
    let swapped = if target.exists() {
        exchange(&tmp, &target)
    } else {
        std::fs::rename(&tmp, &target)
    };
    match swapped {
        Ok(()) => {
            // After an exchange, the temporary name holds the old folder.
            let _ = std::fs::remove_dir_all(&tmp);
            Ok(target)
        }
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(OutputError(format!(
                "cannot move the new `{}` into place: {e}",
                target.display()
            )))
        }
    }
}

/// Swaps two paths atomically (Linux `renameat2` with `RENAME_EXCHANGE`).
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    let ca = CString::new(a.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    let cb = CString::new(b.as_os_str().as_bytes()).map_err(std::io::Error::other)?;
    // SAFETY: both are valid NUL-terminated paths; renameat2 reads them and nothing else.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            ca.as_ptr(),
            libc::AT_FDCWD,
            cb.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Removes temporary folders that an interrupted build of `name` left behind.
fn sweep(out: &Path, name: &str) {
    let prefix = format!(".{name}.tmp-");
    if let Ok(entries) = std::fs::read_dir(out) {
        for entry in entries.flatten() {
            let file_name = entry.file_name();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir && file_name.to_string_lossy().starts_with(&prefix) {
                let _ = std::fs::remove_dir_all(entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A second build replaces the folder whole: files of the first that the second lacks are gone.
    #[test]
    fn replaces_whole_folder() {
        let dir = tempfile::tempdir().unwrap();
        write_folder(
            dir.path(),
            "a",
            &[
                ("x.md".into(), b"1".to_vec()),
                ("old.md".into(), b"o".to_vec()),
            ],
        )
        .unwrap();
        write_folder(dir.path(), "a", &[("x.md".into(), b"2".to_vec())]).unwrap();
        assert_eq!(std::fs::read(dir.path().join("a/x.md")).unwrap(), b"2");
        assert!(!dir.path().join("a/old.md").exists());
        let leftovers: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(leftovers, vec![std::ffi::OsString::from("a")]);
    }

    /// Names that would leave the output folder are refused.
    #[test]
    fn refuses_escaping_names() {
        for bad in ["", ".", "..", "../x", "a/b", ".hidden"] {
            assert!(!is_safe_name(bad), "{bad}");
        }
        assert!(is_safe_name("zhuzhou-elderly"));
    }
}
