//! State streams a UI can bind: each yields the current value first, then every change (never
//! the same value twice in a row), and a final `Closed` when the object closes — by `close()`
//! or by its last handle dropping — and then ends. `iceGatheringState` has no closed value in
//! the spec: its stream just ends.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use futures::{FutureExt, StreamExt};
use wasm_bindgen_test::*;
use wasm_rtc::{
    DataChannelOptions, DataChannelState, EventStream, IceConnectionState, IceGatheringState,
    PeerConnectionState, SignalingState,
};

wasm_bindgen_test_configure!(run_in_browser);

/// Everything a stream yields until it ends (at most `seconds`).
async fn all<T: 'static>(mut stream: EventStream<T>, seconds: u64) -> Vec<T> {
    within(seconds, "the stream ends", async {
        let mut seen = Vec::new();
        while let Some(item) = stream.next().await {
            seen.push(item);
        }
        seen
    })
    .await
}

/// What a stream has yielded so far, without waiting.
fn so_far<T: 'static>(stream: &mut EventStream<T>) -> Vec<T> {
    let mut seen = Vec::new();
    while let Some(Some(item)) = stream.next().now_or_never() {
        seen.push(item);
    }
    seen
}

fn no_repeats<T: PartialEq + std::fmt::Debug>(seen: &[T]) {
    assert!(
        seen.windows(2).all(|w| w[0] != w[1]),
        "a value repeated: {seen:?}"
    );
}

#[wasm_bindgen_test]
async fn connection_states_start_with_the_current_value_and_end_with_closed_on_close() {
    let (a, b) = pair();
    let mut early = a.connection_states();
    let mut seen_early = so_far(&mut early);
    assert_eq!(seen_early, vec![PeerConnectionState::New]);
    let _chat = a
        .create_data_channel("chat", &DataChannelOptions::new())
        .unwrap();
    negotiate(&a, &b).await;
    within(20, "connected", a.connected()).await.unwrap();
    // A stream made now starts at `connected`.
    let late = a.connection_states();
    let signaling = a.signaling_states();
    let ice = a.ice_connection_states();
    a.close();
    assert_eq!(
        all(late, 5).await,
        vec![PeerConnectionState::Connected, PeerConnectionState::Closed]
    );
    seen_early.extend(all(early, 5).await);
    let early = seen_early;
    no_repeats(&early);
    assert_eq!(early.first(), Some(&PeerConnectionState::New));
    assert!(early.contains(&PeerConnectionState::Connected), "{early:?}");
    assert_eq!(early.last(), Some(&PeerConnectionState::Closed));
    assert_eq!(
        all(signaling, 5).await,
        vec![SignalingState::Stable, SignalingState::Closed]
    );
    let ice = all(ice, 5).await;
    assert_eq!(
        ice.first().map(|s| s.as_str()),
        Some("connected").or(ice.first().map(|s| s.as_str()))
    );
    assert!(
        matches!(
            ice.first(),
            Some(IceConnectionState::Connected | IceConnectionState::Completed)
        ),
        "{ice:?}"
    );
    assert_eq!(ice.last(), Some(&IceConnectionState::Closed));
    drop(b);
}

#[wasm_bindgen_test]
async fn dropping_the_last_handle_ends_every_state_stream_with_closed() {
    let (a, b) = pair();
    let connection = a.connection_states();
    let signaling = a.signaling_states();
    let ice = a.ice_connection_states();
    let gathering = a.ice_gathering_states();
    drop(a);
    assert_eq!(
        all(connection, 5).await,
        vec![PeerConnectionState::New, PeerConnectionState::Closed]
    );
    assert_eq!(
        all(signaling, 5).await,
        vec![SignalingState::Stable, SignalingState::Closed]
    );
    assert_eq!(
        all(ice, 5).await,
        vec![IceConnectionState::New, IceConnectionState::Closed]
    );
    // No closed gathering state in the spec: the stream ends after the current value.
    assert_eq!(all(gathering, 5).await, vec![IceGatheringState::New]);
    drop(b);
}

#[wasm_bindgen_test]
async fn signaling_and_gathering_states_follow_an_offer() {
    let (a, b) = pair();
    let mut signaling = a.signaling_states();
    let mut gathering = a.ice_gathering_states();
    let chat = a
        .create_data_channel("chat", &DataChannelOptions::new())
        .unwrap();
    a.set_local_description(None).await.unwrap();
    within(20, "gathering complete", async {
        while a.ice_gathering_state() != IceGatheringState::Complete {
            sleep_ms(20).await;
        }
    })
    .await;
    sleep_ms(100).await;
    assert_eq!(
        so_far(&mut signaling),
        vec![SignalingState::Stable, SignalingState::HaveLocalOffer]
    );
    assert_eq!(
        so_far(&mut gathering),
        vec![
            IceGatheringState::New,
            IceGatheringState::Gathering,
            IceGatheringState::Complete
        ]
    );
    // The channel keeps the connection open as long as the connection's handle does.
    drop((a, b, chat));
    assert_eq!(all(signaling, 5).await, vec![SignalingState::Closed]);
    assert_eq!(all(gathering, 5).await, Vec::<IceGatheringState>::new());
}

#[wasm_bindgen_test]
async fn ready_states_follow_a_channel_to_closed() {
    let (a, b) = pair();
    let chat = a
        .create_data_channel("chat", &DataChannelOptions::new())
        .unwrap();
    let mut states = chat.ready_states();
    let mut seen = so_far(&mut states);
    assert_eq!(seen, vec![DataChannelState::Connecting]);
    negotiate(&a, &b).await;
    let remote = within(20, "remote channel", b.data_channels().next())
        .await
        .unwrap();
    within(20, "open", chat.opened()).await.unwrap();
    let remote_states = remote.ready_states();
    chat.close();
    seen.extend(all(states, 10).await);
    no_repeats(&seen);
    assert_eq!(seen.first(), Some(&DataChannelState::Connecting));
    assert!(seen.contains(&DataChannelState::Open), "{seen:?}");
    assert_eq!(seen.last(), Some(&DataChannelState::Closed));
    let remote_seen = all(remote_states, 10).await;
    assert_eq!(remote_seen.first(), Some(&DataChannelState::Open));
    assert_eq!(remote_seen.last(), Some(&DataChannelState::Closed));
    no_repeats(&remote_seen);
}

/// A channel's state stream ends with `Closed` when its connection closes, though the spec's
/// close steps fire no event at the channel.
#[wasm_bindgen_test]
async fn ready_states_end_with_closed_when_the_connection_closes() {
    let (a, b, chat, _remote) = connected_channel().await;
    let states = chat.ready_states();
    a.close();
    assert_eq!(
        all(states, 5).await,
        vec![DataChannelState::Open, DataChannelState::Closed]
    );
    drop(b);
}
