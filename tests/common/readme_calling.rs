use futures::StreamExt;
use wasm_rtc::{BroadcastChannelSignaling, Configuration, DataChannelOptions, Error};
use wasm_rtc::{NegotiationEvent, Negotiator, NegotiatorOptions, PeerConnection};

/// Joins `room` as `me`; the side that calls itself polite yields when offers cross.
async fn join(room: &str, me: &str, polite: bool) -> Result<(PeerConnection, Negotiator), Error> {
    let pc = PeerConnection::new(&Configuration::new())?;
    let transport = BroadcastChannelSignaling::open(room)?;
    let negotiator = Negotiator::start(&pc, transport, NegotiatorOptions::new(me, room, polite));
    let chat = pc.create_data_channel("chat", &DataChannelOptions::new())?; // negotiated for you
    let mut events = negotiator.events();
    wasm_bindgen_futures::spawn_local(async move {
        while let Some(event) = events.next().await {
            if let NegotiationEvent::Error(error) = event {
                web_sys::console::warn_1(&error.into()); // a bad signal: negotiation goes on
            }
        }
    });
    chat.opened().await?;
    Ok((pc, negotiator))
}
