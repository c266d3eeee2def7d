//! [`SimplePeerNegotiator`]: a [`PeerConnection`] in a call with a
//! [simple-peer](https://github.com/feross/simple-peer) 9 peer, negotiated the way simple-peer
//! negotiates: only the initiator offers; the responder asks it to.

use std::pin::Pin;

use futures::future::{AbortHandle, Abortable};
use futures::stream::{SplitSink, SplitStream};
use futures::{select, Sink, SinkExt, Stream, StreamExt};

use crate::candidate::IceCandidate;
use crate::config::SessionDescription;
use crate::enums::{SdpType, SignalingState};
use crate::error::Error;
use crate::event::EventStream;
use crate::negotiation::{hold, NegotiationEvent};
use crate::peer::{PeerConnection, WeakPeerConnection};
use crate::rtp::{RtpTransceiver, TransceiverInit, TransceiverMedia};
use crate::signaling::{SimplePeerSignal, TransceiverRequest};

/// Negotiates `pc` with a simple-peer 9 peer over a transport of [`SimplePeerSignal`]s (any
/// `Sink<SimplePeerSignal, Error = Error> + Stream<Item = Result<SimplePeerSignal, Error>>`;
/// the JSON on the wire is [`SimplePeerSignal::to_json`]'s, what simple-peer's `signal` event
/// gives and its `signal()` takes).
///
/// simple-peer's model is not perfect negotiation: one side is the *initiator* and makes every
/// offer; the other answers, and when it needs a change it asks — `renegotiate`, or a
/// `transceiverRequest` for a track it added (a responder cannot add an m-line). This
/// negotiator plays either part:
///
/// - **initiator** (`new SimplePeer({ initiator: false })` on the other side): it offers on
///   `negotiationneeded`, again on a `renegotiate` request (later, if an offer is under way),
///   and adds the transceiver a `transceiverRequest` asks for (which makes the next offer).
///   Create the data channel before starting: simple-peer's responder takes the first channel
///   it is given as its own.
/// - **responder** (the other side is `initiator: true`): it answers each offer; after its
///   answer, a track added here without an m-line of its own is asked for with a
///   `transceiverRequest`, and any other change with `renegotiate`. simple-peer's own channel
///   arrives on [`PeerConnection::data_channels`].
///
/// Candidates trickle both ways (simple-peer has no end-of-candidates); candidates that come
/// before the remote description are held for it. Nothing is sent on drop (simple-peer has no
/// `bye`): closing the connection ends the call on both sides.
///
/// ```no_run
/// use futures::StreamExt;
/// use wasm_rtc::{PeerConnection, SimplePeerNegotiator, SimplePeerSignal};
///
/// // `transport`: your server's messages, each the JSON of one `SimplePeerSignal`.
/// fn join<T>(pc: &PeerConnection, transport: T) -> SimplePeerNegotiator
/// where
///     T: futures::Sink<SimplePeerSignal, Error = wasm_rtc::Error>
///         + futures::Stream<Item = Result<SimplePeerSignal, wasm_rtc::Error>>
///         + 'static,
/// {
///     // The JavaScript side made `new SimplePeer({ initiator: true })`.
///     SimplePeerNegotiator::start(pc, transport, false)
/// }
/// ```
pub struct SimplePeerNegotiator {
    events: EventStream<NegotiationEvent>,
    task: AbortHandle,
}

impl SimplePeerNegotiator {
    /// Starts negotiating `pc` over `transport`, as the initiator (`true`: this side makes the
    /// offers) or the responder.
    pub fn start<T>(pc: &PeerConnection, transport: T, initiator: bool) -> Self
    where
        T: Sink<SimplePeerSignal, Error = Error>
            + Stream<Item = Result<SimplePeerSignal, Error>>
            + 'static,
    {
        let (sink, stream): (SplitSink<T, SimplePeerSignal>, SplitStream<T>) = transport.split();
        let events = EventStream::new();
        let run = Run {
            pc: pc.downgrade(),
            initiator,
            outgoing: Box::pin(sink),
            events: events.clone(),
            queued: false,
            answered: false,
            requested: Vec::new(),
            held: Vec::new(),
        };
        let streams = (
            pc.negotiation_needed(),
            pc.ice_candidate_events(),
            pc.signaling_states(),
        );
        let (task, registration) = AbortHandle::new_pair();
        wasm_bindgen_futures::spawn_local(async move {
            let _ = Abortable::new(run.run(streams, stream), registration).await;
        });
        SimplePeerNegotiator { events, task }
    }

    /// What it does and sees — [`NegotiationEvent::Sent`], [`Received`](NegotiationEvent::Received),
    /// [`Error`](NegotiationEvent::Error) — from its start (buffered; clones share one queue).
    /// It ends when the connection is closed or gone, the transport ends, or the negotiator is
    /// dropped.
    pub fn events(&self) -> EventStream<NegotiationEvent> {
        self.events.clone()
    }
}

impl Drop for SimplePeerNegotiator {
    fn drop(&mut self) {
        self.task.abort();
        self.events.end();
    }
}

type Outgoing = Pin<Box<dyn Sink<SimplePeerSignal, Error = Error>>>;

/// The negotiation task's state.
struct Run {
    pc: WeakPeerConnection,
    initiator: bool,
    outgoing: Outgoing,
    events: EventStream<NegotiationEvent>,
    /// A negotiation was asked for while one was under way: it follows when stable.
    queued: bool,
    /// Whether this side has answered an offer (a responder asks for changes only after).
    answered: bool,
    /// The transceivers a `transceiverRequest` was sent for (a responder asks once each).
    requested: Vec<RtpTransceiver>,
    /// Remote candidates that came before any remote description.
    held: Vec<IceCandidate>,
}

type Streams = (
    EventStream<()>,
    EventStream<Option<IceCandidate>>,
    EventStream<SignalingState>,
);

impl Run {
    async fn run<S>(mut self, (needed, candidates, states): Streams, incoming: S)
    where
        S: Stream<Item = Result<SimplePeerSignal, Error>> + Unpin,
    {
        let mut incoming = incoming.fuse();
        let mut needed = needed.fuse();
        let mut candidates = candidates.fuse();
        let mut states = states.fuse();
        loop {
            select! {
                need = needed.next() => match need {
                    Some(()) => self.negotiate().await,
                    None => break,
                },
                state = states.next() => match state {
                    Some(SignalingState::Stable) if self.queued => {
                        self.queued = false;
                        self.negotiate().await;
                    }
                    Some(_) => {}
                    None => break,
                },
                candidate = candidates.next() => {
                    if let Some(Some(candidate)) = candidate {
                        self.send(SimplePeerSignal::Candidate(candidate)).await;
                    }
                },
                signal = incoming.next() => match signal {
                    Some(Ok(signal)) => {
                        match self.receive(signal).await {
                            Ok(()) | Err(Error::Closed) => {}
                            Err(error) => self.report(NegotiationEvent::Error(error)),
                        }
                    }
                    Some(Err(error)) => self.report(NegotiationEvent::Error(error)),
                    None => break,
                },
            }
        }
        self.events.end();
    }

    fn report(&self, event: NegotiationEvent) {
        self.events.push(event);
    }

    async fn send(&mut self, signal: SimplePeerSignal) {
        if let Err(error) = self.outgoing.send(signal).await {
            self.report(NegotiationEvent::Error(error));
        }
    }

    /// The connection needs negotiating (or the responder asked): the initiator offers; the
    /// responder asks the initiator to.
    async fn negotiate(&mut self) {
        let Some(pc) = self.pc.upgrade() else { return };
        if pc.signaling_state() != SignalingState::Stable {
            self.queued = true;
            return;
        }
        if self.initiator {
            match pc.set_local_description(None).await {
                Ok(offer) => {
                    self.send(SimplePeerSignal::Description(offer)).await;
                    self.report(NegotiationEvent::Sent(SdpType::Offer));
                }
                Err(Error::Closed) => {}
                Err(error) => self.report(NegotiationEvent::Error(error)),
            }
        } else if self.answered && !self.request_missing_transceivers(&pc).await {
            // Before its first answer a responder waits: the initiator's first offer comes.
            self.send(SimplePeerSignal::Renegotiate).await;
        }
    }

    /// A responder's tracks with no m-line yet, each asked for once; whether any was.
    async fn request_missing_transceivers(&mut self, pc: &PeerConnection) -> bool {
        let mut asked = false;
        for transceiver in pc.get_transceivers() {
            let Some(track) = transceiver.sender().track() else {
                continue;
            };
            if transceiver.mid().is_some() || self.requested.contains(&transceiver) {
                continue;
            }
            self.requested.push(transceiver);
            let request = TransceiverRequest {
                kind: track.kind(),
                init: None,
            };
            self.send(SimplePeerSignal::TransceiverRequest(request))
                .await;
            asked = true;
        }
        asked
    }

    async fn receive(&mut self, signal: SimplePeerSignal) -> Result<(), Error> {
        let Some(pc) = self.pc.upgrade() else {
            return Ok(());
        };
        match signal {
            SimplePeerSignal::Description(description) => self.apply(&pc, description).await,
            SimplePeerSignal::Candidate(candidate) => {
                if pc.remote_description().is_some() {
                    return pc.add_ice_candidate(Some(&candidate)).await;
                }
                hold(&mut self.held, candidate)
            }
            // Requests to the initiator; simple-peer's responder ignores them too.
            SimplePeerSignal::Renegotiate if self.initiator => {
                self.negotiate().await;
                Ok(())
            }
            SimplePeerSignal::TransceiverRequest(request) if self.initiator => {
                let init = TransceiverInit {
                    direction: request.init.as_ref().and_then(|i| i.direction.clone()),
                    streams: Vec::new(),
                    send_encodings: request.init.map(|i| i.send_encodings).unwrap_or_default(),
                };
                // `negotiationneeded` follows: the offer carries the new m-line.
                pc.add_transceiver(&TransceiverMedia::Kind(request.kind), &init)
                    .map(drop)
            }
            SimplePeerSignal::Renegotiate | SimplePeerSignal::TransceiverRequest(_) => Ok(()),
        }
    }

    /// A remote offer (answered) or answer.
    async fn apply(
        &mut self,
        pc: &PeerConnection,
        description: SessionDescription,
    ) -> Result<(), Error> {
        let kind = description.kind;
        pc.set_remote_description(&description).await?;
        for held in std::mem::take(&mut self.held) {
            // Expected to fail now and then (a candidate of an older generation).
            let _ = pc.add_ice_candidate(Some(&held)).await;
        }
        self.report(NegotiationEvent::Received(kind));
        if kind == SdpType::Offer {
            let answer = pc.set_local_description(None).await?;
            self.send(SimplePeerSignal::Description(answer)).await;
            self.report(NegotiationEvent::Sent(SdpType::Answer));
            self.answered = true;
            if !self.initiator {
                self.request_missing_transceivers(pc).await;
            }
        }
        Ok(())
    }
}
