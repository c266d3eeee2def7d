//! The wasm-rtc contender, written the way a Rust user writes it: two [`PeerConnection`]s with
//! trickle ICE, a [`DataChannel`] sent to as a `Sink` (`SinkExt::send`, which waits while the
//! buffer is full) and read as a `Stream` (`StreamExt::next`). The receiving side runs as its own
//! task, as the other peer would.

use futures::channel::oneshot;
use futures::{SinkExt, StreamExt};
use js_sys::Promise;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::{future_to_promise, spawn_local};
use wasm_rtc::{Configuration, DataChannel, DataChannelOptions, Error, Message, PeerConnection};

use crate::timer::{fail, now_ms, Steps};
use crate::{HIGH_WATER, LOW_WATER};

/// Forwards every local candidate of `from` to `to` (held weakly: the task keeps neither open).
///
/// Each `addIceCandidate` runs as its own task, not awaited one after the other: the same as the
/// raw JS contender's `onicecandidate = (e) => other.addIceCandidate(e.candidate)`. (Awaiting
/// each in turn, as the README's example does, delays the later candidates by a round trip
/// through the browser's operations chain each.)
fn trickle(from: &PeerConnection, to: &PeerConnection) {
    let (mut candidates, to) = (from.ice_candidate_events(), to.downgrade());
    spawn_local(async move {
        while let Some(candidate) = candidates.next().await {
            let Some(to) = to.upgrade() else { break };
            spawn_local(async move {
                let _ = to.add_ice_candidate(candidate.as_ref()).await;
            });
        }
    });
}

/// Two connected peers in this page and the open channel between them.
#[wasm_bindgen]
pub struct Pair {
    /// The offering peer, which owns `tx`.
    alice: PeerConnection,
    /// The answering peer, which owns `rx`.
    bob: PeerConnection,
    /// Alice's end of the channel.
    tx: DataChannel,
    /// Bob's end of the channel.
    rx: DataChannel,
}

/// Two peers trickling candidates to each other, a channel `label` from Alice, and one
/// offer/answer exchange; each step's end is marked in `steps`.
async fn negotiated(label: &str, steps: &mut Steps) -> Result<(PeerConnection, PeerConnection, DataChannel), Error> {
    let config = Configuration::new();
    let (alice, bob) = (PeerConnection::new(&config)?, PeerConnection::new(&config)?);
    trickle(&alice, &bob);
    trickle(&bob, &alice);
    let tx = alice.create_data_channel(label, &DataChannelOptions::new())?;
    steps.done();
    let offer = alice.set_local_description(None).await?;
    steps.done();
    bob.set_remote_description(&offer).await?;
    steps.done();
    let answer = bob.set_local_description(None).await?;
    steps.done();
    alice.set_remote_description(&answer).await?;
    steps.done();
    Ok((alice, bob, tx))
}

/// Connects two peers and waits until the channel between them is open on both sides.
async fn connect() -> Result<Pair, Error> {
    let (alice, bob, tx) = negotiated("bench", &mut Steps::start()).await?;
    // Remote channels are buffered from the connection's creation: none is missed.
    let rx = bob.data_channels().next().await.ok_or(Error::Closed)?;
    tx.opened().await?;
    rx.opened().await?;
    Ok(Pair { alice, bob, tx, rx })
}

/// From `new RTCPeerConnection` until the offerer's channel is open, in milliseconds per step
/// (`SETUP_STEPS` in run.js); then closes both.
#[wasm_bindgen(js_name = sinkStreamSetup)]
pub async fn setup() -> Result<Vec<f64>, JsValue> {
    let mut steps = Steps::start();
    let (alice, bob, tx) = negotiated("setup", &mut steps).await?;
    tx.opened().await?;
    steps.done();
    alice.close();
    bob.close();
    Ok(steps.into_millis())
}

/// Receives until `total` bytes have arrived; fails if the stream ends or errs first.
async fn receive_bytes(mut rx: DataChannel, total: usize) -> Result<usize, Error> {
    let mut received = 0;
    while received < total {
        match rx.next().await {
            Some(message) => received += message?.len(),
            None => return Err(Error::Closed),
        }
    }
    Ok(received)
}

/// Starts Bob's task counting `total` bytes on `rx` at once; the future it returns resolves
/// when every byte has arrived, or fails if they did not.
fn count_in_background(rx: DataChannel, total: usize) -> impl std::future::Future<Output = Result<(), JsValue>> {
    let (done, all_received) = oneshot::channel();
    spawn_local(async move {
        let _ = done.send(receive_bytes(rx, total).await);
    });
    async move {
        let received = all_received.await.map_err(|_| fail("receiver task dropped"))??;
        if received != total {
            return Err(fail(format!("wasm-rtc: received {received} of {total} bytes")));
        }
        Ok(())
    }
}

#[wasm_bindgen]
impl Pair {
    /// Connects a new pair (a promise of a `Pair`).
    pub fn connect() -> Promise {
        future_to_promise(async { Ok(connect().await?.into()) })
    }

    /// Sends `count` binary messages of `size` bytes with `SinkExt::send`; resolves with the
    /// milliseconds until the receiving task has counted every byte.
    pub fn transfer(&self, count: u32, size: u32) -> Promise {
        let (mut tx, rx) = (self.tx.clone(), self.rx.clone());
        tx.set_buffer_thresholds(LOW_WATER, HIGH_WATER);
        future_to_promise(async move {
            let total = count as usize * size as usize;
            let body = vec![0xa5_u8; size as usize];
            let start = now_ms();
            let all_received = count_in_background(rx, total);
            for _ in 0..count {
                tx.send(Message::Binary(body.clone())).await?;
            }
            all_received.await?;
            Ok((now_ms() - start).into())
        })
    }

    /// Hands `count` messages of `size` bytes to Alice's channel without waiting (see
    /// [`send_burst`](crate::per_message::send_burst); `way` 0: the `Sink`, 1: `send_now`) and
    /// resolves with the milliseconds of the sending calls alone, once Bob's task has counted
    /// every byte.
    pub fn send_burst(&self, count: u32, size: u32, way: u32) -> Promise {
        let (mut tx, rx) = (self.tx.clone(), self.rx.clone());
        tx.set_buffer_thresholds(LOW_WATER, HIGH_WATER);
        future_to_promise(async move {
            let total = count as usize * size as usize;
            let all_received = count_in_background(rx, total);
            let elapsed = crate::per_message::send_burst(&mut tx, count, size, way).await?;
            all_received.await?;
            Ok(elapsed.into())
        })
    }

    /// `count` round trips of a `size`-byte message (Alice sends, Bob's task echoes); resolves
    /// with each round trip in microseconds (a `Float64Array`).
    pub fn ping_pong(&self, count: u32, size: u32) -> Promise {
        let (mut tx, mut rx) = (self.tx.clone(), self.rx.clone());
        future_to_promise(async move {
            // Bob echoes until the channel closes (`Pair::close`).
            spawn_local(async move {
                let mut echo = rx.clone();
                while let Some(Ok(message)) = rx.next().await {
                    if echo.send(message).await.is_err() {
                        break;
                    }
                }
            });
            let body = vec![0x5a_u8; size as usize];
            let mut round_trips = Vec::with_capacity(count as usize);
            let mut echoed = 0;
            for _ in 0..count {
                let start = now_ms();
                tx.send(Message::Binary(body.clone())).await?;
                echoed += tx.next().await.ok_or(Error::Closed)??.len();
                round_trips.push((now_ms() - start) * 1000.0);
            }
            if echoed != (count * size) as usize {
                return Err(fail(format!("wasm-rtc: {echoed} of {} echoed bytes", count * size)));
            }
            Ok(js_sys::Float64Array::from(&round_trips[..]).into())
        })
    }

    /// Closes both connections.
    pub fn close(&self) {
        self.alice.close();
        self.bob.close();
    }
}
