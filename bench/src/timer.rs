//! The page's clock, `performance.now()`, in milliseconds, and [`Steps`] timed on it.

use wasm_bindgen::prelude::*;

thread_local! {
    /// `window.performance`, looked up once.
    static PERFORMANCE: Option<web_sys::Performance> =
        web_sys::window().and_then(|window| window.performance());
}

/// `performance.now()` in milliseconds (0 where the page has no `performance`).
pub fn now_ms() -> f64 {
    PERFORMANCE.with(|p| p.as_ref().map_or(0.0, |p| p.now()))
}

/// The durations of consecutive steps: each [`done`](Steps::done) ends one.
pub struct Steps {
    /// When the current step began.
    since: f64,
    /// The steps ended so far, in milliseconds.
    millis: Vec<f64>,
}

impl Steps {
    /// The first step begins now.
    pub fn start() -> Self {
        Steps {
            since: now_ms(),
            millis: Vec::new(),
        }
    }

    /// Ends the current step; the next begins.
    pub fn done(&mut self) {
        let now = now_ms();
        self.millis.push(now - self.since);
        self.since = now;
    }

    /// Each step's milliseconds, in order.
    pub fn into_millis(self) -> Vec<f64> {
        self.millis
    }
}

/// A JavaScript error carrying `message`, for results returned to the page.
pub fn fail(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}
