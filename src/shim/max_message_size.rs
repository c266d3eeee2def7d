//! `RTCPeerConnection.sctp.maxMessageSize`, and `RTCDataChannel.send()` over it throwing
//! `TypeError` with the channel left open.
//!
//! * `sctp` (Chrome < 76, Firefox < 113, Safari < 15): read from the remote description's
//!   `a=max-message-size` (RFC 8841: 65,536 bytes when absent, 0 meaning no limit) by
//!   [`remote_max_message_size`]. Detected by the prototype lacking `sctp`.
//! * The send limit: browsers have silently truncated, closed the channel, or thrown a
//!   different error for oversize messages; the spec says `TypeError`, nothing sent, channel
//!   open. Only an open channel shows that behaviour, and opening one (two connections, ICE and
//!   DTLS) is too much for a probe at install; so the signal is the browser's own
//!   `RTCSctpTransport.maxMessageSize`: a browser that reports its limit enforces it (current
//!   Chromium and Firefox throw the `TypeError` themselves: the differential suite checks it
//!   with and without the shim). Applied where the browser does not know the limit, and then a
//!   message within it is untouched.
//!
//! The getter and the patched methods are in the `max_message_size.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{has, Need, Scope};
use crate::event::page_lifetime_function;

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = sctp, catch)]
    fn patch_sctp(proto: &JsValue, max_message_size: &js_sys::Function) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = dataChannelSendLimit, catch)]
    fn patch_send(pc_proto: &JsValue, dc_proto: &JsValue) -> Result<(), JsValue>;
}

/// The limit a remote description announces for its data channels, in bytes.
pub(crate) fn remote_max_message_size(sdp: &str) -> Option<f64> {
    let mut in_application = false;
    let mut found = None;
    for line in sdp.lines() {
        if line.starts_with("m=") {
            if in_application {
                break;
            }
            in_application = line.starts_with("m=application");
            continue;
        }
        if in_application {
            if let Some(value) = line.strip_prefix("a=max-message-size:") {
                // `max-message-size-value = 1*DIGIT` (RFC 8841 §6).
                found = value.trim().parse::<u64>().ok().map(|n| n as f64);
            }
        }
    }
    if !in_application && found.is_none() {
        return None;
    }
    Some(match found {
        Some(0.0) => f64::from(u32::MAX),
        Some(size) => size,
        None => 65536.0,
    })
}

pub(super) fn sctp_need(scope: &Scope) -> Need {
    match scope.prototype("RTCPeerConnection") {
        None => Need::Unavailable,
        Some(p) if has(&p, "sctp") => Need::NotNeeded,
        Some(_) => Need::Needed,
    }
}

pub(super) fn sctp_apply(scope: &Scope) -> Result<(), JsValue> {
    let reader = page_lifetime_function(|sdp| {
        let sdp = sdp.as_string().unwrap_or_default();
        Ok(remote_max_message_size(&sdp).map_or(JsValue::NULL, JsValue::from))
    });
    patch_sctp(&scope.required_prototype("RTCPeerConnection")?, &reader)
}

pub(super) fn send_need(scope: &Scope) -> Need {
    let knows_the_limit = scope
        .prototype("RTCSctpTransport")
        .is_some_and(|p| has(&p, "maxMessageSize"));
    match (
        scope.prototype("RTCDataChannel"),
        scope.prototype("RTCPeerConnection"),
    ) {
        (Some(_), Some(_)) if knows_the_limit => Need::NotNeeded,
        (Some(_), Some(_)) => Need::Needed,
        _ => Need::Unavailable,
    }
}

pub(super) fn send_apply(scope: &Scope) -> Result<(), JsValue> {
    let dc_proto = scope.required_prototype("RTCDataChannel")?;
    patch_send(&scope.required_prototype("RTCPeerConnection")?, &dc_proto)
}

#[cfg(test)]
mod tests {
    use super::remote_max_message_size;

    #[test]
    fn limits_from_sdp() {
        let with = "v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=max-message-size:5\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:5000\r\na=max-message-size:262144\r\n";
        assert_eq!(remote_max_message_size(with), Some(262144.0));
        let without =
            "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:5000\r\n";
        assert_eq!(remote_max_message_size(without), Some(65536.0));
        let unlimited =
            "m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=max-message-size:0\r\n";
        assert_eq!(
            remote_max_message_size(unlimited),
            Some(f64::from(u32::MAX))
        );
        assert_eq!(
            remote_max_message_size("v=0\r\nm=audio 9 RTP/AVP 0\r\n"),
            None
        );
        assert_eq!(remote_max_message_size(""), None);
    }
}
