//! A connection's states: each read now, as a stream of changes, and as a stream a UI can bind
//! (the current value first, each change, `closed` at the end).

use super::PeerConnection;
use crate::attribute;
use crate::enums::{IceConnectionState, IceGatheringState, PeerConnectionState, SignalingState};
use crate::event::{state_stream, Emit, EventStream};

impl PeerConnection {
    fn state_string(&self, name: &'static str) -> String {
        attribute::string_attribute(self.raw(), name).unwrap_or_default()
    }

    /// `signalingState`.
    pub fn signaling_state(&self) -> SignalingState {
        SignalingState::parse(&self.state_string("signalingState"))
    }

    /// `iceGatheringState`.
    pub fn ice_gathering_state(&self) -> IceGatheringState {
        IceGatheringState::parse(&self.state_string("iceGatheringState"))
    }

    /// `iceConnectionState`.
    pub fn ice_connection_state(&self) -> IceConnectionState {
        IceConnectionState::parse(&self.state_string("iceConnectionState"))
    }

    /// `connectionState`.
    pub fn connection_state(&self) -> PeerConnectionState {
        PeerConnectionState::parse(&self.state_string("connectionState"))
    }

    /// A stream of the values of `attribute` after each `event`, from now on.
    fn state_changes<T: 'static>(
        &self,
        event: &'static str,
        attribute: &'static str,
        parse: fn(&str) -> T,
    ) -> EventStream<T> {
        let raw = self.inner.raw.clone();
        let stream = EventStream::new().on(self.raw().as_ref(), event, move |_| {
            Emit::Item(parse(
                &attribute::string_attribute(&raw, attribute).unwrap_or_default(),
            ))
        });
        self.inner.owned.track(stream)
    }

    /// The new `signalingState` after each `signalingstatechange`, from now on. Ends when the
    /// connection is closed or dropped.
    pub fn signaling_state_changes(&self) -> EventStream<SignalingState> {
        self.state_changes(
            "signalingstatechange",
            "signalingState",
            SignalingState::parse,
        )
    }

    /// The new `iceGatheringState` after each `icegatheringstatechange`, from now on.
    pub fn ice_gathering_state_changes(&self) -> EventStream<IceGatheringState> {
        self.state_changes(
            "icegatheringstatechange",
            "iceGatheringState",
            IceGatheringState::parse,
        )
    }

    /// The new `iceConnectionState` after each `iceconnectionstatechange`, from now on.
    pub fn ice_connection_state_changes(&self) -> EventStream<IceConnectionState> {
        self.state_changes(
            "iceconnectionstatechange",
            "iceConnectionState",
            IceConnectionState::parse,
        )
    }

    /// The new `connectionState` after each `connectionstatechange`, from now on.
    pub fn connection_state_changes(&self) -> EventStream<PeerConnectionState> {
        self.state_changes(
            "connectionstatechange",
            "connectionState",
            PeerConnectionState::parse,
        )
    }

    /// A stream of `attribute` a UI can bind (see [`state_stream`]), ended by the connection's
    /// close or drop.
    fn states<T: Clone + PartialEq + 'static>(
        &self,
        event: &'static str,
        attribute: &'static str,
        parse: fn(&str) -> T,
        closed: Option<T>,
    ) -> EventStream<T> {
        let raw = self.inner.raw.clone();
        let read = move || parse(&attribute::string_attribute(&raw, attribute).unwrap_or_default());
        let is_final = |_: &T| false;
        let stream = state_stream(self.raw().as_ref(), &[event], read, is_final, closed);
        self.inner.owned.track(stream)
    }

    /// `connectionState` now, then at every change, then `closed` when the connection closes
    /// (by [`close`](Self::close) or its last handle dropping) — where the spec fires no event —
    /// and the stream ends: a value a UI can bind. Unlike
    /// [`connection_state_changes`](Self::connection_state_changes), which yields only the
    /// changes after it is made and ends without a value.
    ///
    /// ```no_run
    /// use futures::StreamExt;
    /// # async fn show(pc: wasm_rtc::PeerConnection) {
    /// let mut states = pc.connection_states();
    /// while let Some(state) = states.next().await {
    ///     web_sys::console::log_1(&state.as_str().into()); // new, connecting, connected, …, closed
    /// }
    /// # }
    /// ```
    pub fn connection_states(&self) -> EventStream<PeerConnectionState> {
        self.states(
            "connectionstatechange",
            "connectionState",
            PeerConnectionState::parse,
            Some(PeerConnectionState::Closed),
        )
    }

    /// `iceConnectionState` now, then at every change, then `closed` as the connection closes,
    /// and the stream ends (see [`connection_states`](Self::connection_states)).
    pub fn ice_connection_states(&self) -> EventStream<IceConnectionState> {
        self.states(
            "iceconnectionstatechange",
            "iceConnectionState",
            IceConnectionState::parse,
            Some(IceConnectionState::Closed),
        )
    }

    /// `signalingState` now, then at every change, then `closed` as the connection closes, and
    /// the stream ends (see [`connection_states`](Self::connection_states)).
    pub fn signaling_states(&self) -> EventStream<SignalingState> {
        self.states(
            "signalingstatechange",
            "signalingState",
            SignalingState::parse,
            Some(SignalingState::Closed),
        )
    }

    /// `iceGatheringState` now, then at every change; the stream ends when the connection
    /// closes — with no value of its own: the spec has no closed gathering state (see
    /// [`connection_states`](Self::connection_states)).
    pub fn ice_gathering_states(&self) -> EventStream<IceGatheringState> {
        self.states(
            "icegatheringstatechange",
            "iceGatheringState",
            IceGatheringState::parse,
            None,
        )
    }
}
