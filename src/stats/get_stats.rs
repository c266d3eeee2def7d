//! The `getStats()` glue: calling the browser and decoding what it returns.

use wasm_bindgen::JsValue;

use super::*;
use crate::error::Error;

/// Calls `target.getStats()` and decodes the report: for `RTCPeerConnection`, `RTCRtpSender`
/// and `RTCRtpReceiver`. A missing method is [`Error::Unsupported`] named
/// `"{interface}.getStats"`; a synchronous throw or a rejection is the browser's error.
pub(crate) async fn stats_of(target: &JsValue, interface: &str) -> Result<StatsReport, Error> {
    StatsReport::from_js(&crate::sys::call_async(target, interface, "getStats", &[]).await?)
}

/// `getStats()` of a native `RTCPeerConnection`, an empty report once it is closed (see
/// [`PeerConnection::get_stats`](crate::PeerConnection::get_stats)); also what the npm package's `getStats` calls.
pub(crate) async fn connection_stats(raw: &JsValue) -> Result<StatsReport, Error> {
    if crate::sys::is_closed(raw) {
        return Ok(StatsReport::new());
    }
    match stats_of(raw, "RTCPeerConnection").await {
        Err(Error::InvalidState(_)) if crate::sys::is_closed(raw) => Ok(StatsReport::new()),
        result => result,
    }
}
