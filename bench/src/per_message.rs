//! What one small message costs the page's thread, without the network (issue 27): the
//! transfers of [`breakdown`](crate::breakdown) time the browser's SCTP stack as much as the
//! contenders, and their rounds vary by ±30%; these two measures isolate the contender.
//!
//! * Receiving: `bench/per_message.js` dispatches synthetic `message` events (100-byte
//!   `ArrayBuffer`s) on a channel of an unconnected `RTCPeerConnection`, one at a time with a
//!   microtask checkpoint after each, as the browser's own message tasks have; a
//!   [`SyntheticReceiver`] counts them with one of `breakdown`'s receiving layers (raw web-sys,
//!   + copy, + queue and task, wasm-rtc's `Stream`). The same loop with no listener is
//!   subtracted.
//! * Sending: [`send_burst`] (wasm-rtc, through `Pair::send_burst`) and [`websys_send_burst`]
//!   hand a burst of messages to a connected channel, fewer than fit below the high-water mark
//!   so that nothing waits, and time only the sending calls.
//!
//! Each sample is the fastest of five runs after a warm-up (see `bench/per_message.js`).

use futures::channel::oneshot;
use futures::SinkExt;
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::future_to_promise;
use wasm_rtc::{DataChannel, Message};
use web_sys::RtcDataChannel;

use crate::breakdown::{receive, Receiver};
use crate::timer::{fail, now_ms};

/// A receiving layer of [`breakdown`](crate::breakdown) attached to a channel; it counts bytes
/// until the total it was made for.
#[wasm_bindgen]
pub struct SyntheticReceiver {
    /// The handler or wasm-rtc channel: detached and freed with this receiver.
    _receiver: Receiver,
    /// Resolved with the count once the total has arrived.
    all: Option<oneshot::Receiver<f64>>,
}

#[wasm_bindgen]
impl SyntheticReceiver {
    /// Counts the bytes of `rx`'s `message` events with receiving `layer` (0–3, see
    /// [`breakdown`](crate::breakdown)) until `total` have arrived.
    #[wasm_bindgen(constructor)]
    pub fn new(rx: RtcDataChannel, total: f64, layer: u32) -> SyntheticReceiver {
        let (receiver, all) = receive(rx, total, layer);
        SyntheticReceiver {
            _receiver: receiver,
            all: Some(all),
        }
    }

    /// Resolves with the bytes counted once the total has arrived (once only).
    pub fn done(&mut self) -> Promise {
        let all = self.all.take();
        future_to_promise(async move {
            let all = all.ok_or_else(|| fail("done() was already called"))?;
            Ok(all.await.map_err(|_| fail("the receiver stopped"))?.into())
        })
    }
}

/// Hands `count` messages of `size` bytes to `tx` (`way` 0: `SinkExt::send` awaited per
/// message, as a Rust user writes it; 1: `send_now`) and returns the milliseconds the sending
/// calls took. `count × size` must stay below the channel's high-water mark, or the `Sink` would
/// wait (see `Pair::send_burst`).
pub(crate) async fn send_burst(tx: &mut DataChannel, count: u32, size: u32, way: u32) -> Result<f64, JsValue> {
    let body = vec![0xa5_u8; size as usize];
    let start = now_ms();
    for _ in 0..count {
        let message = Message::Binary(body.clone());
        if way == 0 {
            tx.send(message).await?;
        } else {
            tx.send_now(&message)?;
        }
    }
    Ok(now_ms() - start)
}

/// The raw web-sys way of [`send_burst`]: `bufferedAmount` checked, `send` with a `&[u8]`.
#[wasm_bindgen(js_name = websysSendBurst)]
pub fn websys_send_burst(tx: RtcDataChannel, count: u32, size: u32) -> Result<f64, JsValue> {
    let body = vec![0xa5_u8; size as usize];
    let start = now_ms();
    for _ in 0..count {
        if tx.buffered_amount() > crate::HIGH_WATER {
            return Err(fail("the burst is larger than the high-water mark"));
        }
        tx.send_with_u8_array(&body)?;
    }
    Ok(now_ms() - start)
}
