use futures::StreamExt;
use wasm_rtc::{Configuration, DataChannelOptions, Error, NatsOptions, NatsSignaling, NatsState};
use wasm_rtc::{Negotiator, NegotiatorOptions, PeerConnection};

/// Joins `room` on the nats-server at `url` (e.g. "wss://signal.example.com:8443") as `me`.
async fn join_through_nats(
    url: &str,
    token: &str,
    room: &str,
    me: &str,
    polite: bool,
) -> Result<(PeerConnection, Negotiator), Error> {
    let options = NatsOptions::new().token(token); // Error::NotAllowed if the server refuses it
    let transport = NatsSignaling::connect(url, room, options).await?;
    let mut states = transport.states(); // Connected, Reconnecting { attempt, error }, Closed
    wasm_bindgen_futures::spawn_local(async move {
        while let Some(state) = states.next().await {
            if let NatsState::Reconnecting { attempt, error } = state {
                let text = format!("signaling lost ({error}); reconnecting, attempt {attempt}");
                web_sys::console::warn_1(&text.into());
            }
        }
    });
    let pc = PeerConnection::new(&Configuration::new())?;
    let negotiator = Negotiator::start(&pc, transport, NegotiatorOptions::new(me, room, polite));
    // The same pre-negotiated channel on both sides: one channel, whoever offers first.
    let chat = pc.create_data_channel("chat", &DataChannelOptions::new().negotiated(0))?;
    chat.opened().await?;
    Ok((pc, negotiator))
}
