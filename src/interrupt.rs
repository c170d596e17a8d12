//! What an interrupted run leaves behind: nothing. Temporary files and folders are registered
//! while they exist; on SIGINT, SIGTERM or SIGHUP a watcher thread removes them and exits with
//! 128 + the signal's number (130, 143, 129), as a shell reports a run killed by the signal.
//!
//! The registry's lock also serialises the moments when a temporary folder is created and when
//! it is swapped into place: the watcher sees each folder either not yet in place (removed, the
//! old output stays) or in place (nothing of it left to remove), never half of each.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, OnceLock};

use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
use signal_hook::iterator::Signals;

/// Temporary paths that exist now, in creation order.
static TEMPORARY: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Starts the watcher thread, once per process. Without it (if the signals cannot be watched),
/// a signal kills the run as before and the next build sweeps what it left.
pub fn watch() {
    static WATCHING: OnceLock<()> = OnceLock::new();
    WATCHING.get_or_init(|| {
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        let _ = std::thread::Builder::new()
            .name("svcspec-signals".to_owned())
            .spawn(move || {
                if let Some(signal) = signals.forever().next() {
                    // The lock is kept until the process exits: no new temporary path can be
                    // made, and none can be swapped into place, after this point.
                    let held = lock();
                    for path in held.iter().rev() {
                        remove(path);
                    }
                    // Not `eprintln!`: the main thread may hold the lock of stderr for the whole
                    // run, and this thread must not wait for it.
                    const MESSAGE: &[u8] =
                        b"interrupted: temporary output removed; earlier output left as it was\n";
                    // SAFETY: writes a static buffer to the standard error descriptor, then ends
                    // the process at once, without at-exit handlers that could wait for locks.
                    unsafe {
                        libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
                        libc::_exit(128 + signal);
                    }
                }
            });
    });
}

/// The registry, locked. A thread that panicked while holding it cannot leave it inconsistent
/// (it is a list of paths), so a poisoned lock is taken as it is.
pub fn lock() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPORARY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Removes every temporary path now, for a run that ends at once (see `memory`). Skipped if
/// the registry is held (by the signal watcher, which removes them itself).
pub fn remove_all() {
    if let Ok(held) = TEMPORARY.try_lock() {
        for path in held.iter().rev() {
            remove(path);
        }
    }
}

/// Registers a temporary path, under a lock the caller already holds.
pub fn register(held: &mut MutexGuard<'static, Vec<PathBuf>>, path: &Path) {
    held.push(path.to_path_buf());
}

/// Forgets a temporary path that no longer exists, under a lock the caller already holds.
pub fn forget(held: &mut MutexGuard<'static, Vec<PathBuf>>, path: &Path) {
    held.retain(|p| p != path);
}

/// Removes a file or a folder (not what a link points to). A file may still be appearing in a
/// folder being removed (another thread writing into it): try a few times until it is gone.
fn remove(path: &Path) {
    for _ in 0..16 {
        let gone = match std::fs::symlink_metadata(path) {
            Err(_) => true,
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path).is_ok(),
            Ok(_) => std::fs::remove_file(path).is_ok(),
        };
        if gone {
            return;
        }
    }
}
