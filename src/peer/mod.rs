//! [`PeerConnection`]: an `RTCPeerConnection` with async offer/answer, trickle ICE as a `Stream`,
//! state streams and data channels.

mod identity;
mod media;
mod remote_media;
mod states;

pub use identity::{IdentityAssertion, IdentityProviderOptions};

use std::any::Any;
use std::cell::RefCell;
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use futures::channel::oneshot;
use futures::Stream;
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{RtcDataChannelEvent, RtcPeerConnection, RtcPeerConnectionIceErrorEvent};

use crate::attribute;
use crate::candidate::{CandidateFields, IceCandidate};
use crate::certificate::{Certificate, CertificateAlgorithm};
use crate::config::{Configuration, DataChannelOptions, OfferOptions, SessionDescription};
use crate::convert::to_js;
use crate::data_channel::DataChannel;
use crate::enums::{PeerConnectionState, SdpType};
use crate::error::Error;
use crate::event::{Emit, EventStream, Owned};
use crate::media::SentTracks;
use crate::operation::{self, Closed};
use crate::owner::Owner;
use crate::rtp::{track_event, TrackEvent};
use crate::stats::{connection_stats, StatsReport, StatsSamples};
use crate::sys::{self, IceEventExt, PeerConnectionExt};
use crate::transport::SctpTransport;
use remote_media::RemoteMedia;

struct Inner {
    raw: PeerConnectionExt,
    /// Every local candidate since creation; `None` marks end-of-candidates of one generation.
    candidates: EventStream<Option<IceCandidate>>,
    /// Channels the remote peer opened, buffered from creation.
    remote_channels: EventStream<DataChannel>,
    /// Remote tracks, buffered from creation.
    tracks: EventStream<TrackEvent>,
    /// `negotiationneeded` events, buffered from creation.
    negotiation_needed: EventStream<()>,
    /// Streams and data channels handed out, ended on close or drop.
    owned: Rc<Owned>,
    /// The configuration last given, for the members a browser leaves out of `getConfiguration()`.
    configuration: RefCell<Configuration>,
    /// Dropped on close: completes [`closed`](Self::closed).
    close_signal: RefCell<Option<oneshot::Sender<()>>>,
    /// Completes when the connection is closed, for every call waiting on the browser.
    closed: Closed,
    /// Whether the native connection is ours to close when the last handle goes: not for a
    /// [view](PeerConnection::view).
    closes_native: bool,
    /// The tracks its senders send, held until they send another or the connection closes.
    sent: SentTracks,
    /// The remote description's media sections, for `add_ice_candidate`'s check.
    remote_media: RemoteMedia,
}

impl Inner {
    /// Ends everything this crate handed out and detaches its listeners; closes the native
    /// connection too when `close_native`.
    fn shut_down(&self, close_native: bool) {
        drop(self.close_signal.borrow_mut().take());
        if close_native {
            self.raw.close();
        }
        self.owned.end_all();
        self.candidates.end();
        self.remote_channels.end();
        self.tracks.end();
        self.negotiation_needed.end();
        self.sent.clear();
        self.remote_media.clear();
    }
}

impl Drop for Inner {
    fn drop(&mut self) {
        self.shut_down(self.closes_native);
    }
}

/// An `RTCPeerConnection`: a connection to one remote peer.
///
/// A cheap `Clone` handle (an `Rc` inside), so it can move into Yew or Leptos closures; it is
/// `!Send`, like everything in the browser. Dropping the last handle closes the connection and
/// detaches every listener this crate attached, which also ends every stream it handed out.
///
/// Methods are the spec's, in snake_case, so MDN documents them: `create_offer`,
/// `set_local_description`, `add_ice_candidate`, `restart_ice`, …. Every call on a closed
/// connection fails with [`Error::Closed`].
///
/// ```no_run
/// use futures::StreamExt;
/// use wasm_rtc::{Configuration, DataChannelOptions, PeerConnection};
/// # async fn run() -> Result<(), wasm_rtc::Error> {
/// let pc = PeerConnection::new(&Configuration::new())?;
/// let chat = pc.create_data_channel("chat", &DataChannelOptions::new())?;
/// let offer = pc.set_local_description(None).await?; // creates and applies the offer
/// // … send `offer` (it is serde) to the remote peer, and each candidate as it comes:
/// let mut candidates = pc.ice_candidates();
/// while let Some(candidate) = candidates.next().await { /* signal it */ }
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct PeerConnection {
    inner: Rc<Inner>,
}

/// The same browser object: handles (and views) of one native `RTCPeerConnection` are equal.
impl PartialEq for PeerConnection {
    fn eq(&self, other: &Self) -> bool {
        self.as_raw() == other.as_raw()
    }
}

impl Eq for PeerConnection {}

impl std::fmt::Debug for PeerConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PeerConnection")
            .field("signaling_state", &self.signaling_state())
            .field("connection_state", &self.connection_state())
            .finish()
    }
}

/// The checks of `addIceCandidate` that need nothing but the candidate, made before the browser
/// sees it: the line parses (some browsers accept a line that does not, silently), and there is
/// a mid or an m-line index to apply it to.
fn check_candidate_line(candidate: &IceCandidate) -> Result<(), Error> {
    CandidateFields::parse(&candidate.candidate).map_err(|e| {
        Error::Operation(format!("Error processing ICE candidate: {}", e.message()))
    })?;
    if candidate.sdp_mid.is_none() && candidate.sdp_m_line_index.is_none() {
        return Err(Error::Type(
            "a candidate needs sdpMid or sdpMLineIndex".into(),
        ));
    }
    Ok(())
}

/// An ICE candidate gathering error (`icecandidateerror`): a STUN or TURN server could not be
/// reached or refused the request.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IceCandidateError {
    /// The local address the request was sent from, if not hidden.
    pub address: Option<String>,
    /// The local port the request was sent from.
    pub port: Option<u16>,
    /// The STUN or TURN server URL.
    pub url: String,
    /// The STUN error code, or 701 when the server could not be reached.
    pub error_code: u16,
    /// The STUN reason text.
    pub error_text: String,
}

fn description_from_js(value: Option<JsValue>) -> Option<SessionDescription> {
    let value = value.filter(|v| v.is_object())?;
    let kind = match attribute::string_attribute(&value, "type")?.as_str() {
        "offer" => SdpType::Offer,
        "answer" => SdpType::Answer,
        "pranswer" => SdpType::Pranswer,
        "rollback" => SdpType::Rollback,
        _ => return None,
    };
    Some(SessionDescription {
        kind,
        sdp: attribute::string_attribute(&value, "sdp").unwrap_or_default(),
    })
}

fn candidate_from_event(event: &web_sys::Event) -> Emit<Option<IceCandidate>> {
    let event: &IceEventExt = event.unchecked_ref();
    match event.event_candidate() {
        // `null`: this generation of gathering is complete.
        None => Emit::Item(None),
        Some(native) => {
            let candidate = IceCandidate::read(&native);
            if candidate.is_end_of_candidates() {
                // Per-m-line end-of-candidates from older browsers; the `null` one follows.
                return Emit::Skip;
            }
            Emit::Item(Some(candidate))
        }
    }
}

impl PeerConnection {
    /// `new RTCPeerConnection(configuration)`.
    ///
    /// Errors: [`Error::Unsupported`] where the browser has no `RTCPeerConnection`; the browser's
    /// [`Error::Syntax`] for an ICE server URL it cannot parse and [`Error::InvalidAccess`] for a
    /// `turn:` server without credentials.
    pub fn new(configuration: &Configuration) -> Result<Self, Error> {
        if !attribute::has_global("RTCPeerConnection") {
            return Err(Error::unsupported("RTCPeerConnection"));
        }
        let raw = PeerConnectionExt::new(&configuration.to_js()?)?;
        Ok(Self::wrap(raw, configuration.clone(), true))
    }

    /// Takes over `raw`, a connection JavaScript made: the same as one made with
    /// [`new`](Self::new) from here on — dropping the last handle closes it. Candidates, remote
    /// channels, tracks and `negotiationneeded` are buffered from now on (what fired before is
    /// gone), and remote channels are taken over as they arrive (see [`DataChannel::adopt`]).
    /// To look at a connection that stays JavaScript's, use [`view`](Self::view).
    pub fn adopt(raw: RtcPeerConnection) -> Self {
        Self::wrap(raw.unchecked_into(), Configuration::default(), true)
    }

    /// Looks at `raw`, a connection that stays JavaScript's: every method works, but dropping
    /// the last handle only ends this crate's streams and detaches its listeners; the native
    /// connection stays open (an explicit [`close`](Self::close) still closes it). Remote
    /// channels are handed out as views too ([`DataChannel::view`]: their `binaryType` stays
    /// what JavaScript set). Events are buffered from now on.
    pub fn view(raw: &RtcPeerConnection) -> Self {
        Self::wrap(
            raw.clone().unchecked_into(),
            Configuration::default(),
            false,
        )
    }

    fn wrap(raw: PeerConnectionExt, configuration: Configuration, closes_native: bool) -> Self {
        let inner = Rc::new_cyclic(|this: &Weak<Inner>| {
            Self::inner(raw, configuration, closes_native, this)
        });
        PeerConnection { inner }
    }

    /// The state of a new connection; `this` will point to it (for what its streams hand out).
    fn inner(
        raw: PeerConnectionExt,
        configuration: Configuration,
        closes_native: bool,
        this: &Weak<Inner>,
    ) -> Inner {
        let target: &web_sys::EventTarget = raw.as_ref();
        let candidates = EventStream::new().on(target, "icecandidate", candidate_from_event);
        let pc: RtcPeerConnection = (*raw).clone();
        let owned = Rc::new(Owned::default());
        let remote_owned = Rc::downgrade(&owned);
        let remote_channels = EventStream::new().on(target, "datachannel", move |e| {
            let e: &RtcDataChannelEvent = e.unchecked_ref();
            let channel = DataChannel::wrap(e.channel(), Some(pc.clone()), closes_native);
            if let Some(owned) = remote_owned.upgrade() {
                owned.track_end(channel.ender());
            }
            Emit::Item(channel)
        });
        // A remote channel keeps the connection open once handed out, not while buffered here.
        let this_channels = this.clone();
        let remote_channels = remote_channels.on_yield(move |channel| {
            if let Some(inner) = this_channels.upgrade() {
                channel.keep_open(inner);
            }
        });
        let (close_signal, closed) = operation::closed_signal();
        // Likewise the receivers and transceivers of track events.
        let sent = SentTracks::default();
        let owner = Owner::new((*raw).clone(), closed.clone(), None, Some(sent.clone()));
        let this = this.clone();
        let tracks = EventStream::new()
            .on(target, "track", move |e| track_event(e, &owner))
            .on_yield(move |event| {
                if let Some(inner) = this.upgrade() {
                    let inner: Rc<dyn Any> = inner;
                    event.keep_open(&inner);
                }
            });
        let negotiation_needed =
            EventStream::new().on(target, "negotiationneeded", |_| Emit::Item(()));
        let configuration = RefCell::new(configuration);
        Inner {
            raw,
            candidates,
            remote_channels,
            tracks,
            negotiation_needed,
            owned,
            configuration,
            close_signal: RefCell::new(Some(close_signal)),
            closed,
            closes_native,
            sent,
            remote_media: RemoteMedia::default(),
        }
    }

    /// A weak handle that does not keep the connection open: for tasks and UI closures that
    /// must not outlive it (a task forwarding candidates to the other peer, say).
    pub fn downgrade(&self) -> WeakPeerConnection {
        WeakPeerConnection {
            inner: Rc::downgrade(&self.inner),
        }
    }

    fn raw(&self) -> &PeerConnectionExt {
        &self.inner.raw
    }

    /// Awaits a promise of this connection's operations chain: [`Error::Closed`] once the
    /// connection closes (see [`operation::settle`]).
    async fn settle(&self, promise: Result<js_sys::Promise, JsValue>) -> Result<JsValue, Error> {
        operation::settle(promise?, &self.inner.closed).await
    }

    /// This connection as the owner of an object reached through it, which keeps it open.
    pub(crate) fn owner(&self) -> Owner {
        Owner::new(
            self.as_raw().clone(),
            self.inner.closed.clone(),
            Some(self.inner.clone()),
            Some(self.inner.sent.clone()),
        )
    }

    /// The shared queue of remote track events (see `PeerConnection::track_events` in `rtp.rs`).
    pub(crate) fn track_queue(&self) -> EventStream<TrackEvent> {
        self.inner.tracks.clone()
    }

    /// Whether [`close`](Self::close) was called (or the last handle is gone).
    pub fn is_closed(&self) -> bool {
        // web-sys's getter: every method checks this, and the enum needs no string to cross.
        self.raw().signaling_state() == web_sys::RtcSignalingState::Closed
    }

    pub(crate) fn check_open(&self) -> Result<(), Error> {
        if self.is_closed() {
            Err(Error::Closed)
        } else {
            Ok(())
        }
    }

    /// `createOffer(options)`.
    ///
    /// `offer_to_receive_audio/video` (legacy) are applied by adding or redirecting transceivers,
    /// as the spec's legacy section describes, before the offer is made.
    pub async fn create_offer(&self, options: &OfferOptions) -> Result<SessionDescription, Error> {
        self.check_open()?;
        self.offer_to_receive("audio", options.offer_to_receive_audio)?;
        self.offer_to_receive("video", options.offer_to_receive_video)?;
        let spec_options = OfferOptions {
            ice_restart: options.ice_restart,
            ..OfferOptions::default()
        };
        let offer = self
            .settle(self.raw().create_offer_with(&to_js(&spec_options)?))
            .await?;
        description_from_js(Some(offer))
            .ok_or_else(|| Error::Operation("createOffer returned no offer".into()))
    }

    /// Makes the transceivers of `kind` receive (or not), adding a `recvonly` one when none
    /// can; `None` changes nothing. [`Error::Unsupported`] where the browser has no
    /// transceivers.
    fn offer_to_receive(&self, kind: &str, receive: Option<bool>) -> Result<(), Error> {
        if receive.is_none() {
            return Ok(());
        }
        for method in ["getTransceivers", "addTransceiver"] {
            let function = js_sys::Reflect::get(self.as_raw(), &JsValue::from_str(method))?;
            if !function.is_function() {
                return Err(Error::unsupported(format!("RTCPeerConnection.{method}")));
            }
        }
        Ok(sys::offer_to_receive_kind(self.as_raw(), kind, receive)?)
    }

    /// `createAnswer()`.
    pub async fn create_answer(&self) -> Result<SessionDescription, Error> {
        self.check_open()?;
        let answer = self.settle(self.raw().create_answer_checked()).await?;
        description_from_js(Some(answer))
            .ok_or_else(|| Error::Operation("createAnswer returned no answer".into()))
    }

    /// `setLocalDescription(description)`; `None` is the parameterless form, in which the browser
    /// creates the offer or answer that fits the signaling state (what perfect negotiation uses).
    /// [`SessionDescription::rollback`] rolls back a local offer.
    ///
    /// Returns the description it applied: the offer or answer the browser made (`None`), or
    /// the one given — read as the browser settles the call, before a later operation can
    /// replace `localDescription`. For a rollback, the rollback.
    pub async fn set_local_description(
        &self,
        description: Option<&SessionDescription>,
    ) -> Result<SessionDescription, Error> {
        self.check_open()?;
        let promise = match description {
            None => self.raw().set_local_description_implicit(),
            Some(d) => self.raw().set_local_description_with(&to_js(d)?),
        };
        self.settle(promise).await?;
        match description {
            Some(rollback) if rollback.kind == SdpType::Rollback => Ok(rollback.clone()),
            _ => self
                .local_description()
                .or_else(|| description.cloned())
                .ok_or_else(|| {
                    Error::Operation("setLocalDescription left no local description".into())
                }),
        }
    }

    /// `setRemoteDescription(description)`.
    ///
    /// Errors: the browser's typed error for SDP it cannot parse or apply, or an
    /// [`Error::InvalidState`] for a description of the wrong type for the signaling state; the
    /// connection is unchanged and stays usable.
    pub async fn set_remote_description(
        &self,
        description: &SessionDescription,
    ) -> Result<(), Error> {
        self.check_open()?;
        self.settle(self.raw().set_remote_description_with(&to_js(description)?))
            .await?;
        if description.kind != SdpType::Rollback {
            self.inner
                .remote_media
                .applied(self.raw(), &description.sdp);
        }
        Ok(())
    }

    /// `addIceCandidate(candidate)`; `None` (or an empty candidate line) signals
    /// end-of-candidates.
    ///
    /// Like the browser's, the call waits for operations already in progress, so a candidate may
    /// be added while `set_remote_description` is still pending.
    ///
    /// Errors, the same in every browser: [`Error::Operation`] for a candidate line that does not
    /// parse and [`Error::Type`] for a candidate with neither mid nor index, both before the
    /// browser sees the candidate; [`Error::InvalidState`] without a remote description;
    /// [`Error::Operation`] for a candidate for a mid or m-line index the remote description
    /// does not have (the spec's check, made here against the remote description the browser
    /// used, once it has answered, because some browsers accept such candidates silently);
    /// otherwise the browser's error.
    pub async fn add_ice_candidate(&self, candidate: Option<&IceCandidate>) -> Result<(), Error> {
        self.add_ice_candidate_weakly(candidate).await
    }

    /// [`add_ice_candidate`](Self::add_ice_candidate) as a future that holds the connection only
    /// weakly while the browser works: for tasks that must not keep it open (`loopback::trickle`
    /// drops its handle before awaiting it, so dropping the last other handle closes the
    /// connection at once, a candidate in flight or not).
    pub(crate) fn add_ice_candidate_weakly(
        &self,
        candidate: Option<&IceCandidate>,
    ) -> impl std::future::Future<Output = Result<(), Error>> + 'static {
        let call = self.start_add_ice_candidate(candidate);
        let (closed, weak) = (self.inner.closed.clone(), self.downgrade());
        let candidate = candidate.filter(|c| !c.is_end_of_candidates()).cloned();
        async move {
            operation::settle(call?, &closed).await?;
            match (candidate, weak.upgrade()) {
                (Some(c), Some(pc)) => pc.check_candidate_media(&c),
                (Some(_), None) => Err(Error::Closed),
                (None, _) => Ok(()),
            }
        }
    }

    /// The synchronous part of `addIceCandidate`: the checks, and the call that returns its
    /// promise.
    fn start_add_ice_candidate(
        &self,
        candidate: Option<&IceCandidate>,
    ) -> Result<js_sys::Promise, Error> {
        self.check_open()?;
        if let Some(c) = candidate.filter(|c| !c.is_end_of_candidates()) {
            check_candidate_line(c)?;
        }
        let init = match candidate {
            Some(c) if !c.is_end_of_candidates() => c.to_init(),
            // `{candidate: ""}` is the spec's end-of-candidates, understood by every browser.
            Some(c) => IceCandidate {
                candidate: String::new(),
                ..c.clone()
            }
            .to_init(),
            None => IceCandidate::default().to_init(),
        };
        Ok(self.raw().add_ice_candidate_with(&init)?)
    }

    /// The check of `addIceCandidate` that not every browser makes and that needs the remote
    /// description the browser has just used: read as the call settles, before a queued
    /// `set_remote_description` or rollback can replace it (the one in place when the call was
    /// made may not be the one it used).
    fn check_candidate_media(&self, candidate: &IceCandidate) -> Result<(), Error> {
        self.inner.remote_media.check(self.raw(), candidate)
    }

    /// `restartIce()`: the next offer will carry new ICE credentials.
    ///
    /// Where the browser lacks `restartIce`, fails with [`Error::Unsupported`]; use
    /// [`OfferOptions::ice_restart`] there.
    pub fn restart_ice(&self) -> Result<(), Error> {
        self.check_open()?;
        let has =
            js_sys::Reflect::get(self.raw(), &"restartIce".into()).is_ok_and(|f| f.is_function());
        if !has {
            return Err(Error::unsupported("RTCPeerConnection.restartIce"));
        }
        self.raw().restart_ice().map_err(Error::from)
    }

    /// Reads a description attribute. Firefox throws ("Peer connection is closed") when one is
    /// read on a closed connection, and web-sys binds these getters without `catch`, so an
    /// uncaught exception would unwind through wasm: read with `Reflect::get`, which catches,
    /// and give `None` as Chrome does once closed.
    fn description(&self, name: &'static str) -> Option<SessionDescription> {
        description_from_js(attribute::member(self.raw(), name).ok())
    }

    /// `localDescription`: the pending one if any, else the current one.
    pub fn local_description(&self) -> Option<SessionDescription> {
        self.description("localDescription")
    }

    /// `remoteDescription`: the pending one if any, else the current one.
    pub fn remote_description(&self) -> Option<SessionDescription> {
        self.description("remoteDescription")
    }

    /// `currentLocalDescription`: the one last negotiated.
    pub fn current_local_description(&self) -> Option<SessionDescription> {
        self.description("currentLocalDescription")
    }

    /// `pendingLocalDescription`: the one in the middle of negotiation.
    pub fn pending_local_description(&self) -> Option<SessionDescription> {
        self.description("pendingLocalDescription")
    }

    /// `currentRemoteDescription`.
    pub fn current_remote_description(&self) -> Option<SessionDescription> {
        self.description("currentRemoteDescription")
    }

    /// `pendingRemoteDescription`.
    pub fn pending_remote_description(&self) -> Option<SessionDescription> {
        self.description("pendingRemoteDescription")
    }

    /// Waits until `connectionState` is `connected`; fails with [`Error::Operation`] if it
    /// becomes `failed` and [`Error::Closed`] if the connection closes first.
    pub async fn connected(&self) -> Result<(), Error> {
        use futures::StreamExt;
        let mut changes = self.connection_state_changes();
        let mut state = self.connection_state();
        loop {
            match state {
                PeerConnectionState::Connected => return Ok(()),
                PeerConnectionState::Failed => {
                    return Err(Error::Operation("connection failed".into()))
                }
                PeerConnectionState::Closed => return Err(Error::Closed),
                _ => {}
            }
            state = match changes.next().await {
                Some(s) => s,
                None => return Err(Error::Closed),
            };
        }
    }

    /// The local ICE candidates of one gathering, ending at end-of-candidates: what to send to
    /// the remote peer for trickle ICE, or collect to send all at once.
    ///
    /// Candidates are buffered from the moment the connection exists, so none is missed however
    /// late this is called. Each call continues where the last one stopped: after an ICE restart,
    /// call it again for the new generation. Ends early if the connection closes.
    ///
    /// This and [`ice_candidate_events`](Self::ice_candidate_events) read the same buffer; use
    /// one of them.
    pub fn ice_candidates(&self) -> IceCandidates {
        IceCandidates {
            queue: self.inner.candidates.clone(),
            done: false,
        }
    }

    /// Every `icecandidate` event for the life of the connection, ICE restarts included:
    /// `Some(candidate)`, or `None` at the end of each gathering. Ends when the connection closes.
    ///
    /// Forward each item as it is with [`add_ice_candidate`](Self::add_ice_candidate), which
    /// takes the same `Option`. Holds no handle to the connection, so a task that forwards it
    /// does not keep the connection open.
    ///
    /// ```no_run
    /// # use futures::StreamExt;
    /// # use wasm_rtc::PeerConnection;
    /// fn trickle(from: &PeerConnection, to: &PeerConnection) {
    ///     let (mut events, to) = (from.ice_candidate_events(), to.downgrade());
    ///     wasm_bindgen_futures::spawn_local(async move {
    ///         while let Some(candidate) = events.next().await {
    ///             let Some(to) = to.upgrade() else { break };
    ///             let _ = to.add_ice_candidate(candidate.as_ref()).await;
    ///         }
    ///     });
    /// }
    /// ```
    pub fn ice_candidate_events(&self) -> EventStream<Option<IceCandidate>> {
        self.inner.candidates.clone()
    }

    /// One `()` per `negotiationneeded` event, buffered from the connection's creation (like
    /// candidates and tracks), so a negotiator that starts after the first change misses none.
    ///
    /// All calls share one queue: each event is yielded once. Ends when the connection closes.
    pub fn negotiation_needed(&self) -> EventStream<()> {
        self.inner.negotiation_needed.clone()
    }

    /// `icecandidateerror` events: STUN/TURN servers that failed, from now on.
    pub fn ice_candidate_errors(&self) -> EventStream<IceCandidateError> {
        let stream = EventStream::new().on(self.raw().as_ref(), "icecandidateerror", |e| {
            let e: &RtcPeerConnectionIceErrorEvent = e.unchecked_ref();
            Emit::Item(IceCandidateError {
                address: attribute::string_attribute(e, "address"),
                port: attribute::number_attribute(e, "port").map(|p| p as u16),
                url: attribute::string_attribute(e, "url").unwrap_or_default(),
                error_code: attribute::number_attribute(e, "errorCode").map_or(0, |c| c as u16),
                error_text: attribute::string_attribute(e, "errorText").unwrap_or_default(),
            })
        });
        self.inner.owned.track(stream)
    }

    /// `createDataChannel(label, options)`.
    ///
    /// Errors: [`Error::Type`] for options the spec rejects (see
    /// [`DataChannelOptions::validate`]), [`Error::Closed`] after close, or the browser's error
    /// (e.g. [`Error::Operation`] when no stream id is free).
    pub fn create_data_channel(
        &self,
        label: &str,
        options: &DataChannelOptions,
    ) -> Result<DataChannel, Error> {
        self.check_open()?;
        options.validate()?;
        let raw = self
            .raw()
            .create_data_channel_checked(label, &to_js(options)?)?;
        let channel = DataChannel::wrap(raw, Some((*self.inner.raw).clone()), true);
        self.inner.owned.track_end(channel.ender());
        channel.keep_open(self.inner.clone());
        Ok(channel)
    }

    /// The data channels the remote peer opens (`datachannel` events), buffered from creation.
    ///
    /// All calls share one queue: each channel is yielded once. Ends when the connection closes.
    pub fn data_channels(&self) -> EventStream<DataChannel> {
        self.inner.remote_channels.clone()
    }

    /// `getConfiguration()`. Members a browser leaves out of its answer (Firefox omits
    /// `iceCandidatePoolSize`, for one) are filled from the configuration last given.
    pub fn get_configuration(&self) -> Result<Configuration, Error> {
        let mut read = Configuration::from_js(&self.raw().get_configuration_checked()?)?;
        let given = self.inner.configuration.borrow();
        read.ice_transport_policy = read.ice_transport_policy.or(given.ice_transport_policy);
        read.bundle_policy = read.bundle_policy.or(given.bundle_policy);
        read.rtcp_mux_policy = read.rtcp_mux_policy.or(given.rtcp_mux_policy);
        read.ice_candidate_pool_size = read
            .ice_candidate_pool_size
            .or(given.ice_candidate_pool_size);
        if read.ice_servers.is_empty() {
            read.ice_servers = given.ice_servers.clone();
        }
        if read.certificates.is_empty() {
            read.certificates = given.certificates.clone();
        }
        Ok(read)
    }

    /// `setConfiguration(configuration)`.
    ///
    /// Errors: the browser's [`Error::InvalidModification`] for changes it does not allow
    /// (certificates, bundle or rtcp-mux policy), [`Error::Closed`] after close.
    pub fn set_configuration(&self, configuration: &Configuration) -> Result<(), Error> {
        self.check_open()?;
        self.raw()
            .set_configuration_checked(&configuration.to_js()?)?;
        *self.inner.configuration.borrow_mut() = configuration.clone();
        Ok(())
    }

    /// `RTCPeerConnection.generateCertificate(algorithm)`: a certificate to reuse across
    /// connections via [`Configuration::certificates`].
    pub async fn generate_certificate(
        algorithm: CertificateAlgorithm,
    ) -> Result<Certificate, Error> {
        Certificate::generate(algorithm).await
    }

    /// `sctp`: the SCTP transport, once data channels are negotiated (`None` before).
    /// [`Error::Unsupported`] where the browser lacks the attribute.
    pub fn sctp(&self) -> Result<Option<SctpTransport>, Error> {
        SctpTransport::of_connection(self.as_raw(), self.owner())
    }

    /// `getStats()`: the connection's statistics, typed (see [`StatsReport`]).
    ///
    /// On a closed connection this is an empty report in every browser (browsers otherwise
    /// disagree: some reject with `InvalidStateError`, Chrome and Firefox return some of the
    /// last entries), so polling code need not special-case `close()`.
    ///
    /// ```no_run
    /// # async fn run(pc: wasm_rtc::PeerConnection) -> Result<(), wasm_rtc::Error> {
    /// let report = pc.get_stats().await?;
    /// if let Some(selected) = report.selected_candidate_pair() {
    ///     let rtt = selected.pair.current_round_trip_time;
    ///     let kind = selected.remote.and_then(|c| c.candidate_type);
    ///     println!("round trip {rtt:?} s to a {kind:?} candidate");
    /// }
    /// for channel in report.data_channels() {
    ///     println!("{:?}: {:?} messages sent", channel.label, channel.messages_sent);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn get_stats(&self) -> Result<StatsReport, Error> {
        connection_stats(self.as_raw()).await
    }

    /// The connection's stats now and then every `period`, each sample with the
    /// [rates](crate::StatsRates) since the one before (bitrate, packets lost per second and frames
    /// per second of each RTP stream; the bitrate and round trip of the candidate pair in use):
    /// a stats line for a UI, without a timer or a diff of one's own.
    ///
    /// A sample is taken when the stream is polled a period after the last one; nothing runs
    /// while nobody polls, and dropping the stream stops it. An error from the browser comes as
    /// an item and sampling goes on. The stream ends when the connection is closed or its last
    /// handle dropped, and does not keep the connection open.
    ///
    /// ```no_run
    /// use futures::StreamExt;
    /// use std::time::Duration;
    /// # async fn show(pc: wasm_rtc::PeerConnection) {
    /// let mut samples = pc.stats_every(Duration::from_secs(1));
    /// while let Some(Ok(sample)) = samples.next().await {
    ///     for video in sample.rates.iter().flat_map(|r| &r.inbound) {
    ///         let kbps = video.bits_per_second.unwrap_or(0.0) / 1000.0;
    ///         let fps = video.frames_per_second.unwrap_or(0.0);
    ///         web_sys::console::log_1(&format!("{kbps:.0} kbit/s, {fps:.0} frames/s").into());
    ///     }
    /// }
    /// # }
    /// ```
    pub fn stats_every(&self, period: std::time::Duration) -> StatsSamples {
        StatsSamples::new(
            self.as_raw().clone().into(),
            self.inner.closed.clone(),
            period,
        )
    }

    /// `close()`: closes the connection and its channels, and ends every stream this handle gave
    /// out. Idempotent.
    pub fn close(&self) {
        self.inner.shut_down(true);
    }

    /// The browser's `RTCPeerConnection`.
    pub fn as_raw(&self) -> &RtcPeerConnection {
        &self.inner.raw
    }
}

/// A weak handle to a [`PeerConnection`], from [`PeerConnection::downgrade`]: it does not keep
/// the connection open.
#[derive(Clone)]
pub struct WeakPeerConnection {
    inner: Weak<Inner>,
}

impl WeakPeerConnection {
    /// The connection, if a handle to it still exists.
    pub fn upgrade(&self) -> Option<PeerConnection> {
        self.inner.upgrade().map(|inner| PeerConnection { inner })
    }
}

/// The stream returned by [`PeerConnection::ice_candidates`]: local candidates until
/// end-of-candidates.
pub struct IceCandidates {
    queue: EventStream<Option<IceCandidate>>,
    done: bool,
}

impl Stream for IceCandidates {
    type Item = IceCandidate;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<IceCandidate>> {
        if self.done {
            return Poll::Ready(None);
        }
        match self.queue.poll_shared(cx) {
            Poll::Ready(Some(Some(candidate))) => Poll::Ready(Some(candidate)),
            Poll::Ready(Some(None)) | Poll::Ready(None) => {
                self.done = true;
                Poll::Ready(None)
            }
            Poll::Pending => Poll::Pending,
        }
    }
}
