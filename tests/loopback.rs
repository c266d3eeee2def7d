//! `wasm_rtc::loopback`: two connections of one page connected with no signaling server.
//!
//! These tests compare page-wide listener counts, so each holds [`one_at_a_time`] throughout.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use futures::{SinkExt, StreamExt};
use wasm_bindgen_test::*;
use wasm_rtc::{live_listeners, loopback, DataChannelOptions, Error, Message, PeerConnectionState};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn connect_trickles_and_negotiates_and_negotiate_renegotiates() {
    let _alone = one_at_a_time().await;
    let (a, b) = (peer(), peer());
    let mut chat = a
        .create_data_channel("chat", &DataChannelOptions::new())
        .unwrap();
    within(20, "connect", loopback::connect(&a, &b))
        .await
        .unwrap();
    within(20, "connected", a.connected()).await.unwrap();
    within(20, "connected", b.connected()).await.unwrap();
    let mut at_b = within(20, "the channel", b.data_channels().next())
        .await
        .unwrap();
    within(20, "open", chat.opened()).await.unwrap();
    chat.send(Message::Text("hi".into())).await.unwrap();
    assert_eq!(at_b.next().await, Some(Ok(Message::Text("hi".into()))));
    // Later changes: negotiate again (either side may offer).
    let more = b
        .create_data_channel("more", &DataChannelOptions::new())
        .unwrap();
    within(20, "renegotiate", loopback::negotiate(&b, &a))
        .await
        .unwrap();
    within(20, "open", more.opened()).await.unwrap();
    assert_eq!(
        within(20, "the new channel", a.data_channels().next())
            .await
            .unwrap()
            .label(),
        "more"
    );
}

/// The trickle tasks hold neither connection: dropping every handle closes both and detaches
/// every listener.
#[wasm_bindgen_test]
async fn trickle_keeps_neither_connection_open() {
    let _alone = one_at_a_time().await;
    let baseline = settled_listeners().await;
    let (a, b) = (peer(), peer());
    let chat = a
        .create_data_channel("chat", &DataChannelOptions::new())
        .unwrap();
    within(20, "connect", loopback::connect(&a, &b))
        .await
        .unwrap();
    within(20, "open", chat.opened()).await.unwrap();
    let raw = a.as_raw().clone();
    drop((a, b, chat));
    assert_eq!(
        raw.connection_state(),
        web_sys::RtcPeerConnectionState::Closed
    );
    until_listeners(baseline).await;
}

/// A step the browser refuses is the browser's error, typed; nothing panics.
#[wasm_bindgen_test]
async fn negotiate_returns_the_browsers_error() {
    let _alone = one_at_a_time().await;
    let (a, b) = (peer(), peer());
    let _chat = a
        .create_data_channel("chat", &DataChannelOptions::new())
        .unwrap();
    b.close();
    let outcome = within(20, "negotiate", loopback::negotiate(&a, &b)).await;
    assert!(
        matches!(outcome, Err(Error::Closed | Error::InvalidState(_))),
        "{outcome:?}"
    );
    assert_eq!(b.connection_state(), PeerConnectionState::Closed);
}

async fn until_listeners(baseline: usize) {
    within(10, "every listener detached", async {
        while live_listeners() != baseline {
            sleep_ms(20).await;
        }
    })
    .await
}
