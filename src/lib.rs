//! # wasm-rtc
//!
//! WebRTC for Rust in the browser: the W3C WebRTC API (`RTCPeerConnection`, `RTCDataChannel`, …)
//! as safe, async, leak-free Rust, compiled to WebAssembly.
//!
//! * Names are the spec's in snake_case, so [MDN](https://developer.mozilla.org/en-US/docs/Web/API/WebRTC_API)
//!   is the documentation: [`PeerConnection::create_offer`], [`PeerConnection::set_local_description`],
//!   [`PeerConnection::add_ice_candidate`], [`PeerConnection::restart_ice`], ….
//! * Every promise is an `async fn`; every recurring event is a [`Stream`](futures::Stream)
//!   ([`PeerConnection::ice_candidates`], [`PeerConnection::connection_state_changes`], a
//!   [`DataChannel`]'s messages); one-shot events are futures ([`DataChannel::opened`]).
//!   States come as streams a UI can bind — the current value first, each change, `closed` at
//!   the end ([`PeerConnection::connection_states`], [`DataChannel::ready_states`]).
//! * Every failure is a typed [`Error`] carrying the browser's message; nothing the browser or a
//!   caller does can panic.
//! * Handles are cheap `Clone`s. Dropping the last handle of a [`PeerConnection`] closes it and
//!   detaches every listener; nothing is leaked (see [`live_listeners`]).
//!
//! ## Two peers, one page
//!
//! Two connections in the same page need no signaling server: each side's descriptions and
//! candidates are handed straight to the other ([`loopback`] has these steps as functions).
//! Over a network, send the same values (they are serde types) through your signaling channel.
//!
//! ```no_run
//! use futures::{SinkExt, StreamExt};
//! use wasm_rtc::{loopback, Configuration, DataChannelOptions, Error, Message, PeerConnection};
//!
//! async fn two_peers() -> Result<(), Error> {
//!     let alice = PeerConnection::new(&Configuration::new())?;
//!     let bob = PeerConnection::new(&Configuration::new())?;
//!     // Trickle ICE both ways (one page, no server; over a network, your signaling).
//!     loopback::trickle(&alice, &bob);
//!     loopback::trickle(&bob, &alice);
//!
//!     let mut to_bob = alice.create_data_channel("chat", &DataChannelOptions::new())?;
//!     let offer = alice.create_offer(&Default::default()).await?;
//!     alice.set_local_description(Some(&offer)).await?;
//!     bob.set_remote_description(&offer).await?;
//!     let answer = bob.create_answer().await?;
//!     bob.set_local_description(Some(&answer)).await?;
//!     alice.set_remote_description(&answer).await?;
//!
//!     let mut from_alice = bob.data_channels().next().await.ok_or(Error::Closed)?;
//!     to_bob.opened().await?;
//!     to_bob.send(Message::Text("hello".into())).await?; // waits if the buffer is full
//!     assert_eq!(from_alice.next().await, Some(Ok(Message::Text("hello".into()))));
//!     Ok(())
//! }
//! ```
//!
//! ## Two peers, two tabs
//!
//! Over a signaling transport, a [`Negotiator`] does all of the above for each side, and
//! renegotiates whenever either side changes the call ([`Signal`] is the wire format;
//! [`BroadcastChannelSignaling`] reaches the other tabs of this origin with no server):
//!
//! ```no_run
//! use wasm_rtc::{BroadcastChannelSignaling, Configuration, DataChannelOptions, Error};
//! use wasm_rtc::{Negotiator, NegotiatorOptions, PeerConnection};
//!
//! async fn join(me: &str, polite: bool) -> Result<(PeerConnection, Negotiator), Error> {
//!     let pc = PeerConnection::new(&Configuration::new())?;
//!     let room = BroadcastChannelSignaling::open("room-42")?;
//!     let negotiator = Negotiator::start(&pc, room, NegotiatorOptions::new(me, "call-1", polite));
//!     pc.create_data_channel("chat", &DataChannelOptions::new())?.opened().await?;
//!     Ok((pc, negotiator))
//! }
//! ```
//!
//! ## Features
//!
//! * `wrappers` (default): everything above. Off, the crate is the shim alone ([`shim`]).
//! * `leptos`: `wasm_rtc::leptos`, Leptos 0.8 signals of the states, messages and stats.
//! * `yew`: `wasm_rtc::yew`, Yew 0.23 hooks (`use_peer_connection`, `use_connection_state`,
//!   `use_data_channel`, `use_stats`, `use_media_stream`).
//!
//! The handles are `!Send` (they wrap the page's JavaScript objects); both modules say how each
//! framework holds them, and the README's "Handles are `!Send`" has the table.
#![deny(missing_docs)]
// Denied, not forbidden: the shim-only wasm's allocator (src/shim_wasm.rs) is the one exception.
#![deny(unsafe_code)]
// The npm package's shim-only wasm carries none of std (see the feature `shim-wasm`).
#![cfg_attr(all(feature = "shim-wasm", target_arch = "wasm32"), no_std)]

#[cfg(all(feature = "shim-wasm", any(feature = "wrappers", feature = "js")))]
compile_error!("the feature `shim-wasm` builds the shim alone: use it with --no-default-features");

extern crate alloc;

/// What std's prelude gives, for the modules the `#![no_std]` shim-only wasm builds too.
mod prelude {
    pub(crate) use alloc::borrow::ToOwned;
    pub(crate) use alloc::string::String;
    pub(crate) use alloc::vec::Vec;
}

// Like `sys`, used in part by the shim-only build.
#[cfg_attr(not(feature = "wrappers"), allow(dead_code))]
mod attribute;
mod candidate;
#[cfg(feature = "wrappers")]
mod certificate;
#[cfg(feature = "wrappers")]
mod config;
#[cfg(feature = "wrappers")]
mod constraints;
#[cfg(feature = "wrappers")]
mod convert;
#[cfg(feature = "wrappers")]
mod data_channel;
#[cfg(feature = "wrappers")]
mod dtmf;
mod enums;
mod error;
mod event;
#[cfg(feature = "wrappers")]
mod file_transfer;
#[cfg(any(feature = "js", feature = "shim-wasm"))]
mod js;
#[cfg(feature = "leptos")]
pub mod leptos;
#[cfg(feature = "wrappers")]
pub mod loopback;
#[cfg(feature = "wrappers")]
mod max_message_size;
#[cfg(feature = "wrappers")]
mod media;
#[cfg(feature = "wrappers")]
mod negotiation;
#[cfg(feature = "wrappers")]
mod operation;
#[cfg(feature = "wrappers")]
mod owner;
#[cfg(feature = "wrappers")]
mod peer;
#[cfg(any(feature = "leptos", feature = "yew"))]
mod pump;
#[cfg(feature = "wrappers")]
mod reconnect;
#[cfg(feature = "wrappers")]
mod renamed;
#[cfg(feature = "wrappers")]
mod rtp;
pub mod shim;
// Its allocator is also unit-tested natively.
#[cfg(any(feature = "shim-wasm", test))]
mod shim_wasm;
#[cfg(feature = "wrappers")]
mod signaling;
#[cfg(feature = "wrappers")]
mod simple_peer_negotiator;
#[cfg(feature = "wrappers")]
mod stats;
#[cfg(feature = "wrappers")]
pub mod synthetic;
// The shim-only build uses a few of the helpers; the wrappers use all of them.
#[cfg_attr(not(feature = "wrappers"), allow(dead_code))]
mod sys;
#[cfg(feature = "wrappers")]
mod timer;
#[cfg(feature = "wrappers")]
mod transport;
#[cfg(feature = "yew")]
pub mod yew;

pub use candidate::{CandidateFields, IceCandidate};
#[cfg(feature = "wrappers")]
pub use certificate::{Certificate, CertificateAlgorithm, Fingerprint};
#[cfg(feature = "wrappers")]
pub use config::{
    Configuration, DataChannelOptions, IceServer, OfferOptions, SessionDescription, Urls,
};
#[cfg(feature = "wrappers")]
pub use constraints::{
    Constrain, ConstrainRange, Constraints, DisplayConstraints, TrackConstraints, TrackRequest,
    TrackSettings,
};
#[cfg(feature = "wrappers")]
pub use data_channel::{DataChannel, Message, DEFAULT_HIGH_WATER_MARK, DEFAULT_LOW_WATER_MARK};
#[cfg(feature = "wrappers")]
pub use dtmf::DtmfSender;
#[cfg(feature = "wrappers")]
pub use enums::{
    BundlePolicy, DataChannelState, DeviceKind, Direction, DtlsTransportState, IceConnectionState,
    IceGatheringState, IceRole, IceTransportPolicy, IceTransportState, PeerConnectionState,
    RtcpMuxPolicy, SctpTransportState, SdpType, SignalingState, TrackKind, TrackState,
};
pub use enums::{CandidateProtocol, CandidateType, IceServerTransportProtocol, TcpType};
pub use error::{Error, Result, RtcError};
#[cfg(feature = "wrappers")]
pub use event::{dispatched_events, live_listeners, EventStream};
#[cfg(feature = "wrappers")]
pub use file_transfer::{
    FileHeader, FileTransfer, ReceivedFile, TransferCanceller, TransferProgress, MAX_CHUNK_SIZE,
};
#[cfg(feature = "wrappers")]
pub use media::{DeviceInfo, MediaDevices, MediaStream, MediaStreamTrack};
#[cfg(feature = "wrappers")]
pub use negotiation::{NegotiationEvent, Negotiator, NegotiatorOptions};
#[cfg(feature = "wrappers")]
pub use peer::{
    IceCandidateError, IceCandidates, IdentityAssertion, IdentityProviderOptions, PeerConnection,
    WeakPeerConnection,
};
#[cfg(feature = "wrappers")]
pub use reconnect::{CallState, ReconnectPolicy};
#[cfg(feature = "wrappers")]
pub use rtp::{
    CodecCapability, CodecParameters, EncodingParameters, HeaderExtensionCapability,
    RtpCapabilities, RtpReceiver, RtpSender, RtpSource, RtpTransceiver, SendParameters, TrackEvent,
    TransceiverInit, TransceiverMedia,
};
#[cfg(feature = "wrappers")]
pub use signaling::{
    BroadcastChannelSignaling, NatsAuth, NatsOptions, NatsSignaling, NatsState, Signal,
    SimplePeerSignal, TransceiverRequest, TransceiverRequestInit, MAX_SIGNAL_BYTES,
};
#[cfg(feature = "wrappers")]
pub use simple_peer_negotiator::SimplePeerNegotiator;
#[cfg(feature = "wrappers")]
pub use stats::{
    AudioPlayoutStats, CandidatePairRates, CandidatePairState, CertificateStats, CodecStats,
    DataChannelStats, DtlsRole, IceCandidatePairStats, IceCandidateStats, InboundRtpStreamStats,
    MediaSourceStats, OutboundRtpStreamStats, PeerConnectionStats, QualityLimitationReason,
    RemoteInboundRtpStreamStats, RemoteOutboundRtpStreamStats, RtpStreamRates,
    SelectedCandidatePair, Stats, StatsIter, StatsRates, StatsReport, StatsSample, StatsSamples,
    StatsType, StatsValue, TransportStats, UnknownStats,
};
#[cfg(feature = "wrappers")]
pub use transport::{DtlsTransport, IceCandidatePair, IceTransport, SctpTransport};

/// The README's Rust examples, compiled as doc tests so they stay true.
#[cfg(all(doctest, feature = "wrappers"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
