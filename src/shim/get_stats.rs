//! `getStats()` on a closed connection resolves to an empty report.
//!
//! Safari and Chrome < 91 rejected with `InvalidStateError`; current Chrome and Firefox resolve
//! with stale entries. Code that polls stats need not special-case `close()` once this is
//! applied: it is applied wherever `RTCPeerConnection` has `getStats`, and changes nothing for an
//! open connection. The empty report is a `Map`, which has the read-only maplike members of
//! `RTCStatsReport` (`size`, `get`, `has`, `forEach`, `entries`, `keys`, `values`).

use super::{get, wrap, Need, Scope};
use crate::error::Error;

pub(super) fn need(scope: &Scope) -> Need {
    match scope
        .prototype("RTCPeerConnection")
        .and_then(|p| get(&p, "getStats"))
    {
        None => Need::Unavailable,
        Some(_) => Need::Needed,
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), Error> {
    let proto = scope
        .prototype("RTCPeerConnection")
        .ok_or_else(|| Error::unsupported("RTCPeerConnection"))?;
    wrap(&proto, "getStats", |this, native, args| {
        let closed = get(&this, "signalingState")
            .and_then(|s| s.as_string())
            .is_some_and(|s| s == "closed");
        if closed {
            return Ok(js_sys::Promise::resolve(&js_sys::Map::new()).into());
        }
        js_sys::Reflect::apply(&native, &this, &args)
    })
}
