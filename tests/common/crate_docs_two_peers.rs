use futures::{SinkExt, StreamExt};
use wasm_bindgen_futures::spawn_local;
use wasm_rtc::{Configuration, DataChannelOptions, Error, Message, PeerConnection};

/// Sends every local candidate of `from` to `to` (trickle ICE, restarts included). The task
/// holds `to` weakly, so it keeps neither connection open.
fn trickle(from: &PeerConnection, to: &PeerConnection) {
    let (mut candidates, to) = (from.ice_candidate_events(), to.downgrade());
    spawn_local(async move {
        while let Some(candidate) = candidates.next().await {
            let Some(to) = to.upgrade() else { break };
            let _ = to.add_ice_candidate(candidate.as_ref()).await;
        }
    });
}

async fn two_peers() -> Result<(), Error> {
    let alice = PeerConnection::new(&Configuration::new())?;
    let bob = PeerConnection::new(&Configuration::new())?;
    trickle(&alice, &bob);
    trickle(&bob, &alice);

    let mut to_bob = alice.create_data_channel("chat", &DataChannelOptions::new())?;
    let offer = alice.create_offer(&Default::default()).await?;
    alice.set_local_description(Some(&offer)).await?;
    bob.set_remote_description(&offer).await?;
    let answer = bob.create_answer().await?;
    bob.set_local_description(Some(&answer)).await?;
    alice.set_remote_description(&answer).await?;

    let mut from_alice = bob.data_channels().next().await.ok_or(Error::Closed)?;
    to_bob.opened().await?;
    to_bob.send(Message::Text("hello".into())).await?; // waits if the buffer is full
    assert_eq!(from_alice.next().await, Some(Ok(Message::Text("hello".into()))));
    Ok(())
}
