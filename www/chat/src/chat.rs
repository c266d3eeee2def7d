//! One side of the chat: what is typed in a pane goes out on the data channel, what arrives on it
//! goes into the pane's log.

use std::rc::Rc;

use futures::{future, stream, SinkExt, StreamExt};
use wasm_rtc::{DataChannel, Error, Message, PeerConnection};

use crate::pane::{Entry, Pane};

enum Event {
    Send,
    Received(Result<Message, Error>),
    ChannelClosed,
}

/// Runs one side until its channel closes.
///
/// This task owns that side of the call: its connection, its channel and its form listener live
/// exactly as long as the chat does (for a page that stays open, the page's lifetime), and are
/// dropped, which closes and detaches them, when it ends.
pub async fn run(pane: Rc<Pane>, peer: PeerConnection, channel: DataChannel) {
    if let Err(error) = chat(&pane, channel).await {
        pane.log(Entry::Error, &error.to_string());
    }
    pane.enable(false);
    pane.set_channel_state("closed");
    pane.log(Entry::Info, "The chat is over: the data channel closed.");
    peer.close();
}

async fn chat(pane: &Pane, channel: DataChannel) -> Result<(), Error> {
    pane.set_channel_state("connecting");
    channel.opened().await?;
    pane.set_channel_state("open");
    pane.enable(true);
    pane.log(Entry::Info, &format!("Data channel \"{}\" is open.", channel.label()));

    let (mut outgoing, incoming) = channel.split();
    let incoming = incoming
        .map(Event::Received)
        .chain(stream::once(future::ready(Event::ChannelClosed)));
    let submits = pane.submits()?.map(|()| Event::Send);
    let mut events = stream::select(incoming, submits);

    while let Some(event) = events.next().await {
        match event {
            Event::Send => {
                let Some(text) = pane.typed() else { continue };
                // The Sink waits while the channel's buffer is above its high-water mark.
                match outgoing.send(Message::Text(text.clone())).await {
                    Ok(()) => {
                        pane.clear_input();
                        pane.log(Entry::Sent, &text);
                    }
                    Err(error) => pane.log(Entry::Error, &format!("could not send: {error}")),
                }
            }
            Event::Received(Ok(Message::Text(text))) => pane.log(Entry::Received, &text),
            Event::Received(Ok(Message::Binary(bytes))) => {
                pane.log(Entry::Received, &format!("[{} bytes of binary data]", bytes.len()))
            }
            Event::Received(Err(error)) => pane.log(Entry::Error, &format!("channel error: {error}")),
            Event::ChannelClosed => break,
        }
    }
    Ok(())
}
