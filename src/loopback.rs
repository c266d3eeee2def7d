//! Two connections in one page, connected to each other with no signaling server: what every
//! test, demo and local preview writes. Over a network, a [`Negotiator`](crate::Negotiator) and
//! a signaling transport do the same.
//!
//! ```no_run
//! use futures::StreamExt;
//! use wasm_rtc::{loopback, Configuration, DataChannelOptions, Error, PeerConnection};
//! # async fn run() -> Result<(), Error> {
//! let (alice, bob) = (PeerConnection::new(&Configuration::new())?, PeerConnection::new(&Configuration::new())?);
//! let chat = alice.create_data_channel("chat", &DataChannelOptions::new())?;
//! loopback::connect(&alice, &bob).await?; // trickle both ways, one offer/answer
//! let at_bob = bob.data_channels().next().await.ok_or(Error::Closed)?;
//! chat.opened().await?;
//! # Ok(()) }
//! ```

use futures::StreamExt;
use wasm_bindgen_futures::spawn_local;

use crate::error::Error;
use crate::peer::PeerConnection;

/// Trickle ICE from `from` to `to`: every local candidate of `from` (ICE restarts and the end
/// of candidates included) is added to `to`, in a task that holds `to` weakly and ends when
/// `from` closes or `to` is gone — it keeps neither connection open. It reads `from`'s
/// [`ice_candidate_events`](PeerConnection::ice_candidate_events) queue: do not read that queue
/// beside it, and trickle each direction once.
pub fn trickle(from: &PeerConnection, to: &PeerConnection) {
    let (mut candidates, to) = (from.ice_candidate_events(), to.downgrade());
    spawn_local(async move {
        while let Some(candidate) = candidates.next().await {
            let Some(to) = to.upgrade() else { break };
            let added = to.add_ice_candidate_weakly(candidate.as_ref());
            // Not held while the browser adds it: dropping the last other handle closes `to`.
            drop(to);
            // A candidate the other side refuses (after its close, say) changes nothing here.
            let _ = added.await;
        }
    });
}

/// One offer/answer exchange: `offerer` makes and applies its offer, `answerer` applies it and
/// answers, `offerer` applies the answer (parameterless `setLocalDescription` on both sides).
/// The first error of the four steps is returned, as the browser gave it.
pub async fn negotiate(offerer: &PeerConnection, answerer: &PeerConnection) -> Result<(), Error> {
    let offer = offerer.set_local_description(None).await?;
    answerer.set_remote_description(&offer).await?;
    let answer = answerer.set_local_description(None).await?;
    offerer.set_remote_description(&answer).await?;
    Ok(())
}

/// Connects two connections of this page: [`trickle`] both ways, then [`negotiate`] once,
/// `offerer` offering. Call it once per pair, after adding what the first negotiation should
/// carry; renegotiate later with [`negotiate`]. It returns once the answer is applied, not once
/// the connection is up: await [`PeerConnection::connected`] or a channel's
/// [`opened`](crate::DataChannel::opened) for that.
pub async fn connect(offerer: &PeerConnection, answerer: &PeerConnection) -> Result<(), Error> {
    trickle(offerer, answerer);
    trickle(answerer, offerer);
    negotiate(offerer, answerer).await
}
