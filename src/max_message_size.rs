//! [`MaxMessageSize`]: a connection's `sctp.maxMessageSize` as a channel checks it before every
//! send, read from the browser only when it may have changed.
//!
//! The spec updates `[[MaxMessageSize]]` when a remote description is applied and when the SCTP
//! transport connects; the first changes the connection's signaling state, the second the
//! transport's state. So the value read once stays right until one of those events, whoever
//! applied the description (this crate or JavaScript). Reading the attribute on every send cost
//! ~0.45 µs per message in Chromium 156 and ~0.3 µs in Firefox 153 (the bench's send-cost case):
//! a third of what a raw `send()` costs.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::event::Listener;
use crate::sys::{PeerConnectionExt, RtcSctpTransport};

/// What is known once the browser has an SCTP transport (it never changes after).
struct Known {
    /// The value last read (`None`: no limit the browser reports).
    value: Option<f64>,
    /// Set by the events after which the value may differ: read it again.
    stale: Rc<Cell<bool>>,
    sctp: RtcSctpTransport,
    /// The connection's `signalingstatechange` and the transport's `statechange`, which set
    /// `stale`; detached with this.
    _listeners: [Listener; 2],
}

/// A connection's `sctp.maxMessageSize`, kept until the browser may have changed it.
pub(crate) struct MaxMessageSize {
    /// The connection (a JS reference, not a handle: a channel does not keep it open); `None`
    /// for a channel wrapped without it, which then has no limit to check.
    pc: Option<PeerConnectionExt>,
    known: RefCell<Option<Known>>,
}

impl MaxMessageSize {
    /// The limit of `pc`'s channels (none to check without a connection).
    pub(crate) fn new(pc: Option<PeerConnectionExt>) -> Self {
        MaxMessageSize {
            pc,
            known: RefCell::new(None),
        }
    }

    /// The largest message the connection can send now, or `None` while the browser does not
    /// know it (before the SCTP transport exists) or reports none.
    pub(crate) fn get(&self) -> Option<f64> {
        let mut known = self.known.borrow_mut();
        if known.is_none() {
            let pc = self.pc.as_ref()?;
            let sctp = pc.sctp()?;
            let stale = Rc::new(Cell::new(true));
            let mark = |stale: &Rc<Cell<bool>>| {
                let stale = stale.clone();
                move |_| stale.set(true)
            };
            let listeners = [
                Listener::new(pc.as_ref(), "signalingstatechange", mark(&stale)),
                Listener::new(sctp.as_ref(), "statechange", mark(&stale)),
            ];
            *known = Some(Known {
                value: None,
                stale,
                sctp,
                _listeners: listeners,
            });
        }
        let known = known.as_mut()?;
        if known.stale.replace(false) {
            known.value = known.sctp.max_message_size().filter(|n| *n > 0.0);
        }
        known.value
    }
}
