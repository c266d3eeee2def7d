//! The benchmark's Rust contenders, called by the page `bench/index.html` (see `bench/cases.js`).
//!
//! * [`websys`]: the raw web-sys contender: the same algorithm as the raw JavaScript one
//!   (`bufferedAmountLowThreshold` + `bufferedamountlow` back-pressure), hand-written in Rust on
//!   channels the page creates.
//! * [`sink_stream`]: wasm-rtc as a Rust user writes it: `PeerConnection`, and `DataChannel` as a
//!   `Sink` (`SinkExt::send`) and a `Stream` (`StreamExt::next`).
//!
//! * [`breakdown`]: the raw web-sys transfer with one of wasm-rtc's layers added at a time, to
//!   show where the time of many small messages goes.
//! * [`per_message`]: what one message costs the page's thread in each contender, receiving
//!   (synthetic events) and sending (a burst that never waits), without the network's noise.
//!
//! Every transfer is checked on the receiving side: the call fails unless every byte arrived.

pub mod breakdown;
pub mod per_message;
pub mod sink_stream;
pub mod timer;
pub mod websys;

/// The back-pressure thresholds every contender uses: wait while `bufferedAmount` is above
/// [`HIGH_WATER`], resume at `bufferedamountlow` with the threshold at [`LOW_WATER`]
/// (wasm-rtc's defaults, and the page's).
pub const HIGH_WATER: u32 = 1024 * 1024;
/// See [`HIGH_WATER`].
pub const LOW_WATER: u32 = 256 * 1024;
