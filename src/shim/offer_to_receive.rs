//! The legacy `createOffer({offerToReceiveAudio, offerToReceiveVideo})` options, applied the way
//! the spec's legacy section says: a kind to receive gets a receiving transceiver (an existing
//! one redirected, or a new `recvonly` one); a kind not to receive stops receiving.
//!
//! Safari 12+ ignores these options, so an old-style "receive only" call offers no media at all.
//! The translation is exact and the options are then removed, so a browser that still reads them
//! sees the same transceivers either way. [`PeerConnection::create_offer`](crate::PeerConnection::create_offer)
//! uses the same code.

use wasm_bindgen::{JsCast, JsValue};

use super::{get, wrap, Need, Scope};
use crate::error::Error;

/// The direction that adds or removes receiving, per the spec's legacy section.
fn redirect(direction: &str, receive: bool) -> &str {
    match (receive, direction) {
        (true, "sendonly") => "sendrecv",
        (true, "inactive") => "recvonly",
        (false, "sendrecv") => "sendonly",
        (false, "recvonly") => "inactive",
        (_, same) => same,
    }
}

/// Makes `pc`'s transceivers of `kind` receive (or not), adding a `recvonly` one when none can.
pub(crate) fn apply_to(pc: &JsValue, kind: &str, receive: Option<bool>) -> Result<(), Error> {
    let Some(receive) = receive else {
        return Ok(());
    };
    let transceivers: js_sys::Array =
        crate::sys::call(pc, "RTCPeerConnection", "getTransceivers", &[])?
            .dyn_into()
            .map_err(|_| Error::Type("getTransceivers returned no list".into()))?;
    let mut found = false;
    for transceiver in transceivers.iter() {
        let track_kind = get(&transceiver, "receiver")
            .and_then(|r| get(&r, "track"))
            .and_then(|t| get(&t, "kind"));
        let direction = get(&transceiver, "direction")
            .and_then(|d| d.as_string())
            .unwrap_or_default();
        if track_kind.and_then(|k| k.as_string()).as_deref() != Some(kind) || direction == "stopped"
        {
            continue;
        }
        found = true;
        let wanted = redirect(&direction, receive);
        if wanted != direction {
            super::set(&transceiver, "direction", &JsValue::from_str(wanted))?;
        }
    }
    if receive && !found {
        let init = js_sys::Object::new();
        super::set(&init, "direction", &"recvonly".into())?;
        crate::sys::call(
            pc,
            "RTCPeerConnection",
            "addTransceiver",
            &[JsValue::from_str(kind), init.into()],
        )?;
    }
    Ok(())
}

/// `options` as a `(audio, video)` pair of the legacy members, when either is present.
fn legacy_members(options: &JsValue) -> Option<(Option<bool>, Option<bool>)> {
    let read = |name: &str| get(options, name).map(|v| v.is_truthy());
    let members = (read("offerToReceiveAudio"), read("offerToReceiveVideo"));
    (members.0.is_some() || members.1.is_some()).then_some(members)
}

pub(super) fn need(scope: &Scope) -> Need {
    match scope.prototype("RTCPeerConnection") {
        Some(p) if get(&p, "createOffer").is_some() && get(&p, "addTransceiver").is_some() => {
            Need::Needed
        }
        _ => Need::Unavailable,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    wrap(&proto, "createOffer", |this, native, args| {
        // The callback form (functions first) is the legacy shim's business: pass it through.
        let options = args.get(0);
        // A closed connection is the browser's to reject (InvalidStateError).
        let closed = get(&this, "signalingState")
            .and_then(|s| s.as_string())
            .is_some_and(|s| s == "closed");
        let Some((audio, video)) =
            legacy_members(&options).filter(|_| !options.is_function() && !closed)
        else {
            return js_sys::Reflect::apply(&native, &this, &args);
        };
        // createOffer reports failure by rejecting, never by throwing.
        if let Err(error) =
            apply_to(&this, "audio", audio).and_then(|()| apply_to(&this, "video", video))
        {
            return Ok(js_sys::Promise::reject(&error.into()).into());
        }
        let rest = js_sys::Object::assign(&js_sys::Object::new(), options.unchecked_ref());
        js_sys::Reflect::delete_property(&rest, &"offerToReceiveAudio".into())?;
        js_sys::Reflect::delete_property(&rest, &"offerToReceiveVideo".into())?;
        js_sys::Reflect::apply(&native, &this, &js_sys::Array::of1(&rest))
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn legacy_section_directions() {
        for (direction, receive, wanted) in [
            ("sendonly", true, "sendrecv"),
            ("inactive", true, "recvonly"),
            ("sendrecv", true, "sendrecv"),
            ("sendrecv", false, "sendonly"),
            ("recvonly", false, "inactive"),
            ("sendonly", false, "sendonly"),
        ] {
            assert_eq!(
                super::redirect(direction, receive),
                wanted,
                "{direction} receive={receive}"
            );
        }
    }
}
