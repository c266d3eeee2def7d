//! [`Owner`]: the connection an object was reached through — a sender, receiver, transceiver or
//! transport — which that object keeps open, whose close ends its streams, and whose closed
//! state turns its calls into [`Error::Closed`].

use std::any::Any;
use std::fmt;
use std::rc::Rc;

use wasm_bindgen::JsValue;

use crate::error::Error;
use crate::event::EventStream;
use crate::media::{MediaStreamTrack, SentTracks};
use crate::operation::{self, Closed};
use crate::sys;

/// The connection an object was reached through, if any (none for an object wrapped with
/// `From`). Cloned into everything reached from the object in turn (a transceiver's sender, a
/// sender's transport), so each of them keeps the connection open too.
#[derive(Clone, Default)]
pub(crate) struct Owner {
    pc: Option<web_sys::RtcPeerConnection>,
    closed: Option<Closed>,
    /// The connection's state, type-erased (this module is below `peer`): `None` while the
    /// object waits in one of the connection's own queues (a buffered track event), where a
    /// strong reference would keep the connection alive through itself.
    keep: Option<Rc<dyn Any>>,
    /// The tracks the connection's senders send (see [`SentTracks`]).
    sent: Option<SentTracks>,
}

impl fmt::Debug for Owner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Owner")
            .field("pc", &self.pc)
            .field("keeps_open", &self.keep.is_some())
            .finish()
    }
}

impl Owner {
    /// The connection `pc`, which completes `closed` when it closes; `keep` (its state) is held
    /// to keep it open.
    pub(crate) fn new(
        pc: web_sys::RtcPeerConnection,
        closed: Closed,
        keep: Option<Rc<dyn Any>>,
        sent: Option<SentTracks>,
    ) -> Self {
        Owner {
            pc: Some(pc),
            closed: Some(closed),
            keep,
            sent,
        }
    }

    /// Notes that `sender` of the connection sends `track` now (`None`: nothing).
    pub(crate) fn note_sent(&self, sender: &JsValue, track: Option<&MediaStreamTrack>) {
        if let Some(sent) = &self.sent {
            sent.set(sender, track);
        }
    }

    /// Keeps the connection (its state) open from now on: for an object handed out of a queue.
    pub(crate) fn keep_open(&mut self, connection: Rc<dyn Any>) {
        if self.pc.is_some() {
            self.keep = Some(connection);
        }
    }

    /// [`Error::Closed`] once the connection is closed.
    pub(crate) fn check_open(&self) -> Result<(), Error> {
        match &self.pc {
            Some(pc) if sys::is_closed(pc) => Err(Error::Closed),
            _ => Ok(()),
        }
    }

    /// Calls `method` of `target` and awaits its promise: until the connection closes, where
    /// there is one (see [`operation::settle`]).
    pub(crate) async fn call_async(
        &self,
        target: &JsValue,
        interface: &str,
        method: &str,
        args: &[JsValue],
    ) -> Result<JsValue, Error> {
        match &self.closed {
            Some(closed) => {
                let promise = sys::call(target, interface, method, args)?;
                operation::settle(js_sys::Promise::resolve(&promise), closed).await
            }
            None => sys::call_async(target, interface, method, args).await,
        }
    }

    /// `stream`, ended when the connection closes (see [`operation::ended_with`]).
    pub(crate) fn bound<T: 'static>(&self, stream: EventStream<T>) -> EventStream<T> {
        operation::ended_with(stream, self.closed.as_ref())
    }
}
