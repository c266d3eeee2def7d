//! How long a synthetic track produces: until it (and each clone) is stopped or its last handle
//! goes — handles being the `MediaStreamTrack`s, a `MediaStream` made with it, and a connection
//! sending it (until the sender sends another track or none, or the connection closes). A call
//! dropped stops its synthetic media; nothing keeps drawing or playing for nobody.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::{audio_tone, video_pattern};
use wasm_rtc::{
    MediaStream, MediaStreamTrack, TrackKind, TrackState, TransceiverInit, TransceiverMedia,
};

wasm_bindgen_test_configure!(run_in_browser);

/// The state of a native track, read through a wrapper of its own (which holds no source).
/// (`Clone::clone`: web-sys's `MediaStreamTrack::clone` is the JavaScript `clone()`, a new track.)
fn state(raw: &web_sys::MediaStreamTrack) -> TrackState {
    MediaStreamTrack::from(Clone::clone(raw)).ready_state()
}

/// A synthetic track of `kind` and its native track, to watch after the handle is gone.
fn synthetic(kind: TrackKind) -> (MediaStreamTrack, web_sys::MediaStreamTrack) {
    let track = match kind {
        TrackKind::Audio => audio_tone(440.0).unwrap(),
        TrackKind::Video => video_pattern(64, 48, 15).unwrap(),
    };
    let raw = Clone::clone(track.as_raw());
    (track, raw)
}

#[wasm_bindgen_test]
fn the_last_handle_stops_a_synthetic_track() {
    for kind in [TrackKind::Audio, TrackKind::Video] {
        let (track, raw) = synthetic(kind);
        let again = track.clone();
        drop(track);
        assert_eq!(state(&raw), TrackState::Live, "{kind:?}: a handle is left");
        drop(again);
        assert_eq!(
            state(&raw),
            TrackState::Ended,
            "{kind:?}: the last handle went"
        );
    }
    // A clone has handles of its own: the original ends with its last, the clone goes on.
    let (track, raw) = synthetic(TrackKind::Video);
    let clone = track.clone_track().unwrap();
    drop(track);
    assert_eq!(state(&raw), TrackState::Ended);
    assert_eq!(clone.ready_state(), TrackState::Live);
    let clone_raw = Clone::clone(clone.as_raw());
    drop(clone);
    assert_eq!(state(&clone_raw), TrackState::Ended);
}

#[wasm_bindgen_test]
fn a_stream_made_with_a_track_holds_it() {
    let (track, raw) = synthetic(TrackKind::Video);
    let stream = MediaStream::new(&[&track]).unwrap();
    drop(track);
    assert_eq!(state(&raw), TrackState::Live, "the stream holds it");
    let (added, added_raw) = synthetic(TrackKind::Audio);
    stream.add_track(&added);
    drop(added);
    assert_eq!(
        state(&added_raw),
        TrackState::Live,
        "add_track holds it too"
    );
    stream.remove_track(&stream.get_audio_tracks()[0]);
    assert_eq!(
        state(&added_raw),
        TrackState::Ended,
        "removed, nothing holds it"
    );
    let copy = stream.clone();
    drop(stream);
    assert_eq!(
        state(&raw),
        TrackState::Live,
        "a handle of the stream is left"
    );
    drop(copy);
    assert_eq!(state(&raw), TrackState::Ended);
}

#[wasm_bindgen_test]
async fn a_connection_holds_what_it_sends_until_it_closes() {
    within(60, "sent tracks", async {
        let (a, b) = pair();
        // add_track, with its sender and the track's handle dropped.
        let (track, raw) = synthetic(TrackKind::Video);
        drop(a.add_track(&track, &[]).unwrap());
        drop(track);
        // add_transceiver with a track.
        let (tone, tone_raw) = synthetic(TrackKind::Audio);
        drop(
            a.add_transceiver(
                &TransceiverMedia::Track(tone.clone()),
                &TransceiverInit::default(),
            )
            .unwrap(),
        );
        drop(tone);
        negotiate(&a, &b).await;
        within(15, "connected", a.connected()).await.unwrap();
        assert_eq!(
            state(&raw),
            TrackState::Live,
            "sent: held by the connection"
        );
        assert_eq!(
            state(&tone_raw),
            TrackState::Live,
            "sent: held by the connection"
        );

        // replace_track: the old track is let go, the new one held.
        let sender = a
            .get_senders()
            .into_iter()
            .find(|s| s.track().is_some_and(|t| t.kind() == TrackKind::Video))
            .unwrap();
        let (next, next_raw) = synthetic(TrackKind::Video);
        sender.replace_track(Some(&next)).await.unwrap();
        drop(next);
        assert_eq!(state(&raw), TrackState::Ended, "replaced: nothing holds it");
        assert_eq!(state(&next_raw), TrackState::Live);
        // A failed replace changes nothing.
        let (wrong_kind, wrong_raw) = synthetic(TrackKind::Audio);
        assert!(sender.replace_track(Some(&wrong_kind)).await.is_err());
        drop(wrong_kind);
        assert_eq!(state(&wrong_raw), TrackState::Ended);
        assert_eq!(state(&next_raw), TrackState::Live);

        // remove_track lets go of the track.
        let audio = a
            .get_senders()
            .into_iter()
            .find(|s| s.track().is_some_and(|t| t.kind() == TrackKind::Audio))
            .unwrap();
        a.remove_track(&audio).unwrap();
        drop(audio);
        assert_eq!(
            state(&tone_raw),
            TrackState::Ended,
            "removed: nothing holds it"
        );

        // Closing the connection lets go of the rest, though the sender is still held here.
        a.close();
        assert_eq!(
            state(&next_raw),
            TrackState::Ended,
            "closed: nothing is sent"
        );
        drop(sender);

        // Dropping a connection's last handle does too.
        let (c, d) = pair();
        let (track, raw) = synthetic(TrackKind::Video);
        c.add_track(&track, &[]).unwrap();
        drop(track);
        assert_eq!(state(&raw), TrackState::Live);
        drop(c);
        assert_eq!(
            state(&raw),
            TrackState::Ended,
            "the call is gone, and its video"
        );
        drop((b, d));
    })
    .await;
}
