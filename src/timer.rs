//! [`timer`]: a browser timer for a `Duration`, the one place a duration becomes `setTimeout`'s
//! milliseconds.

use std::time::Duration;

use gloo_timers::future::TimeoutFuture;

/// A timer for `duration`, capped at what `setTimeout` can wait (2^31 - 1 ms, about 24.8 days):
/// a longer delay would overflow and fire at once (and `gloo_timers::future::sleep` throws for
/// one over `u32::MAX` ms).
pub(crate) fn timer(duration: Duration) -> TimeoutFuture {
    let millis = duration.as_millis().min(i32::MAX as u128) as u32;
    TimeoutFuture::new(millis)
}
