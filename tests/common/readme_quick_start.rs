use futures::{SinkExt, StreamExt};
use wasm_rtc::{loopback, Configuration, DataChannelOptions, Error, IceServer, Message, PeerConnection};

async fn chat() -> Result<(), Error> {
    let config = Configuration::new().ice_server(IceServer::new("stun:stun.example.org"));
    let (alice, bob) = (PeerConnection::new(&config)?, PeerConnection::new(&config)?);
    // Trickle ICE both ways (one page, no server; over a network, your signaling).
    loopback::trickle(&alice, &bob);
    loopback::trickle(&bob, &alice);

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
