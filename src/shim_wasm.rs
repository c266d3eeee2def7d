//! What the npm package's shim-only wasm (feature `shim-wasm`) has instead of std: a small
//! size-class allocator and a panic handler that traps.
//!
//! std's runtime was a fifth of that wasm: dlmalloc (8 KB before compression) and the panic and
//! formatting machinery a std panic handler pulls in. The shim allocates little and briefly (the
//! text of a candidate line, a report), so an allocator this simple serves it well:
//!
//! * every request is rounded up to a power of two, 16 bytes at least (its *class*);
//! * a freed block goes on its class's free list, and the next request of that class takes it;
//! * otherwise a block is cut from the end of the heap, aligned to its size (at most 64 KiB), and
//!   the heap grows with `memory.grow` when it must.
//!
//! Memory is never handed back to the browser (wasm cannot shrink its memory anyway) but is
//! reused: the heap stays at the largest amount each class ever had live at once.
//!
//! A panic is a bug here (the shim returns typed errors); in wasm it traps, and the page sees a
//! `RuntimeError: unreachable`, exactly as with std's handler under `panic = "abort"`.

#![allow(unsafe_code)] // an allocator is unsafe by nature; nothing else in the crate is

use core::alloc::Layout;
use core::ptr::null_mut;

/// log2 of the smallest block: 16 bytes, room for the free list's link.
const MIN_SHIFT: u32 = 4;
/// Classes from 16 bytes to 2 GiB.
const CLASSES: usize = 28;
/// A wasm page.
const PAGE: usize = 1 << 16;

/// Where fresh memory comes from: `memory.grow` in wasm, a test arena natively.
pub(crate) trait Pages {
    /// Adds `pages` 64 KiB pages and returns the address of the first, or `None`.
    fn grow(&mut self, pages: usize) -> Option<usize>;
}

/// The allocator's state: a free list per class, and the unused end of the heap.
pub(crate) struct SizeClasses<P> {
    /// The first free block of each class (0: none); each free block holds the next's address.
    free: [usize; CLASSES],
    /// The unused part of the heap: `next..end`.
    next: usize,
    end: usize,
    pages: P,
}

impl<P: Pages> SizeClasses<P> {
    pub(crate) const fn new(pages: P) -> Self {
        SizeClasses {
            free: [0; CLASSES],
            next: 0,
            end: 0,
            pages,
        }
    }

    /// The class serving `layout`, and its block size; `None` for what no class can serve.
    fn class(layout: Layout) -> Option<(usize, usize)> {
        let size = layout.size().max(layout.align()).max(1 << MIN_SHIFT);
        let shift = usize::BITS - (size - 1).leading_zeros();
        let class = (shift - MIN_SHIFT) as usize;
        (class < CLASSES && layout.align() <= PAGE).then(|| (class, 1 << shift))
    }

    /// A block for `layout`, or null when memory cannot grow.
    ///
    /// # Safety
    /// As `GlobalAlloc::alloc`; and `Pages::grow` must return memory no one else uses.
    pub(crate) unsafe fn alloc(&mut self, layout: Layout) -> *mut u8 {
        let Some((class, size)) = Self::class(layout) else {
            return null_mut();
        };
        let head = self.free[class];
        if head != 0 {
            self.free[class] = *(head as *const usize);
            return head as *mut u8;
        }
        // Aligned to its own size, a block suits any alignment a later request of its class asks.
        // Checked arithmetic throughout: near the 4 GiB end of a wasm32 memory, null, never a
        // block that wraps around.
        let align = size.min(PAGE);
        let aligned = |at: usize| at.checked_add(align - 1).map(|at| at & !(align - 1));
        let fits = |start: usize, end: usize| start.checked_add(size).is_some_and(|e| e <= end);
        let mut start = aligned(self.next);
        if !start.is_some_and(|start| fits(start, self.end)) {
            let Some(bytes) = (size + align).checked_next_multiple_of(PAGE) else {
                return null_mut();
            };
            let Some(base) = self.pages.grow(bytes / PAGE) else {
                return null_mut();
            };
            if base != self.end {
                // Someone else grew the memory in between: start afresh at the new pages.
                self.next = base;
            }
            let Some(end) = base.checked_add(bytes) else {
                return null_mut();
            };
            self.end = end;
            start = aligned(self.next).filter(|&start| fits(start, end));
        }
        let Some(start) = start else {
            return null_mut();
        };
        self.next = start + size;
        start as *mut u8
    }

    /// Returns a block to its class's free list.
    ///
    /// # Safety
    /// As `GlobalAlloc::dealloc`.
    pub(crate) unsafe fn dealloc(&mut self, block: *mut u8, layout: Layout) {
        if let Some((class, _)) = Self::class(layout) {
            *(block as *mut usize) = self.free[class];
            self.free[class] = block as usize;
        }
    }

    /// The same block when the new size is of the same class; otherwise a new one, copied.
    ///
    /// # Safety
    /// As `GlobalAlloc::realloc`.
    pub(crate) unsafe fn realloc(
        &mut self,
        block: *mut u8,
        layout: Layout,
        size: usize,
    ) -> *mut u8 {
        let Ok(new_layout) = Layout::from_size_align(size, layout.align()) else {
            return null_mut();
        };
        if Self::class(layout).map(|c| c.0) == Self::class(new_layout).map(|c| c.0) {
            return block;
        }
        let moved = self.alloc(new_layout);
        if !moved.is_null() {
            core::ptr::copy_nonoverlapping(block, moved, layout.size().min(size));
            self.dealloc(block, layout);
        }
        moved
    }
}

#[cfg(all(feature = "shim-wasm", target_arch = "wasm32"))]
mod global {
    use core::alloc::{GlobalAlloc, Layout};
    use core::cell::UnsafeCell;

    use super::{Pages, SizeClasses, PAGE};

    #[cfg(target_feature = "atomics")]
    compile_error!("the shim-only wasm's allocator is single-threaded");

    /// The wasm memory's own pages.
    struct Memory;

    impl Pages for Memory {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let previous = core::arch::wasm32::memory_grow(0, pages);
            (previous != usize::MAX).then(|| previous * PAGE)
        }
    }

    struct Allocator(UnsafeCell<SizeClasses<Memory>>);

    // SAFETY: wasm32 without the atomics feature has one thread (checked above).
    unsafe impl Sync for Allocator {}

    // SAFETY: one thread, and no call re-enters the allocator, so each `&mut` is unique.
    unsafe impl GlobalAlloc for Allocator {
        unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
            (*self.0.get()).alloc(layout)
        }
        unsafe fn dealloc(&self, block: *mut u8, layout: Layout) {
            (*self.0.get()).dealloc(block, layout)
        }
        unsafe fn realloc(&self, block: *mut u8, layout: Layout, size: usize) -> *mut u8 {
            (*self.0.get()).realloc(block, layout, size)
        }
    }

    #[global_allocator]
    static ALLOCATOR: Allocator = Allocator(UnsafeCell::new(SizeClasses::new(Memory)));

    #[panic_handler]
    fn panic(_: &core::panic::PanicInfo) -> ! {
        core::arch::wasm32::unreachable()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Pages from a leaked, page-aligned arena.
    struct Arena {
        next: usize,
        end: usize,
    }

    impl Arena {
        fn new(pages: usize) -> Self {
            let layout = Layout::from_size_align(pages * PAGE, PAGE).unwrap();
            let base = unsafe { std::alloc::alloc(layout) } as usize;
            assert_ne!(base, 0);
            Arena {
                next: base,
                end: base + pages * PAGE,
            }
        }
    }

    impl Pages for Arena {
        fn grow(&mut self, pages: usize) -> Option<usize> {
            let base = self.next;
            (base + pages * PAGE <= self.end).then(|| {
                self.next += pages * PAGE;
                base
            })
        }
    }

    fn layout(size: usize, align: usize) -> Layout {
        Layout::from_size_align(size, align).unwrap()
    }

    #[test]
    fn blocks_are_aligned_disjoint_and_writable() {
        let mut heap = SizeClasses::new(Arena::new(64));
        let mut blocks = Vec::new();
        for (i, (size, align)) in [(1, 1), (16, 8), (17, 4), (100, 16), (4096, 4096), (3, 1)]
            .into_iter()
            .cycle()
            .take(60)
            .enumerate()
        {
            let block = unsafe { heap.alloc(layout(size, align)) };
            assert!(!block.is_null());
            assert_eq!(block as usize % align, 0, "{size}/{align}");
            unsafe { core::ptr::write_bytes(block, i as u8, size) };
            blocks.push((block as usize, size, i as u8));
        }
        let mut sorted = blocks.clone();
        sorted.sort();
        for pair in sorted.windows(2) {
            assert!(pair[0].0 + pair[0].1 <= pair[1].0, "{pair:?} overlap");
        }
        for (block, size, fill) in blocks {
            let bytes = unsafe { core::slice::from_raw_parts(block as *const u8, size) };
            assert!(bytes.iter().all(|b| *b == fill));
        }
    }

    #[test]
    fn freed_blocks_are_reused_by_their_class() {
        let mut heap = SizeClasses::new(Arena::new(8));
        let a = unsafe { heap.alloc(layout(24, 8)) };
        let b = unsafe { heap.alloc(layout(24, 8)) };
        unsafe { heap.dealloc(a, layout(24, 8)) };
        // 20 bytes is the same class (32): the freed block comes back, not a new one.
        assert_eq!(unsafe { heap.alloc(layout(20, 4)) }, a);
        unsafe { heap.dealloc(b, layout(24, 8)) };
        // Another class does not take it.
        let c = unsafe { heap.alloc(layout(64, 8)) };
        assert_ne!(c, b);
        // A steady churn stays within what was live at once.
        let before = heap.next;
        for _ in 0..10_000 {
            let x = unsafe { heap.alloc(layout(300, 8)) };
            let y = unsafe { heap.alloc(layout(40, 8)) };
            unsafe {
                heap.dealloc(x, layout(300, 8));
                heap.dealloc(y, layout(40, 8));
            }
        }
        assert!(
            heap.next - before <= 512 + 64 + 512,
            "grew by {}",
            heap.next - before
        );
    }

    #[test]
    fn realloc_keeps_the_block_within_a_class_and_copies_across() {
        let mut heap = SizeClasses::new(Arena::new(8));
        let a = unsafe { heap.alloc(layout(40, 1)) };
        unsafe { core::ptr::copy_nonoverlapping(b"0123456789".as_ptr(), a, 10) };
        assert_eq!(unsafe { heap.realloc(a, layout(40, 1), 64) }, a);
        let b = unsafe { heap.realloc(a, layout(64, 1), 1000) };
        assert_ne!(b, a);
        assert_eq!(unsafe { core::slice::from_raw_parts(b, 10) }, b"0123456789");
        // The old block went back to its class.
        assert_eq!(unsafe { heap.alloc(layout(64, 1)) }, a);
    }

    #[test]
    fn growth_spans_pages_and_failure_is_null() {
        let mut heap = SizeClasses::new(Arena::new(4));
        let big = unsafe { heap.alloc(layout(100_000, 8)) };
        assert!(!big.is_null());
        assert_eq!(big as usize % PAGE, 0);
        // The arena is spent: null, not a panic.
        assert!(unsafe { heap.alloc(layout(200_000, 8)) }.is_null());
        // Alignments beyond a page, and sizes beyond every class, are refused.
        assert!(unsafe { heap.alloc(layout(16, 2 * PAGE)) }.is_null());
        assert!(SizeClasses::<Arena>::class(layout(usize::MAX / 2, 1)).is_none());
    }

    /// Pages at the very top of the address space (never written: `alloc` only computes).
    struct Top;

    impl Pages for Top {
        fn grow(&mut self, _pages: usize) -> Option<usize> {
            Some((usize::MAX & !(PAGE - 1)) - 2 * PAGE)
        }
    }

    #[test]
    fn no_block_wraps_around_the_end_of_memory() {
        let mut heap = SizeClasses::new(Top);
        assert!(unsafe { heap.alloc(layout(4 * PAGE, 8)) }.is_null());
        let small = unsafe { heap.alloc(layout(64, 8)) } as usize;
        assert!(small != 0 && small.checked_add(64).is_some());
    }
}
