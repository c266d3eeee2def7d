//! Signaling: how two peers exchange descriptions and candidates before (and while) they are
//! connected. [`Signal`] is the message and its JSON wire format; a transport is any
//! `Sink<Signal, Error = Error> + Stream<Item = Result<Signal, Error>>` — no trait of the
//! crate's own — such as [`BroadcastChannelSignaling`] (same-origin tabs, no server) or
//! [`NatsSignaling`] (browsers anywhere, through a `nats-server`). The
//! [`Negotiator`](crate::Negotiator) runs a call over one. [`SimplePeerSignal`] is
//! simple-peer 9's signal data, for a [`SimplePeerNegotiator`](crate::SimplePeerNegotiator)
//! in a call with a JavaScript app built on simple-peer.

mod broadcast_channel;
mod json;
mod nats;
mod nats_connection;
mod nats_protocol;
mod signal;
mod simple_peer;

pub use broadcast_channel::BroadcastChannelSignaling;
pub use json::MAX_SIGNAL_BYTES;
pub use nats::{NatsAuth, NatsOptions, NatsSignaling, NatsState};
pub use signal::Signal;
pub use simple_peer::{SimplePeerSignal, TransceiverRequest, TransceiverRequestInit};
