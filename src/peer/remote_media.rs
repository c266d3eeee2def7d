//! [`RemoteMedia`]: the media sections of a connection's remote description, as
//! `add_ice_candidate` checks a candidate's mid and m-line index against them, read from the
//! browser only when the description may have changed.
//!
//! A remote description is applied by `setRemoteDescription` and undone by a rollback, and each
//! changes the connection's signaling state but one: a provisional answer that replaces another,
//! which answers the same offer and so has the same media sections. What was read therefore
//! stays right until the next `signalingstatechange`, whoever applied the description (this
//! crate or JavaScript). Reading `remoteDescription` again for every candidate copied the whole
//! SDP into wasm memory each time and scanned it: Firefox builds the description anew on each
//! read, and the bench's trickled setup paid ~0.25 ms for it in Firefox 153's answering step.
//! A description this crate applies itself is not read back at all: its SDP is at hand.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::candidate::IceCandidate;
use crate::error::Error;
use crate::event::Listener;
use crate::sys::PeerConnectionExt;

/// The media sections of one remote description.
struct Sections {
    /// Their `a=mid:` values.
    mids: Vec<String>,
    /// How many `m=` lines it has.
    m_lines: usize,
}

impl Sections {
    fn of(sdp: &str) -> Self {
        Sections {
            mids: sdp
                .lines()
                .filter_map(|l| l.strip_prefix("a=mid:"))
                .map(|mid| mid.trim().to_owned())
                .collect(),
            m_lines: sdp.lines().filter(|l| l.starts_with("m=")).count(),
        }
    }
}

/// What was read, and the listener that says when to read again.
struct Known {
    /// `None`: the connection had no remote description.
    sections: Option<Sections>,
    /// Set by `signalingstatechange`: read again.
    stale: Rc<Cell<bool>>,
    /// The connection's `signalingstatechange`, which sets `stale`; detached with this.
    _listener: Listener,
}

impl Known {
    /// Nothing read yet, and `pc`'s `signalingstatechange` listened to.
    fn listening(pc: &PeerConnectionExt) -> Self {
        let stale = Rc::new(Cell::new(true));
        let mark = stale.clone();
        Known {
            sections: None,
            stale,
            _listener: Listener::new(pc.as_ref(), "signalingstatechange", move |_| mark.set(true)),
        }
    }
}

/// The remote description's media sections, kept until the browser may have changed them.
#[derive(Default)]
pub(super) struct RemoteMedia {
    known: RefCell<Option<Known>>,
    /// Set by [`clear`](RemoteMedia::clear): a call that settles after the close attaches no
    /// listener again.
    cleared: Cell<bool>,
}

impl RemoteMedia {
    /// The spec's check of `addIceCandidate` against `pc`'s remote description now: an
    /// [`Error::InvalidState`] without one, an [`Error::Operation`] for a mid or m-line index
    /// it does not have; [`Error::Closed`] once the connection is closed.
    pub(super) fn check(
        &self,
        pc: &PeerConnectionExt,
        candidate: &IceCandidate,
    ) -> Result<(), Error> {
        if self.cleared.get() {
            return Err(Error::Closed);
        }
        let mut known = self.known.borrow_mut();
        let known = known.get_or_insert_with(|| Known::listening(pc));
        if known.stale.replace(false) {
            known.sections =
                super::description_from_js(crate::attribute::member(pc, "remoteDescription").ok())
                    .map(|remote| Sections::of(&remote.sdp));
        }
        let Some(sections) = &known.sections else {
            return Err(Error::InvalidState(
                "addIceCandidate needs a remote description first".into(),
            ));
        };
        match (&candidate.sdp_mid, candidate.sdp_m_line_index) {
            (Some(mid), _) if !sections.mids.contains(mid) => Err(Error::Operation(format!(
                "the remote description has no media section with mid {mid:?}"
            ))),
            (None, Some(index)) if usize::from(index) >= sections.m_lines => Err(Error::Operation(
                format!("the remote description has no m-line {index}"),
            )),
            _ => Ok(()),
        }
    }

    /// Takes `sdp`, a remote description this crate has just applied to `pc` (not a rollback),
    /// for what the browser has, so that the next check need not read it back: a description
    /// keeps the media sections it was given.
    pub(super) fn applied(&self, pc: &PeerConnectionExt, sdp: &str) {
        if self.cleared.get() {
            return;
        }
        let mut known = self.known.borrow_mut();
        let known = known.get_or_insert_with(|| Known::listening(pc));
        known.sections = Some(Sections::of(sdp));
        known.stale.set(false);
    }

    /// Detaches the listener (the connection is closed: nothing changes any more).
    pub(super) fn clear(&self) {
        self.cleared.set(true);
        self.known.borrow_mut().take();
    }
}
