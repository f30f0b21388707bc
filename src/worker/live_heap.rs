//! The `test-instrumentation` feature (tests only; never in a `wrangler deploy` build): the
//! `DEBUG` headers a load test reads. Live heap bytes: wasm linear memory never shrinks,
//! so its size shows the allocator's high-water mark, not whether requests leak. This wraps the
//! default allocator (dlmalloc on wasm32) and counts what is allocated and not yet freed.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct CountingAllocator;

static LIVE_BYTES: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments unchanged, so `System`'s
// guarantees are this allocator's; the counters are only arithmetic on the side.
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            LIVE_BYTES.fetch_add(layout.size(), Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let moved = unsafe { System.realloc(ptr, layout, new_size) };
        if !moved.is_null() {
            LIVE_BYTES.fetch_add(new_size, Ordering::Relaxed);
            LIVE_BYTES.fetch_sub(layout.size(), Ordering::Relaxed);
        }
        moved
    }
}

#[global_allocator]
static ALLOCATOR: CountingAllocator = CountingAllocator;

/// Bytes currently allocated by Rust in this instance.
pub fn live_bytes() -> usize {
    LIVE_BYTES.load(Ordering::Relaxed)
}

/// The wasm linear memory's size in bytes: where every Rust allocation lives.
fn wasm_memory_bytes() -> usize {
    use wasm_bindgen::JsCast;
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().unchecked_into();
    memory
        .buffer()
        .unchecked_into::<js_sys::ArrayBuffer>()
        .byte_length() as usize
}

/// `x-nextauth-edge-wasm-memory` (bytes; never shrinks), `-live-heap` (bytes Rust holds now) and
/// `-live-handles` (JS values the module holds).
pub fn debug_headers() -> [(&'static str, String); 3] {
    [
        (
            "x-nextauth-edge-wasm-memory",
            wasm_memory_bytes().to_string(),
        ),
        ("x-nextauth-edge-live-heap", live_bytes().to_string()),
        (
            "x-nextauth-edge-live-handles",
            wasm_bindgen::externref_heap_live_count().to_string(),
        ),
    ]
}
