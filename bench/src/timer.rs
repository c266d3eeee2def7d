//! The page's clock, `performance.now()`, in milliseconds.

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

/// A JavaScript error carrying `message`, for results returned to the page.
pub fn fail(message: impl std::fmt::Display) -> JsValue {
    js_sys::Error::new(&message.to_string()).into()
}
