//! Writing a spec's documents: the folder is built beside its final place and swapped in whole,
//! so a reader sees all old files or all new ones, never a mix or a partial file.

use std::ffi::CString;
use std::io::Write;
use std::os::unix::ffi::OsStrExt;
use std::path::{Path, PathBuf};

use crate::interrupt;

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

/// The start of the name of every temporary folder a build makes in `--out`; the rest is
/// `<pid>-<spec>`, so a later build knows whose it was.
pub const TEMP_PREFIX: &str = ".svcspec-tmp-";

/// Checks that `out` can hold the build: it is a folder (made if missing), not a link to one
/// elsewhere, and stale temporary folders of interrupted builds are swept out of it.
pub fn prepare(out: &Path) -> Result<(), OutputError> {
    if let Ok(meta) = std::fs::symlink_metadata(out) {
        if meta.file_type().is_symlink() {
            return Err(OutputError(format!(
                "`{}` is a symbolic link: refusing to write through it; name the folder it points to",
                out.display()
            )));
        }
        if !meta.is_dir() {
            return Err(OutputError(format!(
                "`{}` exists and is not a folder",
                out.display()
            )));
        }
    }
    std::fs::create_dir_all(out)
        .map_err(|e| OutputError(format!("cannot create `{}`: {e}", out.display())))?;
    sweep(out);
    Ok(())
}

/// Writes `files` as `out/name/`, replacing an earlier folder of that name as a whole.
///
/// The files are written into a fresh dot-named folder in `out` and swapped in with one
/// rename, so each spec's folder is all old or all new. A link (or a file) in the place of the
/// folder is refused, never followed: nothing is written outside `out`.
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
    let target = out.join(name);
    let refuse_link = |target: &Path| match std::fs::symlink_metadata(target) {
        Ok(meta) if !meta.is_dir() => Err(OutputError(format!(
            "`{}` exists and is not a folder (a link or a file): refusing to replace it",
            target.display()
        ))),
        _ => Ok(()),
    };
    refuse_link(&target)?;
    interrupt::watch();
    let tmp = out.join(format!("{TEMP_PREFIX}{}-{name}", std::process::id()));
    {
        let mut held = interrupt::lock();
        let _ = std::fs::remove_dir_all(&tmp);
        std::fs::create_dir(&tmp)
            .map_err(|e| OutputError(format!("cannot write into `{}`: {e}", out.display())))?;
        interrupt::register(&mut held, &tmp);
    }
    let written = files.iter().try_for_each(|(file, bytes)| {
        let mut f = std::fs::File::create_new(tmp.join(file))?;
        f.write_all(bytes)?;
        f.sync_all()
    });
    let mut held = interrupt::lock();
    let swapped = written
        .map_err(|e| format!("cannot write into `{}`: {e}", out.display()))
        .and_then(|()| {
            // Checked again under the lock, just before the swap.
            refuse_link(&target).map_err(|e| e.0)?;
            let swapped = if target.exists() {
                exchange(&tmp, &target)
            } else {
                std::fs::rename(&tmp, &target)
            };
            swapped
                .map_err(|e| format!("cannot move the new `{}` into place: {e}", target.display()))
        });
    // After an exchange, the temporary name holds the old folder; after a failure, the new one.
    let _ = std::fs::remove_dir_all(&tmp);
    interrupt::forget(&mut held, &tmp);
    swapped.map(|()| target).map_err(OutputError)
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

/// Removes temporary folders that interrupted builds left in `out`: those whose process is
/// gone. A folder of a build still running (into the same `out`) is left to it.
fn sweep(out: &Path) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(TEMP_PREFIX)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<i32>().ok());
        if pid.is_some_and(is_running) {
            continue;
        }
        let path = entry.path();
        // A link of that name is removed itself; what it points to is not touched.
        let _ = if entry.file_type().is_ok_and(|t| t.is_dir()) {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
    }
}

/// Whether a process is running (a zombie or one of another user counts as running).
fn is_running(pid: i32) -> bool {
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 checks that the process exists and sends nothing.
    let rc = unsafe { libc::kill(pid, 0) };
    rc == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
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
