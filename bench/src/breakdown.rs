//! Where the time of many small messages goes (issue 27): the raw web-sys transfer of
//! [`websys`](crate::websys), with one of wasm-rtc's layers added at a time, on channels the
//! page creates. Each layer's rate beside the others says what that layer costs:
//!
//! * `0`: raw web-sys: `onmessage` counts each `ArrayBuffer`'s bytes (no copy, no task);
//! * `1`: + each message copied into a `Vec<u8>` (what wasm-rtc's `Message::Binary` holds);
//! * `2`: + a queue and a task: `onmessage` queues the `Vec` and wakes a task that counts it
//!   (what an `EventStream` read by a `spawn_local` task is, without the rest of wasm-rtc);
//! * `3`: the receiver is wasm-rtc's `DataChannel` (`adopt`) read as a `Stream` by a task;
//! * `4`: the sender is wasm-rtc's `DataChannel` (`adopt`) as a `Sink` (`SinkExt::send`), the
//!   receiver raw web-sys as in `0`.
//!
//! Layers 0–3 send as raw web-sys does (`bufferedamountlow` back-pressure, `send_with_u8_array`).

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::rc::Rc;
use std::task::{Poll, Waker};

use futures::channel::oneshot;
use futures::{SinkExt, StreamExt};
use js_sys::{ArrayBuffer, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};
use wasm_rtc::{DataChannel, Message};
use web_sys::{MessageEvent, RtcDataChannel, RtcDataChannelType};

use crate::timer::{fail, now_ms};
use crate::{HIGH_WATER, LOW_WATER};

/// Messages queued for the counting task of layer 2, and its waker.
#[derive(Default)]
struct Queue {
    items: RefCell<VecDeque<Vec<u8>>>,
    waker: RefCell<Option<Waker>>,
}

/// Sends `count` messages of `size` bytes as raw web-sys does.
async fn send_raw(tx: &RtcDataChannel, count: u32, size: u32) -> Result<(), JsValue> {
    tx.set_buffered_amount_low_threshold(LOW_WATER);
    let body = vec![0xa5_u8; size as usize];
    for _ in 0..count {
        while tx.buffered_amount() > HIGH_WATER {
            let promise = js_sys::Promise::new(&mut |resolve, _| tx.set_onbufferedamountlow(Some(&resolve)));
            JsFuture::from(promise).await?;
            tx.set_onbufferedamountlow(None);
        }
        tx.send_with_u8_array(&body)?;
    }
    Ok(())
}

/// What receives, kept until the transfer ends: the handler, or wasm-rtc's channel.
#[allow(dead_code)] // held, never read
pub(crate) enum Receiver {
    Handler(Closure<dyn FnMut(MessageEvent)>),
    Stream(DataChannel),
}

/// Counts bytes arriving on `rx` the way `layer` says, until `total`; the count resolves `all`.
pub(crate) fn receive(rx: RtcDataChannel, total: f64, layer: u32) -> (Receiver, oneshot::Receiver<f64>) {
    let (done, all) = oneshot::channel();
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = move |received: f64| {
        if let Some(done) = done.borrow_mut().take() {
            let _ = done.send(received);
        }
    };
    if layer == 3 {
        let channel = DataChannel::adopt(rx);
        let mut stream = channel.clone();
        spawn_local(async move {
            let mut received = 0.0;
            while received < total {
                match stream.next().await {
                    Some(Ok(message)) => received += message.len() as f64,
                    _ => break,
                }
            }
            finish(received);
        });
        return (Receiver::Stream(channel), all);
    }
    rx.set_binary_type(RtcDataChannelType::Arraybuffer);
    let received = Rc::new(Cell::new(0.0));
    let queue = Rc::new(Queue::default());
    let on_message = {
        let (received, queue, finish) = (received.clone(), queue.clone(), finish.clone());
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| match layer {
            0 | 4 => {
                received.set(received.get() + f64::from(event.data().unchecked_into::<ArrayBuffer>().byte_length()));
                if received.get() >= total {
                    finish(received.get());
                }
            }
            1 => {
                let bytes = Uint8Array::new(&event.data()).to_vec();
                received.set(received.get() + bytes.len() as f64);
                if received.get() >= total {
                    finish(received.get());
                }
            }
            _ => {
                queue
                    .items
                    .borrow_mut()
                    .push_back(Uint8Array::new(&event.data()).to_vec());
                if let Some(waker) = queue.waker.borrow_mut().take() {
                    waker.wake();
                }
            }
        })
    };
    rx.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    if layer == 2 {
        spawn_local(async move {
            let mut counted = 0.0;
            while counted < total {
                counted += futures::future::poll_fn(|cx| match queue.items.borrow_mut().pop_front() {
                    Some(bytes) => Poll::Ready(bytes.len() as f64),
                    None => {
                        *queue.waker.borrow_mut() = Some(cx.waker().clone());
                        Poll::Pending
                    }
                })
                .await;
            }
            finish(counted);
        });
    }
    (Receiver::Handler(on_message), all)
}

/// One transfer of `count` × `size` bytes with `layer` (see the module docs); resolves with the
/// milliseconds from the first send until every byte was counted.
#[wasm_bindgen(js_name = breakdownTransfer)]
pub async fn transfer(
    tx: RtcDataChannel,
    rx: RtcDataChannel,
    count: u32,
    size: u32,
    layer: u32,
) -> Result<f64, JsValue> {
    let total = f64::from(count) * f64::from(size);
    let (receiver, all) = receive(rx.clone(), total, layer);
    // wasm-rtc's channels close when dropped: both live until every byte is counted.
    let mut sender = None;
    let start = now_ms();
    if layer == 4 {
        let sink = sender.insert(DataChannel::adopt(tx));
        sink.set_buffer_thresholds(LOW_WATER, HIGH_WATER);
        let body = vec![0xa5_u8; size as usize];
        for _ in 0..count {
            sink.send(Message::Binary(body.clone())).await?;
        }
    } else {
        send_raw(&tx, count, size).await?;
    }
    let received = all.await.map_err(|_| fail("the receiver stopped"))?;
    let elapsed = now_ms() - start;
    rx.set_onmessage(None);
    drop((receiver, sender));
    if received != total {
        return Err(fail(format!("layer {layer}: received {received} of {total} bytes")));
    }
    Ok(elapsed)
}
