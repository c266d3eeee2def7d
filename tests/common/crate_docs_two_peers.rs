use futures::{SinkExt, StreamExt};
use wasm_rtc::{loopback, Configuration, DataChannelOptions, Error, Message, PeerConnection};

async fn two_peers() -> Result<(), Error> {
    let alice = PeerConnection::new(&Configuration::new())?;
    let bob = PeerConnection::new(&Configuration::new())?;
    // Trickle ICE both ways (one page, no server; over a network, your signaling).
    loopback::trickle(&alice, &bob);
    loopback::trickle(&bob, &alice);

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
