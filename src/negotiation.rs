//! [`Negotiator`]: MDN's "perfect negotiation" between one [`PeerConnection`] and one signaling
//! transport, so that either side may change the call at any time, both at once included.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::future::{AbortHandle, Abortable, Fuse, FusedFuture, FutureExt};
use futures::stream::{SplitSink, SplitStream};
use futures::{select, Sink, Stream, StreamExt};

use crate::candidate::IceCandidate;
use crate::config::SessionDescription;
use crate::enums::{PeerConnectionState, SdpType, SignalingState};
use crate::error::Error;
use crate::event::EventStream;
use crate::peer::{PeerConnection, WeakPeerConnection};
use crate::reconnect::{CallState, ReconnectPolicy};
use crate::signaling::Signal;
use crate::timer::timer;

/// Who this side is in a call: its peer id, the call's id, and whether it yields when both
/// sides offer at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NegotiatorOptions {
    /// This peer's id, sent as every signal's `from` (signals from it are ignored: an echo).
    pub peer_id: String,
    /// The call's id: signals of any other call are reported as [`Error::Data`] and ignored.
    pub call_id: String,
    /// The polite peer rolls its own offer back when offers cross; the impolite one ignores the
    /// other's. Exactly one side of a call must be polite.
    pub polite: bool,
    /// When to restart ICE to bring a broken call back (on by default).
    pub reconnect: ReconnectPolicy,
}

impl NegotiatorOptions {
    /// Options for `peer_id` in `call_id`, polite or not, with the default [`ReconnectPolicy`].
    pub fn new(peer_id: impl Into<String>, call_id: impl Into<String>, polite: bool) -> Self {
        NegotiatorOptions {
            peer_id: peer_id.into(),
            call_id: call_id.into(),
            polite,
            reconnect: ReconnectPolicy::default(),
        }
    }

    /// Sets the reconnection policy ([`ReconnectPolicy::disabled`] for none).
    pub fn reconnect(mut self, policy: ReconnectPolicy) -> Self {
        self.reconnect = policy;
        self
    }
}

/// What a [`Negotiator`] did or saw, for a UI to show and a test to check.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum NegotiationEvent {
    /// A peer said `hello` (for the first time, or again after its `bye`).
    PeerJoined(String),
    /// A peer said `bye`.
    PeerLeft(String),
    /// This side sent its offer or answer.
    Sent(SdpType),
    /// This side applied the other's offer or answer.
    Received(SdpType),
    /// Offers crossed and this (impolite) side ignored the other's.
    IgnoredOffer,
    /// Offers crossed and this (polite) side rolled its own back to take the other's.
    RolledBack,
    /// A signal that could not be used — not a signal, another call's, a description or
    /// candidate the browser refused — or a signal that could not be sent. Negotiation goes on.
    Error(Error),
}

/// Runs perfect negotiation (as MDN describes it) for `pc` over a signaling transport: answers
/// offers, offers when the connection needs negotiation (`negotiationneeded`), trickles
/// candidates both ways, and resolves glare by politeness — the polite side rolls its offer back
/// (implicitly in `setRemoteDescription` where the browser does, explicitly where it does not),
/// the impolite side ignores the other's offer and the candidates that follow it.
///
/// It reads the connection's shared [`negotiation_needed`](PeerConnection::negotiation_needed)
/// and [`ice_candidate_events`](PeerConnection::ice_candidate_events) queues: do not read them
/// beside it. It says `hello` when it starts and `bye` when dropped. A peer that joins later
/// (through a server, a peer that starts second never hears the first one's `hello`) gets a
/// `hello` back, and this side's offer again if it is still waiting for an answer: what was
/// sent before a peer arrived is not lost. It never keeps the
/// connection alive (it holds it only while one of its calls on it is in flight: dropping the
/// last handle closes the connection as soon as that call returns, and the negotiator's events
/// end); dropping the negotiator stops everything it runs and closes the transport.
///
/// ```no_run
/// use wasm_rtc::{BroadcastChannelSignaling, Configuration, DataChannelOptions};
/// use wasm_rtc::{Negotiator, NegotiatorOptions, PeerConnection};
/// # fn run() -> Result<(), wasm_rtc::Error> {
/// let pc = PeerConnection::new(&Configuration::new())?;
/// let room = BroadcastChannelSignaling::open("room-42")?;
/// let negotiator = Negotiator::start(&pc, room, NegotiatorOptions::new("alice", "call-1", true));
/// // Anything that needs negotiation now just happens:
/// let chat = pc.create_data_channel("chat", &DataChannelOptions::new())?;
/// # Ok(()) }
/// ```
pub struct Negotiator {
    events: EventStream<NegotiationEvent>,
    call: Rc<CallStates>,
    outgoing: Rc<RefCell<Outgoing>>,
    task: AbortHandle,
    /// Who says `bye` on drop.
    bye: Signal,
}

/// The transport's sending half, behind a trait object so the negotiator's type does not name
/// the transport's.
type Outgoing = Pin<Box<dyn Sink<Signal, Error = Error>>>;

impl Negotiator {
    /// Starts negotiating `pc` over `transport` as `options` says.
    pub fn start<T>(pc: &PeerConnection, transport: T, options: NegotiatorOptions) -> Self
    where
        T: Sink<Signal, Error = Error> + Stream<Item = Result<Signal, Error>> + 'static,
    {
        let (sink, stream): (SplitSink<T, Signal>, SplitStream<T>) = transport.split();
        let outgoing: Rc<RefCell<Outgoing>> = Rc::new(RefCell::new(Box::pin(sink)));
        let events = EventStream::new();
        let call = Rc::new(CallStates::default());
        let bye = Signal::Bye {
            from: options.peer_id.clone(),
            call: options.call_id.clone(),
        };
        let run = Run {
            pc: pc.downgrade(),
            negotiation_needed: pc.negotiation_needed(),
            candidates: pc.ice_candidate_events(),
            states: pc.connection_states(),
            call: call.clone(),
            attempts: 0,
            first_offerer: None,
            outgoing: outgoing.clone(),
            events: events.clone(),
            options,
            ignore_offer: false,
            held: Vec::new(),
            peers: HashSet::new(),
        };
        let (task, registration) = AbortHandle::new_pair();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = Abortable::new(run.run(stream), registration).await;
        });
        Negotiator {
            events,
            call,
            outgoing,
            task,
            bye,
        }
    }

    /// What it does and sees, from its start (buffered; clones share one queue). It ends when
    /// the connection is closed or gone, the transport ends, or the negotiator is dropped.
    pub fn events(&self) -> EventStream<NegotiationEvent> {
        self.events.clone()
    }

    /// The call's state as the reconnection policy sees it — connecting, connected,
    /// reconnecting (restart number `n`), failed, closed — now, then at each change: a value a
    /// UI can bind. Each call gives a stream of its own. It ends when the negotiator does.
    pub fn call_states(&self) -> EventStream<CallState> {
        self.call.subscribe()
    }
}

/// The call's state and the streams that follow it (see [`Negotiator::call_states`]).
struct CallStates {
    now: Cell<CallState>,
    readers: RefCell<Vec<EventStream<CallState>>>,
}

impl Default for CallStates {
    fn default() -> Self {
        CallStates {
            now: Cell::new(CallState::Connecting),
            readers: RefCell::new(Vec::new()),
        }
    }
}

impl CallStates {
    fn subscribe(&self) -> EventStream<CallState> {
        let stream = EventStream::new();
        stream.push(self.now.get());
        self.readers.borrow_mut().push(stream.clone());
        stream
    }

    fn set(&self, state: CallState) {
        if self.now.replace(state) == state {
            return;
        }
        let mut readers = self.readers.borrow_mut();
        readers.retain(EventStream::has_reader);
        for reader in readers.iter() {
            reader.push(state);
        }
    }

    fn end(&self) {
        for reader in self.readers.borrow_mut().drain(..) {
            reader.end();
        }
    }
}

impl Drop for Negotiator {
    fn drop(&mut self) {
        self.task.abort();
        self.events.end();
        self.call.end();
        // `bye`, if the transport can take it now.
        if let Ok(mut outgoing) = self.outgoing.try_borrow_mut() {
            let waker = futures::task::noop_waker();
            let mut cx = Context::from_waker(&waker);
            if let Poll::Ready(Ok(())) = outgoing.as_mut().poll_ready(&mut cx) {
                let _ = outgoing.as_mut().start_send(self.bye.clone());
                let _ = outgoing.as_mut().poll_close(&mut cx);
            }
        }
    }
}

/// The negotiation task's state.
struct Run {
    pc: WeakPeerConnection,
    negotiation_needed: EventStream<()>,
    candidates: EventStream<Option<IceCandidate>>,
    /// The connection's state, for the reconnection policy.
    states: EventStream<PeerConnectionState>,
    call: Rc<CallStates>,
    /// ICE restarts since the connection was last connected.
    attempts: u32,
    /// Whether this side made the call's first offer (`None` until one was answered). Only it
    /// restarts ICE: the answer to a restart must keep each side's DTLS role, and Firefox,
    /// answering, takes the client role whatever it had (Chromium then refuses the answer:
    /// "Failed to set SSL role for the transport"); the first offerer's peer is the client.
    first_offerer: Option<bool>,
    outgoing: Rc<RefCell<Outgoing>>,
    events: EventStream<NegotiationEvent>,
    options: NegotiatorOptions,
    /// Whether the last offer was ignored (glare, impolite).
    ignore_offer: bool,
    /// The candidates that came while an offer was ignored, or before any remote description:
    /// they are kept for the next remote description, because the polite side may answer with
    /// the very transport they belong to (Chromium keeps the ICE credentials of a rolled-back
    /// offer and does not gather again), and a late peer receives the offer they belong to only
    /// when it is sent again; the call could not connect without them. Applied then; their
    /// failures are expected.
    held: Vec<Option<IceCandidate>>,
    /// The peers that said `hello` (and not `bye` since).
    peers: HashSet<String>,
}

/// The most candidates held for a remote description (see `Run::held`).
const MOST_HELD_CANDIDATES: usize = 1000;

/// Keeps `candidate` in `held` until a remote description comes: [`Error::Data`] (and nothing
/// kept) once [`MOST_HELD_CANDIDATES`] are waiting. Both negotiators hold candidates this way.
pub(crate) fn hold<T>(held: &mut Vec<T>, candidate: T) -> Result<(), Error> {
    if held.len() >= MOST_HELD_CANDIDATES {
        return Err(Error::Data(format!(
            "over {MOST_HELD_CANDIDATES} candidates held for a remote description"
        )));
    }
    held.push(candidate);
    Ok(())
}

/// The reconnection policy's next action (see `Run::restart`).
type Restart = Pin<Box<Fuse<gloo_timers::future::TimeoutFuture>>>;

impl Run {
    async fn run<S>(mut self, incoming: S)
    where
        S: Stream<Item = Result<Signal, Error>> + Unpin,
    {
        let mut incoming = incoming.fuse();
        self.send(Signal::Hello {
            from: self.options.peer_id.clone(),
            call: self.options.call_id.clone(),
        })
        .await;
        // `fuse()`, though the streams are fused already: `select!` skips a stream that says it
        // is terminated, and the loop must see the end (`None`) of this one to stop.
        let mut negotiation_needed = self.negotiation_needed.clone().fuse();
        let mut candidates = self.candidates.clone().fuse();
        let mut states = self.states.clone().fuse();
        // When the reconnection policy acts next, if it has something to do.
        let mut restart: Restart = Box::pin(Fuse::terminated());
        loop {
            select! {
                state = states.next() => if let Some(state) = state {
                    self.connection_state(state, &mut restart);
                },
                () = restart => self.restart(&mut restart),
                needed = negotiation_needed.next() => match needed {
                    Some(()) => self.offer().await,
                    None => break,
                },
                candidate = candidates.next() => if let Some(candidate) = candidate {
                    let (from, call) = (self.options.peer_id.clone(), self.options.call_id.clone());
                    self.send(match candidate {
                        Some(candidate) => Signal::Candidate { from, call, candidate },
                        None => Signal::EndOfCandidates { from, call },
                    })
                    .await;
                },
                signal = incoming.next() => match signal {
                    Some(Ok(signal)) => self.receive(signal).await,
                    Some(Err(error)) => self.report(NegotiationEvent::Error(error)),
                    None => break,
                },
            }
        }
        // The connection is gone (or the transport ended): nothing more will happen.
        self.events.end();
        let closed = self.pc.upgrade().map_or(true, |pc| {
            pc.connection_state() == PeerConnectionState::Closed
        });
        if closed {
            self.call.set(CallState::Closed);
        }
        self.call.end();
    }

    /// A new connection state, as the reconnection policy sees it.
    fn connection_state(&mut self, state: PeerConnectionState, restart: &mut Restart) {
        let policy = &self.options.reconnect;
        match state {
            PeerConnectionState::Connected => {
                self.attempts = 0;
                restart.set(Fuse::terminated());
                self.call.set(CallState::Connected);
            }
            PeerConnectionState::Closed => {
                restart.set(Fuse::terminated());
                self.call.set(CallState::Closed);
            }
            PeerConnectionState::Failed if !policy.enabled => self.call.set(CallState::Failed),
            // A restart under way has its own timer; a new break gets one.
            PeerConnectionState::Failed if self.attempts == 0 => {
                restart.set(timer(Duration::ZERO).fuse());
            }
            PeerConnectionState::Disconnected
                if policy.enabled && self.attempts == 0 && restart.is_terminated() =>
            {
                restart.set(timer(policy.disconnected_after).fuse());
            }
            _ => {}
        }
    }

    /// The policy's timer: restart ICE (again), or give up.
    fn restart(&mut self, restart: &mut Restart) {
        let Some(pc) = self.pc.upgrade() else { return };
        if pc.connection_state() == PeerConnectionState::Connected {
            return;
        }
        let policy = &self.options.reconnect;
        if self.attempts >= policy.max_attempts {
            self.call.set(CallState::Failed);
            return;
        }
        self.attempts += 1;
        self.call.set(CallState::Reconnecting(self.attempts));
        restart.set(timer(policy.delay(self.attempts)).fuse());
        if self.first_offerer == Some(false) {
            // The other side restarts (see `first_offerer`); this one answers.
            return;
        }
        // `negotiationneeded` follows: the offer it makes restarts ICE on both sides.
        if let Err(error) = pc.restart_ice() {
            self.report(NegotiationEvent::Error(error));
        }
    }

    fn report(&self, event: NegotiationEvent) {
        self.events.push(event);
    }

    async fn send(&self, signal: Signal) {
        // Borrowed for each poll only, so that the negotiator's `Drop` can always say `bye`.
        let mut signal = Some(signal);
        let sent = futures::future::poll_fn(|cx| {
            let mut outgoing = self.outgoing.borrow_mut();
            futures::ready!(outgoing.as_mut().poll_ready(cx))?;
            if let Some(signal) = signal.take() {
                outgoing.as_mut().start_send(signal)?;
            }
            outgoing.as_mut().poll_flush(cx)
        })
        .await;
        if let Err(error) = sent {
            self.report(NegotiationEvent::Error(error));
        }
    }

    /// `negotiationneeded`: offer, when the connection is stable (it fires again once stable if
    /// it is still needed then).
    async fn offer(&mut self) {
        let Some(pc) = self.pc.upgrade() else { return };
        if pc.signaling_state() != SignalingState::Stable {
            return;
        }
        match pc.set_local_description(None).await {
            Ok(offer) => {
                let kind = offer.kind;
                self.send(self.description(offer)).await;
                self.report(NegotiationEvent::Sent(kind));
            }
            Err(Error::Closed) => {}
            Err(error) => self.report(NegotiationEvent::Error(error)),
        }
    }

    fn description(&self, description: SessionDescription) -> Signal {
        Signal::Description {
            from: self.options.peer_id.clone(),
            call: self.options.call_id.clone(),
            description,
        }
    }

    async fn receive(&mut self, signal: Signal) {
        if signal.from() == self.options.peer_id {
            return;
        }
        if signal.call() != self.options.call_id {
            self.report(NegotiationEvent::Error(Error::Data(format!(
                "a signal for call {:?} (this is {:?})",
                signal.call(),
                self.options.call_id
            ))));
            return;
        }
        let Some(pc) = self.pc.upgrade() else { return };
        let result = match signal {
            Signal::Hello { from, .. } => {
                self.greet(&pc, from).await;
                Ok(())
            }
            Signal::Bye { from, .. } => {
                self.peers.remove(&from);
                self.report(NegotiationEvent::PeerLeft(from));
                Ok(())
            }
            Signal::Description { description, .. } => self.apply(&pc, description).await,
            Signal::Candidate { candidate, .. } => self.candidate(&pc, Some(&candidate)).await,
            Signal::EndOfCandidates { .. } => self.candidate(&pc, None).await,
        };
        match result {
            Ok(()) | Err(Error::Closed) => {}
            Err(error) => self.report(NegotiationEvent::Error(error)),
        }
    }

    /// A peer said `hello`: a new one hears `hello` back (it may have come after this side's),
    /// and this side's offer again if it still waits for an answer (it may have gone out to
    /// nobody). A known peer's repeated `hello` changes nothing: two peers greet once each.
    async fn greet(&mut self, pc: &PeerConnection, from: String) {
        if !self.peers.insert(from.clone()) {
            return;
        }
        self.report(NegotiationEvent::PeerJoined(from));
        self.send(Signal::Hello {
            from: self.options.peer_id.clone(),
            call: self.options.call_id.clone(),
        })
        .await;
        if pc.signaling_state() == SignalingState::HaveLocalOffer {
            if let Some(offer) = pc.pending_local_description() {
                self.send(self.description(offer)).await;
                self.report(NegotiationEvent::Sent(SdpType::Offer));
            }
        }
    }

    /// A remote offer or answer, with glare resolved by politeness.
    async fn apply(
        &mut self,
        pc: &PeerConnection,
        description: SessionDescription,
    ) -> Result<(), Error> {
        let kind = description.kind;
        let state = pc.signaling_state();
        // The spec checks the type against the state before the SDP (Firefox does; Chromium
        // parses first): checked here, so an out-of-place answer is the same error everywhere.
        let answer_expected = matches!(
            state,
            SignalingState::HaveLocalOffer | SignalingState::HaveRemotePranswer
        );
        if matches!(kind, SdpType::Answer | SdpType::Pranswer) && !answer_expected {
            return Err(Error::InvalidState(format!(
                "an answer ({}) in signaling state {state}: no offer of this side waits for one",
                kind.as_str()
            )));
        }
        if kind == SdpType::Offer && is_repeated(pc, &description) {
            // The same offer again (re-sent to a peer that joined late): already applied.
            return Ok(());
        }
        let collision = kind == SdpType::Offer && state != SignalingState::Stable;
        self.ignore_offer = collision && !self.options.polite;
        if self.ignore_offer {
            self.report(NegotiationEvent::IgnoredOffer);
            return Ok(());
        }
        if let Err(error) = pc.set_remote_description(&description).await {
            // A browser without implicit rollback refuses an offer in have-local-offer: roll
            // back explicitly, then apply it.
            if !(collision && pc.signaling_state() == SignalingState::HaveLocalOffer) {
                return Err(error);
            }
            pc.set_local_description(Some(&SessionDescription::rollback()))
                .await?;
            pc.set_remote_description(&description).await?;
        }
        if self.first_offerer.is_none() {
            self.first_offerer = Some(kind != SdpType::Offer);
        }
        for held in std::mem::take(&mut self.held) {
            let _ = pc.add_ice_candidate(held.as_ref()).await;
        }
        if collision {
            self.report(NegotiationEvent::RolledBack);
        }
        self.report(NegotiationEvent::Received(kind));
        if kind == SdpType::Offer {
            let answer = pc.set_local_description(None).await?;
            let answer_kind = answer.kind;
            self.send(self.description(answer)).await;
            self.report(NegotiationEvent::Sent(answer_kind));
        }
        Ok(())
    }

    /// A remote candidate (`None`: end of candidates), held while an offer is ignored or no
    /// remote description has come yet (through a server, a peer that joins late can receive
    /// the candidates of an offer it never saw; they belong to the offer sent again for it).
    async fn candidate(
        &mut self,
        pc: &PeerConnection,
        candidate: Option<&IceCandidate>,
    ) -> Result<(), Error> {
        if !self.ignore_offer {
            if let Some(remote) = pc.remote_description() {
                if candidate.is_some_and(|c| is_stale(c, &remote.sdp)) {
                    // Of an ICE generation the other side has left (a rolled-back offer, the
                    // time before a restart), trickled before it knew: nothing to apply.
                    return Ok(());
                }
                return pc.add_ice_candidate(candidate).await;
            }
        }
        hold(&mut self.held, candidate.cloned())
    }
}

/// Whether `offer` is the remote description already applied: the same session and version in
/// its `o=` line (RFC 4566: a changed description has a higher version), which browsers keep
/// when they add candidates to the description.
fn is_repeated(pc: &PeerConnection, offer: &SessionDescription) -> bool {
    let applied = pc.remote_description();
    match (
        origin(&offer.sdp),
        applied.as_ref().and_then(|d| origin(&d.sdp)),
    ) {
        (Some(new), Some(applied)) => new == applied,
        _ => false,
    }
}

/// Whether `candidate` names an ICE username fragment that `remote_sdp` does not have: one of
/// a generation the other side has left. `false` when either says nothing of it.
fn is_stale(candidate: &IceCandidate, remote_sdp: &str) -> bool {
    let Some(ufrag) = candidate
        .username_fragment
        .clone()
        .or_else(|| candidate.fields().ok()?.username_fragment)
    else {
        return false;
    };
    let mut known = remote_sdp
        .lines()
        .filter_map(|line| line.trim_end().strip_prefix("a=ice-ufrag:"))
        .peekable();
    known.peek().is_some() && !known.any(|known| known == ufrag)
}

/// The session id and version of an SDP's `o=` line.
fn origin(sdp: &str) -> Option<(&str, &str)> {
    let line = sdp.lines().find(|line| line.starts_with("o="))?;
    let mut fields = line.split_ascii_whitespace().skip(1);
    Some((fields.next()?, fields.next()?))
}

#[cfg(test)]
mod tests {
    use super::{is_stale, origin};
    use crate::candidate::IceCandidate;

    #[test]
    fn a_candidate_of_a_left_generation_is_stale() {
        let sdp = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=ice-ufrag:Zwod\r\n\
                   m=audio 9 UDP/TLS/RTP/SAVPF 111\r\na=ice-ufrag:Zwod\r\n";
        let line = "candidate:1 1 udp 2122260223 192.0.2.2 54321 typ host generation 0";
        let with = |ufrag: &str| IceCandidate {
            username_fragment: Some(ufrag.into()),
            ..IceCandidate::new(line, Some("0"), Some(0))
        };
        assert!(!is_stale(&with("Zwod"), sdp));
        assert!(is_stale(&with("Abcd"), sdp));
        // The fragment from the candidate line when the field is missing.
        let in_line = IceCandidate::new(format!("{line} ufrag Abcd"), Some("0"), Some(0));
        assert!(is_stale(&in_line, sdp));
        // Nothing to compare: not stale.
        assert!(!is_stale(&IceCandidate::new(line, Some("0"), Some(0)), sdp));
        assert!(!is_stale(&with("Abcd"), "v=0\r\n"));
    }

    #[test]
    fn origin_is_the_session_id_and_version() {
        let sdp = "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\n";
        assert_eq!(origin(sdp), Some(("4611731400430051336", "2")));
        assert_eq!(origin("v=0\r\ns=-\r\n"), None);
        assert_eq!(origin("o=-\r\n"), None);
    }
}
