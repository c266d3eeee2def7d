//! Connecting Alice and Bob. They live in the same tab, so "signaling" is handing each side's
//! description and candidates straight to the other; across a network the same serde values
//! would travel through a signaling server.

use std::rc::Rc;

use futures::StreamExt;
use wasm_bindgen_futures::spawn_local;
use wasm_rtc::{DataChannel, DataChannelOptions, Error, OfferOptions, PeerConnection};

use crate::pane::{Entry, Pane};

/// Offers from `alice` to `bob` with one data channel, "chat", and returns both of its ends:
/// `(alice's, bob's)`. Candidates trickle in the background; failures to add one are logged in
/// the pane of the side that refused it.
pub async fn connect(
    alice: &PeerConnection,
    bob: &PeerConnection,
    alice_pane: &Rc<Pane>,
    bob_pane: &Rc<Pane>,
) -> Result<(DataChannel, DataChannel), Error> {
    trickle(alice, bob, bob_pane.clone());
    trickle(bob, alice, alice_pane.clone());

    let alices = alice.create_data_channel("chat", &DataChannelOptions::new())?;
    let offer = alice.create_offer(&OfferOptions::new()).await?;
    alice.set_local_description(Some(&offer)).await?;
    bob.set_remote_description(&offer).await?;
    let answer = bob.create_answer().await?;
    bob.set_local_description(Some(&answer)).await?;
    alice.set_remote_description(&answer).await?;

    // The stream ends only if Bob's connection closes before Alice's channel reaches him.
    let bobs = bob.data_channels().next().await.ok_or(Error::Closed)?;
    Ok((alices, bobs))
}

/// Hands every local candidate of `from` to `to` as it is found (trickle ICE), end-of-candidates
/// and ICE restarts included. Holds `to` weakly: the task keeps neither connection open.
fn trickle(from: &PeerConnection, to: &PeerConnection, to_pane: Rc<Pane>) {
    let mut candidates = from.ice_candidate_events();
    let to = to.downgrade();
    spawn_local(async move {
        while let Some(candidate) = candidates.next().await {
            let Some(to) = to.upgrade() else { break };
            if let Err(error) = to.add_ice_candidate(candidate.as_ref()).await {
                to_pane.log(Entry::Error, &format!("could not add a candidate: {error}"));
            }
        }
    });
}
