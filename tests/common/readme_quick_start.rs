use futures::{SinkExt, StreamExt};
use wasm_bindgen_futures::spawn_local;
use wasm_rtc::{Configuration, DataChannelOptions, Error, IceServer, Message, PeerConnection};

/// Trickle ICE: forward every local candidate of `from` to `to`, ICE restarts included.
/// The task holds `to` weakly, so it keeps neither connection open.
fn trickle(from: &PeerConnection, to: &PeerConnection) {
    let (mut candidates, to) = (from.ice_candidate_events(), to.downgrade());
    spawn_local(async move {
        while let Some(candidate) = candidates.next().await {
            let Some(to) = to.upgrade() else { break };
            let _ = to.add_ice_candidate(candidate.as_ref()).await;
        }
    });
}

async fn chat() -> Result<(), Error> {
    let config = Configuration::new().ice_server(IceServer::new("stun:stun.example.org"));
    let (alice, bob) = (PeerConnection::new(&config)?, PeerConnection::new(&config)?);
    trickle(&alice, &bob);
    trickle(&bob, &alice);

    let mut to_bob = alice.create_data_channel("chat", &DataChannelOptions::new())?;
    let offer = alice.set_local_description(None).await?; // the browser makes the offer
    bob.set_remote_description(&offer).await?;
    let answer = bob.set_local_description(None).await?; // … and the answer
    alice.set_remote_description(&answer).await?;

    let mut from_alice = bob.data_channels().next().await.ok_or(Error::Closed)?;
    to_bob.opened().await?;
    to_bob.send(Message::Text("hello, Bob".into())).await?; // waits while the buffer is full
    if let Some(Ok(Message::Text(text))) = from_alice.next().await {
        assert_eq!(text, "hello, Bob");
    }
    Ok(())
}
