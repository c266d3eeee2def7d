//! `RTCPeerConnection.sctp.maxMessageSize`, and `RTCDataChannel.send()` over it throwing
//! `TypeError` with the channel left open.
//!
//! * `sctp` (Chrome < 76, Firefox < 113, Safari < 15): read from the remote description's
//!   `a=max-message-size` (RFC 8841: 65,536 bytes when absent, 0 meaning no limit). Detected by
//!   the prototype lacking `sctp`.
//! * The send limit: browsers have silently truncated, closed the channel, or thrown a
//!   different error for oversize messages; the spec says `TypeError`, nothing sent, channel
//!   open. Applied wherever `RTCDataChannel` exists: a message within the limit is untouched.

use wasm_bindgen::{JsCast, JsValue};

use super::{event_target, get, getter, listen_once, wrap, Need, Scope};
use crate::error::Error;
use crate::event::page_lifetime_function;
use crate::prelude::*;

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

fn has(object: &JsValue, member: &str) -> bool {
    js_sys::Reflect::has(object, &JsValue::from_str(member)).unwrap_or(false)
}

pub(super) fn sctp_need(scope: &Scope) -> Need {
    match scope.prototype("RTCPeerConnection") {
        None => Need::Unavailable,
        Some(p) if has(&p, "sctp") => Need::NotNeeded,
        Some(_) => Need::Needed,
    }
}

pub(super) fn sctp_apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    let slot = js_sys::Symbol::for_("wasm-rtc.shim.sctp");
    getter(&proto, "sctp", move |pc| {
        let sdp = get(&pc, "remoteDescription")
            .and_then(|d| get(&d, "sdp"))
            .and_then(|s| s.as_string())
            .unwrap_or_default();
        let Some(size) = remote_max_message_size(&sdp) else {
            return Ok(JsValue::NULL);
        };
        // One object per connection, so `pc.sctp === pc.sctp`.
        let sctp = js_sys::Reflect::get(&pc, &slot)
            .ok()
            .filter(JsValue::is_object)
            .unwrap_or_else(|| {
                let o = js_sys::Object::new();
                let _ = super::set(&o, "transport", &JsValue::NULL);
                let _ = super::set(&o, "maxChannels", &JsValue::NULL);
                let _ = js_sys::Reflect::set(&pc, &slot, &o);
                o.into()
            });
        let state = if get(&pc, "iceConnectionState")
            .and_then(|s| s.as_string())
            .is_some_and(|s| s == "closed")
        {
            "closed"
        } else {
            "connected"
        };
        super::set(&sctp, "maxMessageSize", &JsValue::from_f64(size))?;
        super::set(&sctp, "state", &JsValue::from_str(state))?;
        Ok(sctp)
    })
}

/// The connection a channel belongs to, recorded when it is created or announced.
fn owner_key() -> js_sys::Symbol {
    js_sys::Symbol::for_("wasm-rtc.shim.channel-owner")
}

/// The size `send(data)` would put on the wire, if it is over `limit`.
///
/// A string is not copied into wasm memory to be measured (a 100 MB message would grow the
/// module's memory for good): its UTF-8 size lies between its length in UTF-16 code units and
/// three times that, and only when the limit falls in between does the browser encode it.
fn size_over(data: &JsValue, limit: f64) -> Option<f64> {
    let size = match data.dyn_ref::<js_sys::JsString>() {
        Some(text) => {
            let units = f64::from(text.length());
            if 3.0 * units <= limit {
                return None;
            }
            web_sys::Blob::new_with_str_sequence(&js_sys::Array::of1(text))
                .map(|blob| blob.size())
                .unwrap_or(units)
        }
        None => get(data, "byteLength")
            .or_else(|| get(data, "size"))
            .and_then(|n| n.as_f64())
            .unwrap_or(0.0),
    };
    (size > limit).then_some(size)
}

pub(super) fn send_need(scope: &Scope) -> Need {
    match (
        scope.prototype("RTCDataChannel"),
        scope.prototype("RTCPeerConnection"),
    ) {
        (Some(_), Some(_)) => Need::Needed,
        _ => Need::Unavailable,
    }
}

pub(super) fn send_apply(scope: &Scope) -> Result<(), Error> {
    let pc_proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    let dc_proto = scope
        .prototype("RTCDataChannel")
        .ok_or_else(|| Error::unsupported("RTCDataChannel"))?;
    wrap(&pc_proto, "createDataChannel", |this, native, args| {
        let channel = js_sys::Reflect::apply(&native, &this, &args)?;
        js_sys::Reflect::set(&channel, &owner_key(), &this)?;
        Ok(channel)
    })?;
    // Channels the remote side opens are announced after a remote description.
    if get(&pc_proto, "setRemoteDescription").is_none() {
        return send_limit(&dc_proto);
    }
    let record_owner = page_lifetime_function(|event| {
        if let (Some(pc), Some(channel)) = (event_target(&event), get(&event, "channel")) {
            js_sys::Reflect::set(&channel, &owner_key(), &pc)?;
        }
        Ok(JsValue::UNDEFINED)
    });
    wrap(
        &pc_proto,
        "setRemoteDescription",
        move |this, native, args| {
            listen_once(&this, "channel-owner", "datachannel", &record_owner);
            js_sys::Reflect::apply(&native, &this, &args)
        },
    )?;
    send_limit(&dc_proto)
}

/// A byte count in decimal digits (the whole part; without `core::fmt`, a fifth of this wasm).
fn decimal(bytes: f64) -> String {
    if !bytes.is_finite() {
        return "Infinity".to_owned();
    }
    let mut n = bytes as u64;
    let mut digits = Vec::new();
    loop {
        digits.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    digits.iter().rev().map(|&d| char::from(d)).collect()
}

/// Wraps `RTCDataChannel.prototype.send` with the size check.
fn send_limit(dc_proto: &JsValue) -> Result<(), Error> {
    wrap(dc_proto, "send", |this, native, args| {
        let limit = js_sys::Reflect::get(&this, &owner_key())
            .ok()
            .and_then(|pc| get(&pc, "sctp"))
            .and_then(|sctp| get(&sctp, "maxMessageSize"))
            .and_then(|n| n.as_f64())
            .filter(|n| *n > 0.0);
        let over = limit.and_then(|limit| Some((size_over(&args.get(0), limit)?, limit)));
        // The spec checks the state first: a channel that is not open is the browser's to refuse
        // (InvalidStateError). Read only for a message over the limit, off the common path.
        let open = || {
            get(&this, "readyState")
                .and_then(|s| s.as_string())
                .is_some_and(|s| s == "open")
        };
        if let Some((size, limit)) = over.filter(|_| open()) {
            let mut message = String::from("RTCDataChannel.send: a message of ");
            message.push_str(&decimal(size));
            message.push_str(" bytes is larger than maxMessageSize (");
            message.push_str(&decimal(limit));
            message.push_str(" bytes)");
            return Err(js_sys::TypeError::new(&message).unchecked_into());
        }
        js_sys::Reflect::apply(&native, &this, &args)
    })
}

#[cfg(test)]
mod tests {
    use super::{decimal, remote_max_message_size};

    #[test]
    fn byte_counts_in_decimal() {
        for n in [0u64, 7, 10, 65536, 262144, 4294967295, 9007199254740991] {
            assert_eq!(decimal(n as f64), n.to_string());
        }
        assert_eq!(decimal(f64::INFINITY), "Infinity");
    }

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
