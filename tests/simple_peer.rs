//! A wasm-rtc peer in a call with an unmodified simple-peer 9.11.1 (npm; its browser bundle,
//! evaluated in this page), through [`SimplePeerNegotiator`] and the JSON of
//! [`SimplePeerSignal`]: with simple-peer as the initiator and as the responder, the call
//! connects, data goes both ways, and each side adding a track renegotiates the call — the
//! other side receives the track.
#![cfg(target_arch = "wasm32")]

mod common;

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use common::*;
use futures::channel::mpsc;
use futures::{Sink, SinkExt, Stream, StreamExt};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::{audio_tone, video_pattern};
use wasm_rtc::{
    Configuration, DataChannel, DataChannelOptions, Error, MediaStream, Message, NegotiationEvent,
    PeerConnection, SimplePeerNegotiator, SimplePeerSignal, TrackKind,
};

wasm_bindgen_test_configure!(run_in_browser);

const SIMPLE_PEER: &str = include_str!("../node_modules/simple-peer/simplepeer.min.js");

#[wasm_bindgen(module = "/tests/simple_peer.js")]
extern "C" {
    #[wasm_bindgen(js_name = loadSimplePeer)]
    fn load_simple_peer(source: &str) -> bool;

    #[derive(Clone)]
    type DrivenPeer;
    #[wasm_bindgen(constructor)]
    fn new(initiator: bool) -> DrivenPeer;
    #[wasm_bindgen(method, js_name = takeSignals)]
    fn take_signals(this: &DrivenPeer) -> Vec<String>;
    #[wasm_bindgen(method)]
    fn signal(this: &DrivenPeer, json: &str);
    #[wasm_bindgen(method)]
    fn send(this: &DrivenPeer, text: &str);
    #[wasm_bindgen(method, js_name = addTrack)]
    fn add_track(this: &DrivenPeer, track: &web_sys::MediaStreamTrack);
    #[wasm_bindgen(method)]
    fn destroy(this: &DrivenPeer);
    #[wasm_bindgen(method, getter)]
    fn connected(this: &DrivenPeer) -> bool;
    #[wasm_bindgen(method, getter)]
    fn data(this: &DrivenPeer) -> Vec<String>;
    #[wasm_bindgen(method, getter)]
    fn tracks(this: &DrivenPeer) -> Vec<String>;
    #[wasm_bindgen(method, getter)]
    fn errors(this: &DrivenPeer) -> Vec<String>;
}

/// The negotiator's transport: channels to and from the pump below.
struct Channels {
    incoming: mpsc::UnboundedReceiver<Result<SimplePeerSignal, Error>>,
    outgoing: mpsc::UnboundedSender<SimplePeerSignal>,
}

impl Stream for Channels {
    type Item = Result<SimplePeerSignal, Error>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.incoming.poll_next_unpin(cx)
    }
}

impl Sink<SimplePeerSignal> for Channels {
    type Error = Error;
    fn poll_ready(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.outgoing
            .poll_ready_unpin(cx)
            .map_err(|_| Error::Closed)
    }
    fn start_send(mut self: Pin<&mut Self>, signal: SimplePeerSignal) -> Result<(), Error> {
        self.outgoing
            .start_send_unpin(signal)
            .map_err(|_| Error::Closed)
    }
    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.outgoing
            .poll_flush_unpin(cx)
            .map_err(|_| Error::Closed)
    }
    fn poll_close(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Result<(), Error>> {
        self.outgoing
            .poll_close_unpin(cx)
            .map_err(|_| Error::Closed)
    }
}

/// Carries signals between simple-peer and the negotiator as JSON text, both ways, every few
/// milliseconds, until the negotiator is gone.
fn pump(peer: DrivenPeer) -> Channels {
    let (to_negotiator, incoming) = mpsc::unbounded();
    let (outgoing, mut from_negotiator) = mpsc::unbounded::<SimplePeerSignal>();
    wasm_bindgen_futures::spawn_local(async move {
        while !to_negotiator.is_closed() {
            for json in peer.take_signals() {
                let _ = to_negotiator.unbounded_send(SimplePeerSignal::from_json(&json));
            }
            while let Ok(signal) = from_negotiator.try_recv() {
                peer.signal(&signal.to_json().expect("signal JSON"));
            }
            sleep_ms(5).await;
        }
    });
    Channels { incoming, outgoing }
}

/// Waits until `check` holds, polling every 20 ms; fails after `seconds`.
async fn until(seconds: u64, what: &str, check: impl Fn() -> bool) {
    within(seconds, what, async {
        while !check() {
            gloo_timers::future::sleep(Duration::from_millis(20)).await;
        }
    })
    .await;
}

/// The call: simple-peer as `simple_peer_initiator` says, wasm-rtc the other part.
async fn a_call(simple_peer_initiator: bool) {
    assert!(
        load_simple_peer(SIMPLE_PEER),
        "simple-peer's bundle sets window.SimplePeer"
    );
    let pc = PeerConnection::new(&Configuration::new()).unwrap();
    // simple-peer's responder takes the first channel it is given.
    let own_channel = (!simple_peer_initiator).then(|| {
        pc.create_data_channel("wasm-rtc", &DataChannelOptions::new())
            .unwrap()
    });
    let simple = DrivenPeer::new(simple_peer_initiator);
    let negotiator = SimplePeerNegotiator::start(&pc, pump(simple.clone()), !simple_peer_initiator);
    let mut events = negotiator.events();

    let mut channel: DataChannel = match own_channel {
        Some(channel) => channel,
        None => within(20, "simple-peer's channel", pc.data_channels().next())
            .await
            .expect("a channel"),
    };
    within(20, "our channel open", channel.opened())
        .await
        .unwrap();
    until(20, "simple-peer connected", || simple.connected()).await;

    // Data both ways, in order.
    for i in 0..10 {
        channel
            .send(Message::Text(format!("from wasm-rtc {i}")))
            .await
            .unwrap();
        simple.send(&format!("from simple-peer {i}"));
    }
    until(10, "10 messages at simple-peer", || {
        simple.data().len() >= 10
    })
    .await;
    let expected: Vec<String> = (0..10).map(|i| format!("from wasm-rtc {i}")).collect();
    assert_eq!(simple.data(), expected);
    for i in 0..10 {
        let message = within(10, "a message from simple-peer", channel.next()).await;
        assert_eq!(
            message.expect("open").unwrap(),
            Message::Text(format!("from simple-peer {i}"))
        );
    }

    // wasm-rtc adds a track: renegotiated, simple-peer receives it.
    let mut remote_tracks = pc.track_events();
    let video = video_pattern(160, 120, 15).unwrap();
    let stream = MediaStream::new(&[&video]).unwrap();
    pc.add_track(&video, &[&stream]).unwrap();
    until(20, "simple-peer receives our video track", || {
        simple.tracks().contains(&"video".to_string())
    })
    .await;

    // simple-peer adds a track: renegotiated, wasm-rtc receives it.
    let audio = audio_tone(440.0).unwrap();
    simple.add_track(audio.as_raw());
    // (A video track event may come first: the receiver of the transceiver simple-peer added
    // for our video, which is `sendrecv`.)
    within(20, "simple-peer's audio track", async {
        while let Some(event) = remote_tracks.next().await {
            if event.track.kind() == TrackKind::Audio {
                return;
            }
        }
        panic!("the connection closed before an audio track came");
    })
    .await;

    // The channel still works after both renegotiations.
    simple.send("after renegotiation");
    let message = within(10, "a message after renegotiation", channel.next()).await;
    assert_eq!(
        message.expect("open").unwrap(),
        Message::Text("after renegotiation".into())
    );
    assert_eq!(
        simple.errors(),
        Vec::<String>::new(),
        "simple-peer's errors"
    );
    let mut seen = Vec::new();
    while let Some(Some(event)) = futures::FutureExt::now_or_never(events.next()) {
        seen.push(event);
    }
    assert!(
        !seen.iter().any(|e| matches!(e, NegotiationEvent::Error(_))),
        "negotiation errors: {seen:?}"
    );
    let offers_made_here = seen
        .iter()
        .filter(|e| matches!(e, NegotiationEvent::Sent(wasm_rtc::SdpType::Offer)))
        .count();
    if simple_peer_initiator {
        assert_eq!(offers_made_here, 0, "the responder never offers: {seen:?}");
    } else {
        assert!(
            offers_made_here >= 3,
            "the initiator made every offer: {seen:?}"
        );
    }
    simple.destroy();
    pc.close();
    drop(negotiator);
}

#[wasm_bindgen_test]
async fn simple_peer_initiates_and_wasm_rtc_answers() {
    a_call(true).await;
}

#[wasm_bindgen_test]
async fn wasm_rtc_initiates_and_simple_peer_answers() {
    a_call(false).await;
}

#[wasm_bindgen_test]
async fn data_that_is_no_simple_peer_signal_is_an_error_event_and_changes_nothing() {
    let pc = PeerConnection::new(&Configuration::new()).unwrap();
    let (to_negotiator, incoming) = mpsc::unbounded();
    let (outgoing, _from_negotiator) = mpsc::unbounded();
    let negotiator = SimplePeerNegotiator::start(&pc, Channels { incoming, outgoing }, false);
    let mut events = negotiator.events();
    for text in [r#"{"type":"hello","from":"a","call":"c"}"#, "not JSON"] {
        to_negotiator
            .unbounded_send(SimplePeerSignal::from_json(text))
            .unwrap();
    }
    let first = within(5, "an error event", events.next()).await;
    assert!(
        matches!(first, Some(NegotiationEvent::Error(Error::Data(_)))),
        "{first:?}"
    );
    let second = within(5, "an error event", events.next()).await;
    assert!(
        matches!(second, Some(NegotiationEvent::Error(Error::Syntax(_)))),
        "{second:?}"
    );
    // An answer with no offer of ours: the browser's error, and the connection stays stable.
    let answer = r#"{"type":"answer","sdp":"v=0\r\n"}"#;
    to_negotiator
        .unbounded_send(SimplePeerSignal::from_json(answer))
        .unwrap();
    let third = within(5, "an error event", events.next()).await;
    assert!(
        matches!(third, Some(NegotiationEvent::Error(_))),
        "{third:?}"
    );
    assert_eq!(pc.signaling_state(), wasm_rtc::SignalingState::Stable);
    pc.close();
}
