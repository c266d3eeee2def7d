//! Signaling and perfect negotiation: peers that meet only through a signaling transport
//! (`BroadcastChannelSignaling`, two channel objects of one room in this page), glare in both
//! directions, and hostile input on the transport.
//!
//! These tests compare page-wide listener counts, so each holds [`one_at_a_time`] throughout.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use futures::{FutureExt, SinkExt, StreamExt};
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::video_pattern;
use wasm_rtc::{
    live_listeners, BroadcastChannelSignaling, CallState, Configuration, DataChannel,
    DataChannelOptions, DataChannelState, Error, EventStream, IceCandidate, MediaStreamTrack,
    Message, NegotiationEvent, Negotiator, NegotiatorOptions, PeerConnection, SdpType,
    SessionDescription, Signal, SignalingState, TrackEvent,
};

wasm_bindgen_test_configure!(run_in_browser);

/// A room of its own for each test (rooms are page-wide, and other tests may run beside).
fn room() -> String {
    format!("room-{}", js_sys::Math::random())
}

/// One side of a call: a connection and its negotiator in `room`.
struct Side {
    pc: PeerConnection,
    /// Kept for the test's length: dropping it would stop the negotiation.
    _negotiator: Negotiator,
    events: EventStream<NegotiationEvent>,
}

fn side(room: &str, id: &str, polite: bool) -> Side {
    let pc = PeerConnection::new(&Configuration::new()).unwrap();
    let transport = BroadcastChannelSignaling::open(room).unwrap();
    let negotiator = Negotiator::start(&pc, transport, NegotiatorOptions::new(id, "call", polite));
    let events = negotiator.events();
    Side {
        pc,
        _negotiator: negotiator,
        events,
    }
}

/// The events reported so far, without waiting.
fn events_so_far(events: &mut EventStream<NegotiationEvent>) -> Vec<NegotiationEvent> {
    let mut seen = Vec::new();
    while let Some(Some(event)) = events.next().now_or_never() {
        seen.push(event);
    }
    seen
}

fn errors(events: &[NegotiationEvent]) -> Vec<&Error> {
    events
        .iter()
        .filter_map(|e| match e {
            NegotiationEvent::Error(error) => Some(error),
            _ => None,
        })
        .collect()
}

/// Waits (polling every 20 ms, up to `seconds`) until `done` holds.
async fn until(seconds: u64, what: &str, mut done: impl FnMut() -> bool) {
    within(seconds, what, async {
        while !done() {
            sleep_ms(20).await;
        }
    })
    .await
}

/// The next remote track event.
async fn next_track(pc: &PeerConnection) -> TrackEvent {
    within(20, "a track event", pc.track_events().next())
        .await
        .expect("a track event")
}

async fn next_channel(pc: &PeerConnection) -> DataChannel {
    within(20, "a remote channel", pc.data_channels().next())
        .await
        .expect("a remote channel")
}

/// Two peers that know nothing of each other but a room: each adds a synthetic video track and
/// a data channel, and the negotiators connect them — tracks arrive, channels open both ways,
/// messages pass — with no error reported.
#[wasm_bindgen_test]
async fn two_peers_meet_through_a_broadcast_channel_and_connect() {
    let _alone = one_at_a_time().await;
    within(60, "meet and connect", async {
        let room = room();
        let (mut a, mut b) = (side(&room, "a", true), side(&room, "b", false));
        let video_a = video_pattern(64, 48, 10).unwrap();
        let video_b = video_pattern(64, 48, 10).unwrap();
        a.pc.add_track(&video_a, &[]).unwrap();
        b.pc.add_track(&video_b, &[]).unwrap();
        let mut from_a =
            a.pc.create_data_channel("from-a", &DataChannelOptions::new())
                .unwrap();
        let mut from_b =
            b.pc.create_data_channel("from-b", &DataChannelOptions::new())
                .unwrap();

        within(20, "a connected", a.pc.connected()).await.unwrap();
        within(20, "b connected", b.pc.connected()).await.unwrap();
        assert_eq!(
            next_track(&a.pc).await.track.kind(),
            wasm_rtc::TrackKind::Video
        );
        assert_eq!(
            next_track(&b.pc).await.track.kind(),
            wasm_rtc::TrackKind::Video
        );
        let mut at_b = next_channel(&b.pc).await;
        let mut at_a = next_channel(&a.pc).await;
        assert_eq!(
            (at_a.label(), at_b.label()),
            ("from-b".into(), "from-a".into())
        );
        for channel in [&from_a, &from_b, &at_a, &at_b] {
            within(20, "channel open", channel.opened()).await.unwrap();
        }
        from_a.send(Message::Text("hi b".into())).await.unwrap();
        assert_eq!(at_b.next().await, Some(Ok(Message::Text("hi b".into()))));
        from_b.send(Message::Text("hi a".into())).await.unwrap();
        assert_eq!(at_a.next().await, Some(Ok(Message::Text("hi a".into()))));
        at_a.send(Message::Text("back to b".into())).await.unwrap();
        assert_eq!(
            from_b.next().await,
            Some(Ok(Message::Text("back to b".into())))
        );

        let (seen_a, seen_b) = (events_so_far(&mut a.events), events_so_far(&mut b.events));
        assert!(errors(&seen_a).is_empty(), "a: {seen_a:?}");
        assert!(errors(&seen_b).is_empty(), "b: {seen_b:?}");
        assert!(
            seen_a.contains(&NegotiationEvent::PeerJoined("b".into()))
                || seen_b.contains(&NegotiationEvent::PeerJoined("a".into())),
            "hello heard"
        );
        assert!(
            seen_a
                .iter()
                .chain(&seen_b)
                .any(|e| *e == NegotiationEvent::Sent(SdpType::Offer)),
            "an offer was sent: {seen_a:?} {seen_b:?}"
        );
        drop((video_a, video_b));
    })
    .await;
}

/// Glare, 50 rounds: both sides add a track and a data channel in the same task, every round.
/// At the end both are `stable`, every track has arrived on the other side, every channel is
/// open on both sides, no error was reported, and dropping everything detaches every listener.
#[wasm_bindgen_test]
async fn glare_50_rounds_ends_stable_with_everything_on_both_sides() {
    let _alone = one_at_a_time().await;
    within(240, "glare", async {
        let baseline = settled_listeners().await;
        let room = room();
        let (mut a, mut b) = (side(&room, "a", true), side(&room, "b", false));
        let source = video_pattern(32, 24, 5).unwrap();
        let mut tracks: Vec<MediaStreamTrack> = Vec::new();
        let mut channels: Vec<DataChannel> = Vec::new();
        let (mut remote_tracks_a, mut remote_tracks_b) = (a.pc.track_events(), b.pc.track_events());
        let (mut remote_channels_a, mut remote_channels_b) =
            (a.pc.data_channels(), b.pc.data_channels());
        let (mut tracks_at_a, mut tracks_at_b) = (0, 0);
        for round in 0..50 {
            for (side, name) in [(&a, "a"), (&b, "b")] {
                let track = source.clone_track().unwrap();
                side.pc.add_track(&track, &[]).unwrap();
                tracks.push(track);
                let label = format!("{name}{round}");
                channels.push(
                    side.pc
                        .create_data_channel(&label, &DataChannelOptions::new())
                        .unwrap(),
                );
            }
            let wanted = round + 1;
            within(30, &format!("round {round}"), async {
                while tracks_at_a < wanted || tracks_at_b < wanted {
                    futures::select! {
                        t = remote_tracks_a.next() => { t.expect("a's tracks"); tracks_at_a += 1; }
                        t = remote_tracks_b.next() => { t.expect("b's tracks"); tracks_at_b += 1; }
                    }
                }
                while channels.len() < 4 * wanted {
                    futures::select! {
                        c = remote_channels_a.next() => channels.push(c.expect("a's channels")),
                        c = remote_channels_b.next() => channels.push(c.expect("b's channels")),
                    }
                }
            })
            .await;
        }
        until(30, "both stable and every channel open", || {
            a.pc.signaling_state() == SignalingState::Stable
                && b.pc.signaling_state() == SignalingState::Stable
                && channels
                    .iter()
                    .all(|c| c.ready_state() == DataChannelState::Open)
        })
        .await;
        assert_eq!((tracks_at_a, tracks_at_b), (50, 50));
        assert_eq!(channels.len(), 200, "50 channels each way, both ends");
        for pc in [&a.pc, &b.pc] {
            assert!(pc.get_senders().iter().all(|s| s.track().is_some()));
            assert!(
                pc.get_transceivers().iter().all(|t| t.mid().is_some()),
                "all negotiated"
            );
        }
        let (seen_a, seen_b) = (events_so_far(&mut a.events), events_so_far(&mut b.events));
        assert!(
            errors(&seen_a).is_empty(),
            "a reported {:?}",
            errors(&seen_a)
        );
        assert!(
            errors(&seen_b).is_empty(),
            "b reported {:?}",
            errors(&seen_b)
        );
        let glare = seen_a
            .iter()
            .filter(|e| **e == NegotiationEvent::RolledBack)
            .count()
            + seen_b
                .iter()
                .filter(|e| **e == NegotiationEvent::IgnoredOffer)
                .count();
        assert!(glare > 0, "offers crossed at least once: {seen_a:?}");

        for track in &tracks {
            track.stop();
        }
        source.stop();
        drop((a, b, tracks, channels, remote_tracks_a, remote_tracks_b));
        drop((remote_channels_a, remote_channels_b));
        until(30, "every listener detached", || {
            live_listeners() == baseline
        })
        .await;
    })
    .await;
}

/// A negotiator never keeps its connection open: dropping the last `PeerConnection` handle
/// closes the connection under a running negotiator (once a call it has in flight returns),
/// whose events then end; dropping the negotiators then detaches everything.
#[wasm_bindgen_test]
async fn a_negotiator_never_keeps_its_connection_open() {
    let _alone = one_at_a_time().await;
    within(60, "negotiator lifetime", async {
        let baseline = settled_listeners().await;
        let room = room();
        let (a, b) = (side(&room, "a", true), side(&room, "b", false));
        let chat =
            a.pc.create_data_channel("chat", &DataChannelOptions::new())
                .unwrap();
        within(20, "connected", chat.opened()).await.unwrap();
        drop(chat);
        let raw = a.pc.as_raw().clone();
        let Side {
            pc,
            _negotiator: negotiator,
            mut events,
        } = a;
        drop(pc);
        // At once, or as soon as a call of the negotiator's in flight (a candidate being added)
        // returns.
        until(2, "a closed", || {
            raw.signaling_state() == web_sys::RtcSignalingState::Closed
        })
        .await;
        within(5, "a's events end", async {
            while events.next().await.is_some() {}
        })
        .await;
        drop((negotiator, events, b));
        sleep_ms(200).await;
        assert_eq!(live_listeners(), baseline, "every listener detached");
    })
    .await;
}

/// What a hostile (or broken) peer in the room can post.
fn hostile_messages() -> Vec<(String, &'static str)> {
    let offer_for_another_call = Signal::Description {
        from: "mallory".into(),
        call: "another call".into(),
        description: SessionDescription::new(SdpType::Offer, "v=0\r\n"),
    };
    let answer_while_stable = Signal::Description {
        from: "mallory".into(),
        call: "call".into(),
        description: SessionDescription::new(SdpType::Answer, "v=0\r\n"),
    };
    let early_candidate = Signal::Candidate {
        from: "mallory".into(),
        call: "call".into(),
        candidate: IceCandidate::new(
            "candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host",
            Some("0"),
            Some(0),
        ),
    };
    let huge = Signal::Description {
        from: "mallory".into(),
        call: "call".into(),
        description: SessionDescription::new(SdpType::Offer, "a".repeat(10 * 1024 * 1024)),
    };
    vec![
        ("{\"type\": \"description\", ".into(), "malformed JSON"),
        (
            r#"{"type":"shout","from":"mallory","call":"call"}"#.into(),
            "a wrong type",
        ),
        (
            early_candidate.to_json().unwrap(),
            "a candidate before any description",
        ),
        (
            answer_while_stable.to_json().unwrap(),
            "an answer while stable",
        ),
        (
            offer_for_another_call.to_json().unwrap(),
            "another call's signal",
        ),
        (huge.to_json().unwrap(), "a 10 MB SDP"),
    ]
}

/// Hostile input on the transport, before and after the call connects: malformed JSON, a wrong
/// `type`, a candidate before any description, an answer while `stable`, another call's
/// signal, a 10 MB SDP, and a flood of 1,000 candidates. Each is a typed error on both
/// negotiators' event streams — but the candidates before any description, which are held for
/// one up to 1,000 (the 1,001st is the error); nothing panics; the call connects afterwards (the
/// held candidates applied to it) and renegotiates.
#[wasm_bindgen_test]
async fn hostile_input_is_reported_and_the_call_still_connects() {
    let _alone = one_at_a_time().await;
    within(120, "hostile input", async {
        let baseline = settled_listeners().await;
        let room = room();
        let mallory = BroadcastChannelSignaling::open(&room).unwrap();
        let (mut a, mut b) = (side(&room, "a", true), side(&room, "b", false));
        let hostile = hostile_messages();
        for (text, _) in &hostile {
            mallory.as_raw().post_message(&text.into()).unwrap();
        }
        // A flood of candidates, before any description too.
        for i in 0..1000 {
            let flood = Signal::Candidate {
                from: "mallory".into(),
                call: "call".into(),
                candidate: IceCandidate::new(
                    format!("candidate:{i} 1 udp 1 192.0.2.9 {} typ host", 1000 + i),
                    Some("0"),
                    Some(0),
                ),
            };
            mallory
                .as_raw()
                .post_message(&flood.to_json().unwrap().into())
                .unwrap();
        }
        // Candidates before any description are held for one (a late peer gets them before
        // the offer they belong to), up to 1,000: the early one and 999 of the flood are
        // held, the last of the flood is an error.
        let expected = hostile.len();
        let (mut seen_a, mut seen_b) = (Vec::new(), Vec::new());
        until(30, "every hostile message reported", || {
            seen_a.extend(events_so_far(&mut a.events));
            seen_b.extend(events_so_far(&mut b.events));
            errors(&seen_a).len() >= expected && errors(&seen_b).len() >= expected
        })
        .await;
        for seen in [&seen_a, &seen_b] {
            let errors = errors(seen);
            assert_eq!(
                errors.len(),
                expected,
                "one error per hostile message: {errors:?}",
            );
            assert!(
                matches!(errors[0], Error::Syntax(_)),
                "malformed JSON: {:?}",
                errors[0]
            );
            assert!(
                matches!(errors[1], Error::Data(m) if m.contains("shout")),
                "a wrong type: {:?}",
                errors[1]
            );
            assert!(
                matches!(errors[2], Error::InvalidState(_)),
                "an answer while stable: {:?}",
                errors[2]
            );
            assert!(
                matches!(errors[3], Error::Data(m) if m.contains("another call")),
                "another call: {:?}",
                errors[3]
            );
            assert!(
                matches!(errors[4], Error::Data(m) if m.contains("bytes")),
                "10 MB: {:?}",
                errors[4]
            );
            assert!(
                matches!(errors[5], Error::Data(m) if m.contains("held")),
                "the flood, over what is held for a description: {:?}",
                errors[5]
            );
        }

        // The call connects afterwards.
        let mut chat =
            a.pc.create_data_channel("chat", &DataChannelOptions::new())
                .unwrap();
        within(20, "a connected", a.pc.connected()).await.unwrap();
        let mut at_b = next_channel(&b.pc).await;
        within(20, "chat open", chat.opened()).await.unwrap();
        chat.send(Message::Text("still here".into())).await.unwrap();
        assert_eq!(
            at_b.next().await,
            Some(Ok(Message::Text("still here".into())))
        );

        // And stays connected through another burst, renegotiating after it.
        for (text, _) in &hostile {
            mallory.as_raw().post_message(&text.into()).unwrap();
        }
        sleep_ms(500).await;
        let more =
            b.pc.create_data_channel("more", &DataChannelOptions::new())
                .unwrap();
        within(20, "renegotiated channel open", more.opened())
            .await
            .unwrap();
        assert_eq!(next_channel(&a.pc).await.label(), "more");
        assert_eq!(
            a.pc.connection_state(),
            wasm_rtc::PeerConnectionState::Connected
        );
        drop((mallory, a, b, at_b, chat, more));
        // The negotiators may still be applying the held flood: everything is detached once
        // they are done.
        until(30, "every listener detached", || {
            live_listeners() == baseline
        })
        .await;
    })
    .await;
}

/// The transport on its own: a signal sent on one object of a room arrives, as sent, at every
/// other object of the room and not at the sender; dropping an object closes its channel and
/// detaches its listener; a closed transport refuses to send.
#[wasm_bindgen_test]
async fn broadcast_channel_signaling_delivers_to_the_others_in_the_room() {
    let _alone = one_at_a_time().await;
    within(20, "broadcast channel", async {
        let baseline = settled_listeners().await;
        let room = room();
        let mut one = BroadcastChannelSignaling::open(&room).unwrap();
        let mut two = BroadcastChannelSignaling::open(&room).unwrap();
        let mut three = BroadcastChannelSignaling::open(&room).unwrap();
        assert_eq!(one.room(), room);
        let hello = Signal::Hello {
            from: "one".into(),
            call: "c".into(),
        };
        one.send(hello.clone()).await.unwrap();
        assert_eq!(two.next().await, Some(Ok(hello.clone())));
        assert_eq!(three.next().await, Some(Ok(hello)));
        sleep_ms(100).await;
        assert!(
            one.next().now_or_never().is_none(),
            "the sender does not hear itself"
        );

        three.close().await.unwrap();
        assert_eq!(
            three
                .send(Signal::Bye {
                    from: "three".into(),
                    call: "c".into()
                })
                .await,
            Err(Error::Closed)
        );
        drop((one, two, three));
        assert_eq!(live_listeners(), baseline);
    })
    .await;
}

mod readme_calling {
    include!("common/readme_calling.rs");

    pub async fn run(room: &str) -> Result<(), Error> {
        let (alice, bob) = futures::join!(join(room, "alice", true), join(room, "bob", false));
        let ((_alice, _a), (_bob, _b)) = (alice?, bob?);
        Ok(())
    }
}

/// The README's "Calling another tab or browser" example, verbatim, runs to the end: two joins
/// of one room, one polite, both chats open.
#[wasm_bindgen_test]
async fn readme_calling_example_runs() {
    let _alone = one_at_a_time().await;
    assert!(
        include_str!("../README.md").contains(include_str!("common/readme_calling.rs")),
        "tests/common/readme_calling.rs is the README's example"
    );
    within(60, "README calling example", readme_calling::run(&room()))
        .await
        .unwrap();
}

/// `call_states`: connecting, then connected once the negotiators have connected the call;
/// a stream made later starts with the state now; closing gives `Closed`, and dropping the
/// negotiator ends the streams.
#[wasm_bindgen_test]
async fn call_states_follow_the_call() {
    let _alone = one_at_a_time().await;
    within(60, "call states", async {
        let room = room();
        let (a, b) = (side(&room, "a", true), side(&room, "b", false));
        let mut states = a._negotiator.call_states();
        assert_eq!(states.next().await, Some(CallState::Connecting));
        let _chat =
            a.pc.create_data_channel("chat", &DataChannelOptions::new())
                .unwrap();
        let connected = within(20, "connected", states.next()).await;
        assert_eq!(connected, Some(CallState::Connected));
        let mut later = a._negotiator.call_states();
        assert_eq!(
            later.next().await,
            Some(CallState::Connected),
            "the state now first"
        );
        a.pc.close();
        assert_eq!(
            within(5, "closed", states.next()).await,
            Some(CallState::Closed)
        );
        assert_eq!(
            within(5, "closed, later", later.next()).await,
            Some(CallState::Closed)
        );
        drop(a);
        assert_eq!(within(5, "the end", states.next()).await, None);
        drop(b);
    })
    .await;
}
