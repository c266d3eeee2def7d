//! [`BroadcastChannelSignaling`]: signals between same-origin tabs, frames and workers, through
//! the browser's `BroadcastChannel`, with no server.

use std::pin::Pin;
use std::task::{Context, Poll};

use futures::{Sink, Stream};
use wasm_bindgen::JsCast;
use web_sys::MessageEvent;

use super::signal::Signal;
use crate::attribute;
use crate::error::Error;
use crate::event::{Emit, EventStream};

/// A signaling transport over a `BroadcastChannel` named after a room: every
/// `BroadcastChannelSignaling` of the same room in the same origin (another tab, a frame, or
/// another object in this page) receives what this one sends, and this one never hears itself.
///
/// A `Sink<Signal>` (each signal is posted at once, as its JSON text) and a
/// `Stream<Item = Result<Signal, Error>>` (from the moment it is opened; a message that is no
/// signal is an `Err` item — [`Error::Syntax`] or [`Error::Data`], see [`Signal::from_json`] —
/// and the stream goes on). Dropping it closes the channel and detaches its listener.
///
/// ```no_run
/// use futures::{SinkExt, StreamExt};
/// use wasm_rtc::{BroadcastChannelSignaling, Signal};
/// # async fn run() -> Result<(), wasm_rtc::Error> {
/// let mut room = BroadcastChannelSignaling::open("room-42")?;
/// room.send(Signal::Hello { from: "a".into(), call: "c1".into() }).await?;
/// while let Some(signal) = room.next().await {
///     println!("{:?}", signal?);
/// }
/// # Ok(()) }
/// ```
///
/// [MDN](https://developer.mozilla.org/en-US/docs/Web/API/BroadcastChannel)
pub struct BroadcastChannelSignaling {
    channel: web_sys::BroadcastChannel,
    incoming: EventStream<Result<Signal, Error>>,
    closed: bool,
}

impl BroadcastChannelSignaling {
    /// Joins `room`. [`Error::Unsupported`] where the browser has no `BroadcastChannel`.
    pub fn open(room: &str) -> Result<Self, Error> {
        if !attribute::has_global("BroadcastChannel") {
            return Err(Error::unsupported("BroadcastChannel"));
        }
        let channel = web_sys::BroadcastChannel::new(room)?;
        let incoming = EventStream::new().on(channel.as_ref(), "message", |event| {
            let data = event.unchecked_ref::<MessageEvent>().data();
            Emit::Item(match data.as_string() {
                Some(text) => Signal::from_json(&text),
                // A JavaScript peer may post the object itself.
                None => Signal::from_value(&data),
            })
        });
        Ok(BroadcastChannelSignaling {
            channel,
            incoming,
            closed: false,
        })
    }

    /// The room's name.
    pub fn room(&self) -> String {
        self.channel.name()
    }

    /// The browser's `BroadcastChannel`.
    pub fn as_raw(&self) -> &web_sys::BroadcastChannel {
        &self.channel
    }

    fn close_channel(&mut self) {
        if !self.closed {
            self.closed = true;
            self.channel.close();
            self.incoming.end();
        }
    }
}

impl Drop for BroadcastChannelSignaling {
    fn drop(&mut self) {
        self.close_channel();
    }
}

impl Stream for BroadcastChannelSignaling {
    type Item = Result<Signal, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.incoming.poll_shared(cx)
    }
}

impl Sink<Signal> for BroadcastChannelSignaling {
    type Error = Error;

    /// Ready at once (`postMessage` queues); [`Error::Closed`] once closed.
    fn poll_ready(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Poll::Ready(if self.closed {
            Err(Error::Closed)
        } else {
            Ok(())
        })
    }

    fn start_send(self: Pin<&mut Self>, signal: Signal) -> Result<(), Error> {
        if self.closed {
            return Err(Error::Closed);
        }
        let text = signal.to_json()?;
        Ok(self.channel.post_message(&text.into())?)
    }

    fn poll_flush(self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        Poll::Ready(Ok(()))
    }

    /// Closes the channel: nothing more is sent or received.
    fn poll_close(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.close_channel();
        Poll::Ready(Ok(()))
    }
}
