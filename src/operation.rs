//! A connection's operations chain, from outside it: the signal that the connection has closed,
//! and [`settle`], which awaits a promise of the chain until then.
//!
//! The spec's operations chain drops the promises of the calls queued on it when the connection
//! closes, without ever settling them: a task awaiting one would hang, holding what it holds,
//! forever. Every call that goes through the chain — the connection's own (`createOffer`,
//! `setLocalDescription`, `addIceCandidate`, …) and its senders' `replaceTrack` — awaits it with
//! [`settle`] instead, which ends with [`Error::Closed`] when the connection closes.

use futures::channel::oneshot;
use futures::future::{select, Either, FutureExt, Shared};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;

use crate::error::Error;
use crate::event::EventStream;

/// Completes when its connection closes (or its last handle is dropped).
pub(crate) type Closed = Shared<oneshot::Receiver<()>>;

/// A new signal: dropping (or sending on) the sender completes every clone of the [`Closed`].
pub(crate) fn closed_signal() -> (oneshot::Sender<()>, Closed) {
    let (sender, receiver) = oneshot::channel();
    (sender, receiver.shared())
}

/// Awaits `promise`, or [`Error::Closed`] once `closed` completes, whichever comes first; what
/// it rejects with becomes the crate's [`Error`].
pub(crate) async fn settle(promise: js_sys::Promise, closed: &Closed) -> Result<JsValue, Error> {
    let call = JsFuture::from(promise);
    match select(call, closed.clone()).await {
        Either::Left((result, _)) => Ok(result?),
        Either::Right(_) => Err(Error::Closed),
    }
}

/// `stream`, ended (after what it has buffered) when the connection closes, where there is one:
/// for streams of objects whose events stop without an end then (the spec's close steps fire
/// none at transports or DTMF senders).
pub(crate) fn ended_with<T: 'static>(
    stream: EventStream<T>,
    closed: Option<&Closed>,
) -> EventStream<T> {
    match closed {
        Some(closed) => stream.until(closed.clone().map(drop)),
        None => stream,
    }
}
