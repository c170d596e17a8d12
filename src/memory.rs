//! A memory budget for the run: the global allocator counts large blocks and stops the run
//! cleanly when they pass the budget.
//!
//! Specs cannot get near it (the input limits bound them), but a template can: fuel counts
//! instructions, not bytes, and `{% set b = a ~ a %}` doubles a text in one instruction, so
//! thirty lines of them would ask for gigabytes. Without a budget the kernel would kill the run
//! with no message; with it the run ends with exit 1, a message naming the flag, and no
//! temporary output left behind.

use std::alloc::{GlobalAlloc, Layout};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::interrupt;

/// Blocks of at least this size are counted. Small blocks are not: counting them would cost
/// an atomic operation on every allocation, and what blows a budget is large blocks.
const LARGE: usize = 1 << 20;

/// The default budget: a build of the bundled specs holds a few MiB in large blocks.
pub const DEFAULT_BUDGET_MIB: u64 = 2048;
/// The largest budget `--max-memory` allows, in MiB: the machine's memory, less room for the
/// rest of the system.
pub const MAX_BUDGET_MIB: u64 = 16 * 1024;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static BUDGET: AtomicUsize = AtomicUsize::new(mib(DEFAULT_BUDGET_MIB));

const fn mib(n: u64) -> usize {
    (n as usize).saturating_mul(1 << 20)
}

/// Sets the budget of large blocks, in MiB.
pub fn set_budget_mib(n: u64) {
    BUDGET.store(mib(n), Ordering::Relaxed);
}

/// An allocator that counts large blocks against the budget, over another allocator.
pub struct Budgeted<A>(pub A);

impl<A> Budgeted<A> {
    fn take(size: usize) {
        if size < LARGE {
            return;
        }
        let live = LIVE.fetch_add(size, Ordering::Relaxed).saturating_add(size);
        if live > BUDGET.load(Ordering::Relaxed) {
            over_budget();
        }
    }

    fn give(size: usize) {
        if size >= LARGE {
            LIVE.fetch_sub(size, Ordering::Relaxed);
        }
    }
}

// SAFETY: every call is passed to the inner allocator unchanged; only counters are kept.
unsafe impl<A: GlobalAlloc> GlobalAlloc for Budgeted<A> {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        Self::take(layout.size());
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { self.0.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        Self::take(layout.size());
        // SAFETY: as above.
        unsafe { self.0.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        Self::give(layout.size());
        // SAFETY: as above.
        unsafe { self.0.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        Self::take(new_size);
        // SAFETY: as above.
        let moved = unsafe { self.0.realloc(ptr, layout, new_size) };
        if moved.is_null() {
            Self::give(new_size);
        } else {
            Self::give(layout.size());
        }
        moved
    }
}

/// mimalloc through its plain entry points where the alignment allows them.
///
/// `mimalloc::MiMalloc` always calls the aligned ones (`mi_malloc_aligned`,
/// `mi_realloc_aligned`), which take longer on every call; the plain ones already align to
/// [`PLAIN_ALIGN`] bytes, or to the size of a smaller block (as the system allocator does).
#[cfg(feature = "mimalloc")]
pub struct Mimalloc;

/// The alignment of every block of mimalloc's plain entry points (`MI_MAX_ALIGN_SIZE`), for
/// blocks of at least that size.
#[cfg(feature = "mimalloc")]
const PLAIN_ALIGN: usize = 16;

#[cfg(feature = "mimalloc")]
fn plain(align: usize, size: usize) -> bool {
    align <= PLAIN_ALIGN && align <= size
}

// SAFETY: each call goes to mimalloc, whose plain entry points are used only where their
// alignment meets the layout's (see `plain`); blocks of either kind are freed by `mi_free`.
#[cfg(feature = "mimalloc")]
unsafe impl GlobalAlloc for Mimalloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        use libmimalloc_sys as mi;
        // SAFETY: mimalloc's allocation functions take any size and alignment.
        unsafe {
            if plain(layout.align(), layout.size()) {
                mi::mi_malloc(layout.size()).cast()
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        use libmimalloc_sys as mi;
        // SAFETY: as above.
        unsafe {
            if plain(layout.align(), layout.size()) {
                mi::mi_zalloc(layout.size()).cast()
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()).cast()
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from mimalloc (the caller's contract).
        unsafe { libmimalloc_sys::mi_free(ptr.cast()) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        use libmimalloc_sys as mi;
        // SAFETY: `ptr` came from mimalloc with `layout`; the new block keeps its alignment.
        unsafe {
            if plain(layout.align(), new_size) {
                mi::mi_realloc(ptr.cast(), new_size).cast()
            } else {
                mi::mi_realloc_aligned(ptr.cast(), new_size, layout.align()).cast()
            }
        }
    }
}

/// Ends the run: says why on stderr, removes temporary output, exits 1.
///
/// Runs inside the allocator, so it writes with `write(2)` from a static message, and lifts
/// the budget first: removing temporary folders allocates a little.
#[cold]
fn over_budget() -> ! {
    BUDGET.store(usize::MAX, Ordering::Relaxed);
    const MESSAGE: &[u8] = b"error: the run needs more memory than its budget (`--max-memory`): \
an input or a template that grows without end? If the files are just large, raise the budget \
with `--max-memory`\n";
    // SAFETY: writes a static buffer to the standard error descriptor.
    unsafe {
        libc::write(2, MESSAGE.as_ptr().cast(), MESSAGE.len());
    }
    interrupt::remove_all();
    // SAFETY: ends the process at once, as `exit` would, without running destructors that
    // could allocate again.
    unsafe { libc::_exit(1) }
}
