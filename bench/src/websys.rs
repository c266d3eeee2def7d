//! The raw web-sys contender: the MDN algorithm in Rust on the browser's own `RTCDataChannel`s
//! (made by the page), with web-sys closures and promises and nothing of wasm-rtc.
//!
//! Setup: the raw JS contender's steps, candidates trickled by `onicecandidate`.
//!
//! Sending: while `bufferedAmount` is above [`HIGH_WATER`], wait for `bufferedamountlow` (the
//! threshold set to [`LOW_WATER`]). Receiving: `onmessage` counts `ArrayBuffer` bytes.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{ArrayBuffer, Function, Promise};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    MessageEvent, RtcDataChannel, RtcDataChannelType, RtcPeerConnection, RtcPeerConnectionIceEvent,
    RtcSessionDescriptionInit,
};

use crate::timer::{fail, now_ms, Steps};
use crate::{HIGH_WATER, LOW_WATER};

/// A promise and the `resolve` function that settles it, kept where a handler can reach it.
fn promise_with_resolver(slot: &Rc<RefCell<Option<Function>>>) -> Promise {
    Promise::new(&mut |resolve, _reject| *slot.borrow_mut() = Some(resolve))
}

/// Calls and forgets the `resolve` function in `slot`, if there is one.
fn settle(slot: &RefCell<Option<Function>>) {
    if let Some(resolve) = slot.borrow_mut().take() {
        let _ = resolve.call0(&JsValue::NULL);
    }
}

/// Waits for `bufferedamountlow` on `channel`.
async fn buffered_amount_low(channel: &RtcDataChannel) -> Result<(), JsValue> {
    let promise = Promise::new(&mut |resolve, _reject| channel.set_onbufferedamountlow(Some(&resolve)));
    JsFuture::from(promise).await?;
    channel.set_onbufferedamountlow(None);
    Ok(())
}

/// Sends `count` binary messages of `size` bytes from `tx` to `rx` with back-pressure and resolves
/// with the milliseconds from the first send until the receiver has counted every byte.
#[wasm_bindgen(js_name = websysTransfer)]
pub async fn transfer(tx: RtcDataChannel, rx: RtcDataChannel, count: u32, size: u32) -> Result<f64, JsValue> {
    let total = f64::from(count) * f64::from(size);
    rx.set_binary_type(RtcDataChannelType::Arraybuffer);
    let received = Rc::new(Cell::new(0.0));
    let done: Rc<RefCell<Option<Function>>> = Rc::default();
    let all_received = promise_with_resolver(&done);
    let on_message = {
        let (received, done) = (received.clone(), done.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let bytes = event.data().unchecked_into::<ArrayBuffer>().byte_length();
            received.set(received.get() + f64::from(bytes));
            if received.get() >= total {
                settle(&done);
            }
        })
    };
    rx.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    tx.set_buffered_amount_low_threshold(LOW_WATER);
    let body = vec![0xa5_u8; size as usize];

    let start = now_ms();
    for _ in 0..count {
        while tx.buffered_amount() > HIGH_WATER {
            buffered_amount_low(&tx).await?;
        }
        tx.send_with_u8_array(&body)?;
    }
    JsFuture::from(all_received).await?;
    let elapsed = now_ms() - start;

    rx.set_onmessage(None);
    if received.get() != total {
        return Err(fail(format!("web-sys: received {} of {total} bytes", received.get())));
    }
    Ok(elapsed)
}

/// `count` round trips of a `size`-byte message: `a` sends, `b` echoes it, `a` waits for the echo.
/// Resolves with each round trip in microseconds.
#[wasm_bindgen(js_name = websysPingPong)]
pub async fn ping_pong(a: RtcDataChannel, b: RtcDataChannel, count: u32, size: u32) -> Result<Vec<f64>, JsValue> {
    a.set_binary_type(RtcDataChannelType::Arraybuffer);
    b.set_binary_type(RtcDataChannelType::Arraybuffer);
    let echo = {
        let b = b.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let _ = b.send_with_array_buffer(&event.data().unchecked_into());
        })
    };
    b.set_onmessage(Some(echo.as_ref().unchecked_ref()));
    let pending: Rc<RefCell<Option<Function>>> = Rc::default();
    let received = Rc::new(Cell::new(0_u32));
    let on_echo = {
        let (pending, received) = (pending.clone(), received.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            received.set(received.get() + event.data().unchecked_into::<ArrayBuffer>().byte_length());
            settle(&pending);
        })
    };
    a.set_onmessage(Some(on_echo.as_ref().unchecked_ref()));

    let body = vec![0x5a_u8; size as usize];
    let mut round_trips = Vec::with_capacity(count as usize);
    for _ in 0..count {
        let echoed = promise_with_resolver(&pending);
        let start = now_ms();
        a.send_with_u8_array(&body)?;
        JsFuture::from(echoed).await?;
        round_trips.push((now_ms() - start) * 1000.0);
    }
    a.set_onmessage(None);
    b.set_onmessage(None);
    if received.get() != count * size {
        return Err(fail(format!(
            "web-sys: {} of {} echoed bytes",
            received.get(),
            count * size
        )));
    }
    Ok(round_trips)
}

#[wasm_bindgen]
extern "C" {
    /// `RTCPeerConnection` with the parameterless `setLocalDescription()`, which web-sys lacks.
    #[wasm_bindgen(extends = RtcPeerConnection, js_name = RTCPeerConnection)]
    type ImplicitPeer;

    #[wasm_bindgen(method, js_name = setLocalDescription)]
    fn set_local_description_implicit(this: &ImplicitPeer) -> Promise;
}

/// `onicecandidate` that hands each candidate to `to.addIceCandidate`, its failure ignored (as
/// the raw JS contender's `.catch(() => {})`).
fn forward_candidates(
    to: &RtcPeerConnection,
    ignore: &Rc<Closure<dyn FnMut(JsValue)>>,
) -> Closure<dyn FnMut(RtcPeerConnectionIceEvent)> {
    let (to, ignore) = (to.clone(), ignore.clone());
    Closure::new(move |event: RtcPeerConnectionIceEvent| {
        let _ = to
            .add_ice_candidate_with_opt_rtc_ice_candidate(event.candidate().as_ref())
            .catch(&ignore);
    })
}

/// From `new RTCPeerConnection` until the offerer's channel is open, the raw JS contender's steps
/// through web-sys, in milliseconds per step (`SETUP_STEPS` in run.js); then closes both.
#[wasm_bindgen(js_name = websysSetup)]
pub async fn setup() -> Result<Vec<f64>, JsValue> {
    let mut steps = Steps::start();
    let (a, b) = (RtcPeerConnection::new()?, RtcPeerConnection::new()?);
    let ignore = Rc::new(Closure::<dyn FnMut(JsValue)>::new(|_| {}));
    let (to_b, to_a) = (forward_candidates(&b, &ignore), forward_candidates(&a, &ignore));
    a.set_onicecandidate(Some(to_b.as_ref().unchecked_ref()));
    b.set_onicecandidate(Some(to_a.as_ref().unchecked_ref()));
    let tx = a.create_data_channel("setup");
    let opened = Promise::new(&mut |resolve, _reject| tx.set_onopen(Some(&resolve)));
    steps.done();
    let description = |pc: &RtcPeerConnection| -> Result<RtcSessionDescriptionInit, JsValue> {
        Ok(pc
            .local_description()
            .ok_or_else(|| fail("no local description"))?
            .unchecked_into())
    };
    JsFuture::from(a.unchecked_ref::<ImplicitPeer>().set_local_description_implicit()).await?;
    steps.done();
    JsFuture::from(b.set_remote_description(&description(&a)?)).await?;
    steps.done();
    JsFuture::from(b.unchecked_ref::<ImplicitPeer>().set_local_description_implicit()).await?;
    steps.done();
    JsFuture::from(a.set_remote_description(&description(&b)?)).await?;
    steps.done();
    JsFuture::from(opened).await?;
    steps.done();
    for pc in [&a, &b] {
        pc.set_onicecandidate(None);
        pc.close();
    }
    tx.set_onopen(None);
    Ok(steps.into_millis())
}
