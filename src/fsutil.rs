//! Writing files so that a reader never sees a partial one.

use std::io::Write;
use std::path::Path;

use crate::interrupt;

/// Writes `bytes` to `path` through a temporary file in the same directory and a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    interrupt::watch();
    let created = {
        let mut held = interrupt::lock();
        // A fresh file: a link left at the temporary name is not followed.
        let _ = std::fs::remove_file(&tmp);
        let created = std::fs::File::create_new(&tmp);
        if created.is_ok() {
            interrupt::register(&mut held, &tmp);
        }
        created
    };
    let result = created.and_then(|mut file| {
        file.write_all(bytes)?;
        file.sync_all()
    });
    let mut held = interrupt::lock();
    let result = result.and_then(|()| std::fs::rename(&tmp, path));
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    interrupt::forget(&mut held, &tmp);
    result
}
