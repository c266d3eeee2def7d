//! Lifetimes: dropping handles closes connections and detaches every listener.
//!
//! These tests compare page-wide counts, so each holds [`one_at_a_time`] for its whole run.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use std::any::Any;
use std::time::Duration;

use futures::{SinkExt, StreamExt};
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::audio_tone;
use wasm_rtc::{
    dispatched_events, live_listeners, DataChannel, DataChannelOptions, DataChannelState, Error,
    MediaStream, Message, PeerConnection,
};

wasm_bindgen_test_configure!(run_in_browser);

fn state(raw: &wasm_bindgen::JsValue, attribute: &str) -> String {
    js_sys::Reflect::get(raw, &attribute.into())
        .unwrap()
        .as_string()
        .unwrap()
}

/// 100 connected pairs (200 connections) with open channels; dropping every handle closes each
/// native connection, returns the listener count to where it was, and no listener of ours runs
/// afterwards.
#[wasm_bindgen_test]
async fn dropping_200_connected_peers_closes_them_and_detaches_every_listener() {
    let _alone = one_at_a_time().await;
    within(240, "200 peers", async {
        let baseline = live_listeners();
        let mut raws = Vec::new();
        for _batch in 0..10 {
            let pairs = futures::future::join_all((0..10).map(|_| async {
                let (a, b) = pair();
                let (mut x, mut y) =
                    open_channel(&a, &b, "drop-me", &DataChannelOptions::new()).await;
                x.send(Message::Text("hi".into())).await.unwrap();
                assert_eq!(y.next().await, Some(Ok(Message::Text("hi".into()))));
                (a, b, x, y)
            }))
            .await;
            for (a, b, x, y) in pairs {
                raws.push((a.as_raw().clone(), x.as_raw().clone()));
                raws.push((b.as_raw().clone(), y.as_raw().clone()));
                assert!(live_listeners() > baseline);
                drop((a, b, x, y));
            }
        }
        assert_eq!(raws.len(), 200);
        // Forwarding tasks wake once more to see their peers gone; give them a turn.
        sleep_ms(100).await;
        assert_eq!(
            live_listeners(),
            baseline,
            "listeners still attached after every handle was dropped"
        );
        for (pc, channel) in &raws {
            assert_eq!(state(pc.as_ref(), "signalingState"), "closed");
            assert_eq!(state(pc.as_ref(), "connectionState"), "closed");
            assert_eq!(state(channel.as_ref(), "readyState"), "closed");
        }
        let dispatched = dispatched_events();
        sleep_ms(500).await;
        assert_eq!(
            dispatched_events(),
            dispatched,
            "a listener of ours ran after its connection was dropped"
        );
    })
    .await;
}

/// Dropping one side's last handle is seen by the other side: its channel stream ends.
#[wasm_bindgen_test]
async fn dropping_a_peer_ends_the_remote_channel_stream() {
    let _alone = one_at_a_time().await;
    within(60, "drop one side", async {
        let (a, b, x, mut y) = connected_channel().await;
        drop((a, x));
        assert_eq!(within(30, "remote stream end", y.next()).await, None);
        drop(b);
    })
    .await;
}

/// A stream outliving its connection ends instead of hanging, and holds nothing attached.
#[wasm_bindgen_test]
async fn streams_end_when_their_connection_is_dropped() {
    let _alone = one_at_a_time().await;
    let baseline = live_listeners();
    let pc = peer();
    let mut states = pc.connection_state_changes();
    let mut negotiation = pc.negotiation_needed();
    let mut candidates = pc.ice_candidates();
    let mut channels = pc.data_channels();
    drop(pc);
    assert_eq!(states.next().await, None);
    assert_eq!(negotiation.next().await, None);
    assert_eq!(candidates.next().await, None);
    assert!(channels.next().await.is_none());
    assert_eq!(live_listeners(), baseline);
}

/// `DtmfSender::play` listens for `tonechange` only while it plays.
#[wasm_bindgen_test]
async fn dtmf_play_detaches_its_listener_when_it_resolves() {
    let _alone = one_at_a_time().await;
    within(30, "play", async {
        let c = call().await;
        let listeners = live_listeners();
        c.dtmf
            .play("1", Duration::from_millis(40), Duration::from_millis(30))
            .await
            .unwrap();
        assert_eq!(live_listeners(), listeners, "play detached its listener");
    })
    .await;
}

#[wasm_bindgen::prelude::wasm_bindgen(module = "/tests/quiet_close.js")]
extern "C" {
    /// Keeps every `close` listener added to an `RTCDataChannel` from now on from hearing one;
    /// returns the function that restores them.
    #[wasm_bindgen(js_name = suppressChannelCloseEvents)]
    fn suppress_channel_close_events() -> js_sys::Function;
}

/// Restores `close` events when dropped (also when the test fails).
struct QuietClose(js_sys::Function);

impl Drop for QuietClose {
    fn drop(&mut self) {
        let _ = self.0.call0(&wasm_bindgen::JsValue::NULL);
    }
}

/// Where closing a connection fires no `close` at its channels, as the spec's close steps say,
/// everything of its channels still ends: the stream, `opened()`, `closed()` and a sender
/// waiting for the channel to open — for a channel it created and one the remote side opened.
#[wasm_bindgen_test]
async fn channels_end_with_their_connection_without_close_events() {
    let _alone = one_at_a_time().await;
    within(60, "channels end without close events", async {
        let _quiet = QuietClose(suppress_channel_close_events());
        let (a, b) = pair();
        let (mut ours, _theirs) = open_channel(&a, &b, "quiet", &DataChannelOptions::new()).await;
        let (_mine, mut remote) =
            open_channel(&b, &a, "quiet-remote", &DataChannelOptions::new()).await;
        // Never negotiated: it stays connecting, so opened() and a send wait.
        let waiting = a
            .create_data_channel("never-open", &DataChannelOptions::new())
            .unwrap();
        let ours_again = ours.clone();
        let (opened, closed) = (waiting.opened(), ours_again.closed());
        let mut sink = waiting.clone();
        let send = sink.send(Message::Text("never".into()));
        futures::pin_mut!(opened, closed, send);
        assert!(
            futures::poll!(&mut opened).is_pending()
                && futures::poll!(&mut closed).is_pending()
                && futures::poll!(&mut send).is_pending(),
            "all waiting before close"
        );

        a.close();
        assert_eq!(
            within(2, "opened()", opened).await,
            Err(wasm_rtc::Error::Closed)
        );
        within(2, "closed()", closed).await;
        assert_eq!(
            within(2, "the waiting send", send).await,
            Err(wasm_rtc::Error::Closed)
        );
        assert_eq!(within(2, "our stream", ours.next()).await, None);
        assert_eq!(
            within(2, "the remote channel's stream", remote.next()).await,
            None
        );
        assert!(ours.send_now(&Message::Text("late".into())).is_err());
    })
    .await;
}

/// Two connected channels, with every `PeerConnection` handle dropped on return.
async fn connect() -> (DataChannel, DataChannel) {
    let (a, b) = pair();
    open_channel(&a, &b, "kept", &DataChannelOptions::new()).await
}

/// A channel keeps its connection open: the channels `connect()` returns work after every
/// `PeerConnection` handle is gone — the one the connection created and the one the remote side
/// received — and dropping them then closes both connections and detaches every listener.
#[wasm_bindgen_test]
async fn channels_keep_their_connections_open() {
    let _alone = one_at_a_time().await;
    within(60, "channels keep their connections", async {
        let baseline = live_listeners();
        let (mut x, mut y) = connect().await;
        sleep_ms(200).await;
        assert_eq!(x.ready_state(), DataChannelState::Open);
        x.send(Message::Text("still here".into())).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Text("still here".into()))));
        y.send(Message::Text("and back".into())).await.unwrap();
        assert_eq!(x.next().await, Some(Ok(Message::Text("and back".into()))));

        let (raw_x, raw_y) = (x.as_raw().clone(), y.as_raw().clone());
        drop((x, y));
        sleep_ms(200).await;
        assert_eq!(live_listeners(), baseline, "every listener detached");
        assert_eq!(state(&raw_x, "readyState"), "closed");
        assert_eq!(state(&raw_y, "readyState"), "closed");
    })
    .await;
}

/// What a test keeps of a connected call once every `PeerConnection` handle is gone.
#[derive(Debug, Clone, Copy)]
enum Keep {
    Sender,
    Transceiver,
    DtmfSender,
    DtlsTransport,
    IceTransport,
    SctpTransport,
    RemoteReceiver,
    RemoteTransceiver,
}

/// A connected call from `a` (audio and a data channel) to `b`, of which only what `keep` names
/// is returned (boxed), with the native connections and which of them it belongs to (0: `a`,
/// 1: `b`). Every `PeerConnection` handle is dropped on return; `b`'s track event stays
/// buffered unless `keep` takes it.
async fn call_keeping(keep: Keep) -> (Box<dyn Any>, [web_sys::RtcPeerConnection; 2], usize) {
    let (a, b) = pair();
    let tone = audio_tone(440.0).unwrap();
    let stream = MediaStream::new(&[&tone]).unwrap();
    let sender = a.add_track(&tone, &[&stream]).unwrap();
    let _channel = a
        .create_data_channel("kept", &DataChannelOptions::new())
        .unwrap();
    negotiate(&a, &b).await;
    within(15, "connected", a.connected()).await.unwrap();
    let transport = || sender.transport().unwrap().expect("negotiated");
    let remote = || async {
        within(10, "track event", b.track_events().next())
            .await
            .unwrap()
    };
    let kept: (Box<dyn Any>, usize) = match keep {
        Keep::Sender => (Box::new(sender.clone()), 0),
        Keep::Transceiver => (Box::new(a.get_transceivers().remove(0)), 0),
        Keep::DtmfSender => (Box::new(sender.dtmf().unwrap().expect("audio")), 0),
        Keep::DtlsTransport => (Box::new(transport()), 0),
        Keep::IceTransport => (Box::new(transport().ice_transport().unwrap()), 0),
        Keep::SctpTransport => (Box::new(a.sctp().unwrap().expect("negotiated")), 0),
        Keep::RemoteReceiver => (Box::new(remote().await.receiver), 1),
        Keep::RemoteTransceiver => (Box::new(remote().await.transceiver.expect("one")), 1),
    };
    let raws = [a.as_raw().clone(), b.as_raw().clone()];
    (kept.0, raws, kept.1)
}

/// Senders, receivers, transceivers, DTMF senders and transports keep their connection open:
/// each still sees it connected after every `PeerConnection` handle is gone (an `async fn`
/// returning one must not hand out a closed connection), and dropping it then closes the
/// connection and detaches every listener. The connection nothing keeps closes at once, a
/// buffered track event included.
#[wasm_bindgen_test]
async fn rtp_objects_and_transports_keep_their_connections_open() {
    let _alone = one_at_a_time().await;
    within(120, "RTP objects keep their connections", async {
        let baseline = live_listeners();
        for keep in [
            Keep::Sender,
            Keep::Transceiver,
            Keep::DtmfSender,
            Keep::DtlsTransport,
            Keep::IceTransport,
            Keep::SctpTransport,
            Keep::RemoteReceiver,
            Keep::RemoteTransceiver,
        ] {
            let (kept, raws, index) = call_keeping(keep).await;
            sleep_ms(200).await;
            let kept_pc = raws[index].as_ref();
            assert_eq!(
                state(kept_pc, "signalingState"),
                "stable",
                "{keep:?} kept it"
            );
            assert_ne!(
                state(kept_pc, "connectionState"),
                "closed",
                "{keep:?} kept it"
            );
            let other = raws[1 - index].as_ref();
            assert_eq!(
                state(other, "signalingState"),
                "closed",
                "{keep:?}: the other"
            );

            drop(kept);
            sleep_ms(200).await;
            assert_eq!(
                state(kept_pc, "signalingState"),
                "closed",
                "{keep:?} dropped"
            );
            assert_eq!(
                live_listeners(),
                baseline,
                "{keep:?}: every listener detached"
            );
        }
    })
    .await;
}

/// `view()` looks at a JavaScript-owned object and leaves it as it was: dropping the view keeps
/// the object open, its `binaryType` is never changed (so a binary message in a `"blob"` view is
/// a clear error, not a guess), and every listener detaches. `adopt()` takes the object over:
/// it reads binary messages as bytes, and dropping it closes the object.
#[wasm_bindgen_test]
async fn views_leave_native_objects_as_they_were_and_adoptions_close_them() {
    let _alone = one_at_a_time().await;
    within(60, "views and adoptions", async {
        let baseline = live_listeners();
        let raw_a = web_sys::RtcPeerConnection::new().unwrap();
        let raw_b = web_sys::RtcPeerConnection::new().unwrap();
        let a = PeerConnection::view(&raw_a);
        let b = PeerConnection::adopt(raw_b.clone());
        assert_eq!((a.as_raw(), b.as_raw()), (&raw_a, &raw_b));
        trickle(&a, &b);
        trickle(&b, &a);
        let raw_x = raw_a.create_data_channel("viewed");
        // As JavaScript may set it (the spec's default, and both engines', is arraybuffer).
        raw_x.set_binary_type(web_sys::RtcDataChannelType::Blob);
        let mut x = DataChannel::view(&raw_x);
        assert_eq!(raw_x.binary_type(), web_sys::RtcDataChannelType::Blob);
        negotiate(&a, &b).await;
        let mut y = within(10, "remote channel", b.data_channels().next())
            .await
            .unwrap();
        within(10, "open", x.opened()).await.unwrap();
        y.send(Message::Text("to a view".into())).await.unwrap();
        assert_eq!(x.next().await, Some(Ok(Message::Text("to a view".into()))));
        y.send(Message::Binary(vec![1, 2])).await.unwrap();
        assert!(
            matches!(x.next().await, Some(Err(Error::NotSupported(m))) if m.contains("binaryType")),
            "a Blob message through a view is a clear error"
        );
        x.send(Message::Binary(vec![3])).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Binary(vec![3]))));

        drop((x, a));
        sleep_ms(200).await;
        assert_eq!(
            state(raw_x.as_ref(), "readyState"),
            "open",
            "a view never closes"
        );
        assert_eq!(state(raw_a.as_ref(), "signalingState"), "stable");
        assert_eq!(raw_x.binary_type(), web_sys::RtcDataChannelType::Blob);
        raw_x.send_with_str("still open").unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Text("still open".into()))));

        let mut adopted = DataChannel::adopt(raw_x.clone());
        assert_eq!(
            raw_x.binary_type(),
            web_sys::RtcDataChannelType::Arraybuffer
        );
        y.send(Message::Binary(vec![4, 5])).await.unwrap();
        assert_eq!(adopted.next().await, Some(Ok(Message::Binary(vec![4, 5]))));
        drop(adopted);
        assert_ne!(
            state(raw_x.as_ref(), "readyState"),
            "open",
            "an adoption closes"
        );
        drop((b, y));
        sleep_ms(200).await;
        assert_eq!(state(raw_b.as_ref(), "signalingState"), "closed");
        assert_eq!(state(raw_a.as_ref(), "signalingState"), "stable");
        assert_eq!(live_listeners(), baseline, "every listener detached");
        drop(PeerConnection::adopt(raw_a.clone()));
        assert_eq!(state(raw_a.as_ref(), "signalingState"), "closed");
    })
    .await;
}
