//! A synthetic audio+video call between two local peers: track events, frames that advance,
//! replaceTrack, removeTrack, directions, codec preferences and encoding parameters.
#![cfg(target_arch = "wasm32")]

mod common;

use std::time::Duration;

use common::*;
use futures::StreamExt;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::{audio_tone, grab_frame, read_frame_number, video_pattern};
use wasm_rtc::{
    CandidatePairState, Direction, Error, MediaStream, MediaStreamTrack, PeerConnection,
    RtpReceiver, RtpSender, TrackEvent, TrackKind, TransceiverInit, TransceiverMedia,
};

wasm_bindgen_test_configure!(run_in_browser);

struct Call {
    a: PeerConnection,
    b: PeerConnection,
    stream: MediaStream,
    audio: RtpSender,
    video: RtpSender,
    remote_audio: TrackEvent,
    remote_video: TrackEvent,
}

/// `a` sends a tone and a 320×240 pattern in one stream to `b`.
async fn call() -> Call {
    let (a, b) = pair();
    let tone = audio_tone(440.0).unwrap();
    let pattern = video_pattern(320, 240, 30).unwrap();
    let stream = MediaStream::new(&[&tone, &pattern]).unwrap();
    let audio = a.add_track(&tone, &[&stream]).unwrap();
    let video = a.add_track(&pattern, &[&stream]).unwrap();
    negotiate(&a, &b).await;
    let mut events = b.track_events();
    let first = within(20, "first track event", events.next())
        .await
        .unwrap();
    let second = within(20, "second track event", events.next())
        .await
        .unwrap();
    let (remote_audio, remote_video) = if first.track.kind() == TrackKind::Audio {
        (first, second)
    } else {
        (second, first)
    };
    within(20, "connected", a.connected()).await.unwrap();
    Call {
        a,
        b,
        stream,
        audio,
        video,
        remote_audio,
        remote_video,
    }
}

async fn remote_frame_number(track: &MediaStreamTrack) -> u32 {
    let image = grab_frame(track, Duration::from_secs(15)).await.unwrap();
    read_frame_number(&image).expect("a readable frame number")
}

#[wasm_bindgen_test]
async fn track_events_carry_kind_stream_receiver_and_transceiver() {
    within(60, "track events", async {
        let c = call().await;
        for (event, kind) in [
            (&c.remote_audio, TrackKind::Audio),
            (&c.remote_video, TrackKind::Video),
        ] {
            assert_eq!(event.track.kind(), kind);
            assert_eq!(event.streams.len(), 1);
            assert_eq!(
                event.streams[0].id(),
                c.stream.id(),
                "the remote stream has the sender's stream id"
            );
            assert_eq!(event.receiver.track(), event.track);
            let transceiver = event.transceiver.as_ref().expect("a transceiver");
            assert_eq!(&transceiver.receiver(), &event.receiver);
            assert!(transceiver.mid().is_some());
            assert!(
                c.b.get_receivers().contains(&event.receiver),
                "getReceivers returns equal handles"
            );
        }
        assert_eq!(c.a.get_senders(), vec![c.audio.clone(), c.video.clone()]);
        assert_eq!(c.a.get_transceivers().len(), 2);
        assert_eq!(c.audio.track().map(|t| t.kind()), Some(TrackKind::Audio));
    })
    .await;
}

#[wasm_bindgen_test]
async fn remote_video_frames_advance() {
    within(60, "remote frames", async {
        let c = call().await;
        let first = remote_frame_number(&c.remote_video.track).await;
        sleep_ms(500).await;
        let later = remote_frame_number(&c.remote_video.track).await;
        assert!(
            later > first,
            "remote frame numbers advance: {first} then {later}"
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn replace_track_switches_the_source_without_renegotiation() {
    within(60, "replaceTrack", async {
        let c = call().await;
        let mut negotiation = c.a.negotiation_needed();
        // The events of the call's own setup are buffered: take them first.
        while futures::poll!(negotiation.next()).is_ready() {}
        let first = grab_frame(&c.remote_video.track, Duration::from_secs(15))
            .await
            .unwrap();
        assert_eq!(first.width(), 320);
        let smaller = video_pattern(160, 120, 30).unwrap();
        c.video.replace_track(Some(&smaller)).await.unwrap();
        assert_eq!(c.video.track(), Some(smaller.clone()));
        // The remote side sees the new source's size, with no new offer/answer.
        let mut width = 0;
        for _ in 0..50 {
            width = grab_frame(&c.remote_video.track, Duration::from_secs(15))
                .await
                .unwrap()
                .width();
            if width == 160 {
                break;
            }
            sleep_ms(200).await;
        }
        assert_eq!(width, 160);
        assert!(
            futures::poll!(negotiation.next()).is_pending(),
            "replaceTrack needed no negotiation"
        );

        let err = c
            .video
            .replace_track(Some(&audio_tone(220.0).unwrap()))
            .await
            .unwrap_err();
        assert!(
            matches!(err, Error::Type(_)),
            "a track of the other kind gave {err:?}"
        );
        c.video.replace_track(None).await.unwrap();
        assert_eq!(c.video.track(), None);
    })
    .await;
}

#[wasm_bindgen_test]
async fn remove_track_stops_the_remote_track_after_renegotiation() {
    within(60, "removeTrack", async {
        let c = call().await;
        let mut removals = c.remote_video.streams[0].track_removals();
        c.a.remove_track(&c.video).unwrap();
        negotiate(&c.a, &c.b).await;
        let removed = within(20, "removetrack", removals.next()).await.unwrap();
        assert_eq!(removed, c.remote_video.track);
        assert!(
            c.remote_video.track.muted(),
            "the removed remote track is muted"
        );
        let remote = c.remote_video.transceiver.as_ref().unwrap();
        assert_eq!(remote.current_direction(), Some(Direction::Inactive));
        // Removing it again, or a sender of another connection, is a typed error.
        let err = c.b.remove_track(&c.video).unwrap_err();
        assert!(
            matches!(err, Error::InvalidAccess(_)),
            "foreign sender gave {err:?}"
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn direction_changes_are_seen_after_renegotiation() {
    within(60, "direction", async {
        let c = call().await;
        let local =
            c.a.get_transceivers()
                .into_iter()
                .find(|t| t.sender() == c.audio)
                .unwrap();
        assert_eq!(local.current_direction(), Some(Direction::Sendonly));
        let remote = c.remote_audio.transceiver.clone().unwrap();
        assert_eq!(remote.current_direction(), Some(Direction::Recvonly));

        local.set_direction(Direction::Inactive).unwrap();
        assert_eq!(local.direction(), Direction::Inactive);
        negotiate(&c.a, &c.b).await;
        assert_eq!(local.current_direction(), Some(Direction::Inactive));
        assert_eq!(remote.current_direction(), Some(Direction::Inactive));

        assert!(matches!(
            local.set_direction(Direction::Stopped),
            Err(Error::Type(_))
        ));
        // The browser would ignore an unknown value without a word (WebIDL enum attributes).
        assert!(matches!(
            local.set_direction(Direction::Unknown("sideways".into())),
            Err(Error::Type(m)) if m.contains("sideways")
        ));
        assert_eq!(local.direction(), Direction::Inactive);
        local.stop().unwrap();
        assert!(matches!(
            local.set_direction(Direction::Sendrecv),
            Err(Error::InvalidState(_))
        ));
    })
    .await;
}

#[wasm_bindgen_test]
async fn stopping_the_sending_transceiver_ends_the_remote_track() {
    within(60, "remote ended", async {
        let c = call().await;
        let local =
            c.a.get_transceivers()
                .into_iter()
                .find(|t| t.sender() == c.video)
                .unwrap();
        local.stop().unwrap();
        negotiate(&c.a, &c.b).await;
        within(20, "remote track ended", c.remote_video.track.ended()).await;
    })
    .await;
}

#[wasm_bindgen_test]
async fn codec_preferences_put_the_chosen_codec_first() {
    within(30, "setCodecPreferences", async {
        let a = peer();
        let transceiver = a
            .add_transceiver(
                &TransceiverMedia::Kind(TrackKind::Video),
                &TransceiverInit::default(),
            )
            .unwrap();
        let codecs = RtpReceiver::get_capabilities(TrackKind::Video)
            .unwrap()
            .codecs;
        let media = |c: &&wasm_rtc::CodecCapability| {
            !["video/rtx", "video/red", "video/ulpfec", "video/flexfec-03"]
                .contains(&c.mime_type.as_str())
        };
        // A codec this browser can both send and receive (a sendrecv transceiver drops the others).
        let sendable = RtpSender::get_capabilities(TrackKind::Video)
            .unwrap()
            .codecs;
        let chosen = codecs
            .iter()
            .filter(media)
            .rfind(|c| sendable.contains(c))
            .expect("a video codec")
            .clone();
        let mut preferred = vec![chosen.clone()];
        preferred.extend(codecs.iter().filter(|c| **c != chosen).cloned());
        transceiver.set_codec_preferences(&preferred).unwrap();

        let offer = a.create_offer(&Default::default()).await.unwrap();
        let m_line = offer
            .sdp
            .lines()
            .find(|l| l.starts_with("m=video"))
            .unwrap();
        let first_pt = m_line.split(' ').nth(3).unwrap();
        let rtpmap = offer
            .sdp
            .lines()
            .find(|l| l.starts_with(&format!("a=rtpmap:{first_pt} ")))
            .unwrap();
        let codec_name = chosen.mime_type.trim_start_matches("video/");
        assert!(
            rtpmap.to_lowercase().contains(&codec_name.to_lowercase()),
            "first payload {rtpmap} is not {chosen:?}"
        );

        let bogus = wasm_rtc::CodecCapability {
            mime_type: "video/nonsense".into(),
            clock_rate: 90000,
            channels: None,
            sdp_fmtp_line: None,
        };
        let err = transceiver.set_codec_preferences(&[bogus]).unwrap_err();
        assert!(
            matches!(err, Error::InvalidModification(_)),
            "an unknown codec gave {err:?}"
        );
        transceiver.set_codec_preferences(&[]).unwrap();
    })
    .await;
}

#[wasm_bindgen_test]
async fn encoding_parameters_round_trip_and_bad_ones_are_typed_errors() {
    within(60, "parameters", async {
        let c = call().await;
        let mut parameters = c.video.get_parameters().unwrap();
        assert_eq!(parameters.encodings.len(), 1);
        assert!(!parameters.transaction_id.is_empty());
        parameters.encodings[0].max_bitrate = Some(250_000);
        parameters.encodings[0].scale_resolution_down_by = Some(2.0);
        c.video.set_parameters(&parameters).await.unwrap();
        let read = c.video.get_parameters().unwrap();
        assert_eq!(read.encodings[0].max_bitrate, Some(250_000));
        assert_eq!(read.encodings[0].scale_resolution_down_by, Some(2.0));
        // Setting the same (now stale) reading again works: the transaction id is handled here.
        c.video.set_parameters(&parameters).await.unwrap();

        let mut bad = read.clone();
        bad.encodings[0].scale_resolution_down_by = Some(0.5);
        let err = c.video.set_parameters(&bad).await.unwrap_err();
        assert!(
            matches!(err, Error::Range(_) | Error::InvalidModification(_)),
            "scaleResolutionDownBy 0.5 gave {err:?}"
        );
        let mut extra = read.clone();
        extra.encodings.push(Default::default());
        assert!(matches!(
            c.video.set_parameters(&extra).await,
            Err(Error::InvalidModification(_))
        ));
        assert_eq!(
            c.video.get_parameters().unwrap().encodings[0].max_bitrate,
            Some(250_000),
            "nothing changed"
        );

        assert!(!RtpSender::get_capabilities(TrackKind::Audio)
            .unwrap()
            .codecs
            .is_empty());
    })
    .await;
}

#[wasm_bindgen_test]
async fn add_track_without_a_stream_and_twice() {
    within(60, "addTrack", async {
        let (a, b) = pair();
        let tone = audio_tone(300.0).unwrap();
        a.add_track(&tone, &[]).unwrap();
        let err = a.add_track(&tone, &[]).unwrap_err();
        assert!(
            matches!(err, Error::InvalidAccess(_)),
            "adding a track twice gave {err:?}"
        );
        negotiate(&a, &b).await;
        let event = within(20, "track", b.track_events().next()).await.unwrap();
        assert!(
            event.streams.is_empty(),
            "sent without a stream, received without one"
        );
        assert_eq!(event.track.kind(), TrackKind::Audio);
    })
    .await;
}

/// After a call: inbound-rtp and outbound-rtp for audio and video with bytes flowing, the selected
/// candidate pair with both candidates, per-sender and per-receiver reports, and unknown members
/// that survive a serde round trip.
#[wasm_bindgen_test]
async fn call_statistics_are_typed_and_complete() {
    within(60, "call stats", async {
        let c = call().await;
        // Wait until both kinds have moved bytes each way (a second or two).
        let mut receiving = c.b.get_stats().await.unwrap();
        for _ in 0..40 {
            let flowing = receiving
                .inbound_rtp()
                .filter(|s| s.bytes_received.unwrap_or(0) > 0)
                .count();
            if flowing >= 2 {
                break;
            }
            sleep_ms(250).await;
            receiving = c.b.get_stats().await.unwrap();
        }
        let sending = c.a.get_stats().await.unwrap();
        for kind in [TrackKind::Audio, TrackKind::Video] {
            let inbound = receiving
                .inbound_rtp()
                .find(|s| s.kind == Some(kind))
                .unwrap_or_else(|| panic!("inbound-rtp {kind:?}"));
            assert!(
                inbound.bytes_received.unwrap_or(0) > 0,
                "{kind:?} bytes received: {inbound:?}"
            );
            let outbound = sending
                .outbound_rtp()
                .find(|s| s.kind == Some(kind))
                .unwrap_or_else(|| panic!("outbound-rtp {kind:?}"));
            assert!(
                outbound.bytes_sent.unwrap_or(0) > 0,
                "{kind:?} bytes sent: {outbound:?}"
            );
        }
        for report in [&sending, &receiving] {
            let selected = report
                .selected_candidate_pair()
                .expect("a selected candidate pair");
            assert!(
                selected.local.is_some() && selected.remote.is_some(),
                "{selected:?}"
            );
            // As for a data-only call (tests/stats.rs): the pair in use is nominated and succeeded.
            assert_eq!(
                selected.pair.state,
                Some(CandidatePairState::Succeeded),
                "{:?}",
                selected.pair
            );
            assert_eq!(selected.pair.nominated, Some(true), "{:?}", selected.pair);
        }

        let video_out = c.video.get_stats().await.unwrap();
        assert!(video_out
            .outbound_rtp()
            .any(|s| s.kind == Some(TrackKind::Video)));
        assert_eq!(
            video_out.inbound_rtp().count(),
            0,
            "a sender's report is about what it sends"
        );
        let audio_in = c.remote_audio.receiver.get_stats().await.unwrap();
        assert!(audio_in
            .inbound_rtp()
            .any(|s| s.kind == Some(TrackKind::Audio)));

        let round_trip: wasm_rtc::StatsReport =
            serde_wasm_bindgen::from_value(serde_wasm_bindgen::to_value(&sending).unwrap())
                .unwrap();
        assert_eq!(round_trip, sending, "every member, typed or not, survives");
    })
    .await;
}

#[wasm_bindgen_test]
async fn add_transceiver_with_streams_and_send_encodings() {
    within(60, "addTransceiver", async {
        let (a, b) = pair();
        let pattern = video_pattern(160, 120, 15).unwrap();
        let stream = MediaStream::new(&[&pattern]).unwrap();
        let init = TransceiverInit {
            direction: Some(Direction::Sendonly),
            streams: vec![stream.clone()],
            send_encodings: vec![wasm_rtc::EncodingParameters {
                max_bitrate: Some(100_000),
                ..Default::default()
            }],
        };
        let transceiver = a
            .add_transceiver(&TransceiverMedia::Track(pattern.clone()), &init)
            .unwrap();
        assert_eq!(transceiver.direction(), Direction::Sendonly);
        assert_eq!(
            transceiver.sender().get_parameters().unwrap().encodings[0].max_bitrate,
            Some(100_000)
        );
        negotiate(&a, &b).await;
        let event = within(20, "track", b.track_events().next()).await.unwrap();
        assert_eq!(
            event.streams.iter().map(|s| s.id()).collect::<Vec<_>>(),
            vec![stream.id()]
        );
        assert_eq!(
            event.transceiver.unwrap().current_direction(),
            Some(Direction::Recvonly)
        );

        // setStreams: the remote side sees the track in the new stream after renegotiation.
        let other = MediaStream::new(&[]).unwrap();
        transceiver.sender().set_streams(&[&other]).unwrap();
        negotiate(&a, &b).await;
        let remote_stream_ids: Vec<String> = within(20, "track in new stream", async {
            loop {
                // The receiver's track now belongs to a remote stream with the new id.
                let ids = b
                    .track_events()
                    .next()
                    .await
                    .map(|e| e.streams.iter().map(|s| s.id()).collect::<Vec<_>>());
                if let Some(ids) = ids {
                    break ids;
                }
            }
        })
        .await;
        assert_eq!(remote_stream_ids, vec![other.id()]);
        pattern.stop();
    })
    .await;
}

#[wasm_bindgen_test]
async fn jitter_buffer_target_where_the_browser_has_it() {
    within(60, "jitterBufferTarget", async {
        let c = call().await;
        let receiver = &c.remote_audio.receiver;
        let prototype = js_sys::Reflect::get(
            &js_sys::Reflect::get(&js_sys::global(), &"RTCRtpReceiver".into()).unwrap(),
            &"prototype".into(),
        )
        .unwrap();
        if js_sys::Reflect::has(&prototype, &"jitterBufferTarget".into()).unwrap() {
            receiver.set_jitter_buffer_target(Some(500.0)).unwrap();
            assert_eq!(receiver.jitter_buffer_target().unwrap(), Some(500.0));
            let err = receiver.set_jitter_buffer_target(Some(5000.0)).unwrap_err();
            assert!(matches!(err, Error::Range(_)), "5000 ms gave {err:?}");
            receiver.set_jitter_buffer_target(None).unwrap();
            assert_eq!(receiver.jitter_buffer_target().unwrap(), None);
        } else {
            assert_eq!(
                receiver.jitter_buffer_target(),
                Err(Error::unsupported("RTCRtpReceiver.jitterBufferTarget"))
            );
        }
    })
    .await;
}

/// After a call with audio played out, the audio receiver's synchronization sources name the
/// stream's SSRC (the one in its inbound-rtp stats) with a recent timestamp on the
/// `performance.timeOrigin + performance.now()` clock, an RTP timestamp and an audio level; there
/// are no contributing sources (no mixer). Chrome lists audio sources only while the audio is
/// played out, as an app does with an `<audio>` element (none otherwise); Firefox lists them either
/// way.
#[wasm_bindgen_test]
async fn synchronization_sources_of_played_audio() {
    within(60, "synchronization sources", async {
        let c = call().await;
        let receiver = &c.remote_audio.receiver;
        let document = web_sys::window().unwrap().document().unwrap();
        let audio: web_sys::HtmlMediaElement =
            document.create_element("audio").unwrap().unchecked_into();
        let remote = MediaStream::new(&[&c.remote_audio.track]).unwrap();
        audio.set_src_object(Some(remote.as_raw()));
        audio.set_muted(true);
        wasm_bindgen_futures::JsFuture::from(audio.play().unwrap())
            .await
            .unwrap();
        let mut sources = receiver.get_synchronization_sources().unwrap();
        for _ in 0..40 {
            if !sources.is_empty() {
                break;
            }
            sleep_ms(250).await;
            sources = receiver.get_synchronization_sources().unwrap();
        }
        let stats = receiver.get_stats().await.unwrap();
        let ssrc = stats.inbound_rtp().find_map(|s| s.ssrc).expect("an ssrc");
        assert_eq!(sources.len(), 1, "{sources:?}");
        let source = &sources[0];
        assert_eq!(source.source, ssrc, "the SSRC of the inbound stream");
        let age = js_sys::Date::now() - source.timestamp;
        assert!((-1000.0..10_000.0).contains(&age), "heard {age} ms ago");
        assert!(source.rtp_timestamp.is_some(), "{source:?}");
        let level = source.audio_level.expect("an audio level");
        assert!((0.0..=1.0).contains(&level), "{level}");
        assert_eq!(receiver.get_contributing_sources(), Ok(vec![]));
        audio.set_src_object(None);
    })
    .await;
}

/// The README's "A video call" example, verbatim (the test below checks the README still holds
/// exactly this text).
mod readme {
    include!("common/readme_video_call.rs");

    pub async fn run(
        video: &web_sys::HtmlVideoElement,
    ) -> Result<(PeerConnection, PeerConnection), Error> {
        call(video).await
    }
}

/// The README's video call runs to the end (no step waits forever) and the callee's `<video>`
/// shows the remote stream, which carries the synthetic pattern after `replace_track`.
#[wasm_bindgen_test]
async fn readme_video_call_example_runs() {
    assert!(
        include_str!("../README.md").contains(include_str!("common/readme_video_call.rs")),
        "tests/common/readme_video_call.rs is the README's example"
    );
    within(60, "README video call", async {
        let document = web_sys::window().unwrap().document().unwrap();
        let video: web_sys::HtmlVideoElement =
            document.create_element("video").unwrap().unchecked_into();
        let (_caller, callee) = readme::run(&video).await.unwrap();
        let shown: web_sys::MediaStream = video.src_object().expect("a remote stream");
        assert_eq!(shown.get_tracks().length(), 2, "audio and video");
        let remote = callee
            .get_receivers()
            .into_iter()
            .map(|r| r.track())
            .find(|t| t.kind() == TrackKind::Video)
            .unwrap();
        // replace_track has resolved, but frames of the camera it replaced may still be on their
        // way: wait for the pattern's first readable frame.
        let mut first = None;
        for _ in 0..30 {
            let image = grab_frame(&remote, Duration::from_secs(15)).await.unwrap();
            first = read_frame_number(&image);
            if first.is_some() {
                break;
            }
            sleep_ms(200).await;
        }
        let first = first.expect("the pattern arrives within 6 s");
        sleep_ms(500).await;
        let later = remote_frame_number(&remote).await;
        assert!(
            later > first,
            "the pattern keeps arriving: {first} then {later}"
        );
        video.set_src_object(None);
    })
    .await;
}

/// The old names (deprecated for one release) answer as the new ones, the spec's, do.
#[wasm_bindgen_test]
#[allow(deprecated)]
async fn renamed_methods_answer_under_their_old_names() {
    within(60, "old names", async {
        let c = call().await;
        assert_eq!(c.a.senders(), c.a.get_senders());
        assert_eq!(c.b.receivers(), c.b.get_receivers());
        assert_eq!(c.a.transceivers(), c.a.get_transceivers());
        assert_eq!(c.stream.tracks(), c.stream.get_tracks());
        assert_eq!(c.stream.audio_tracks(), c.stream.get_audio_tracks());
        assert_eq!(c.stream.video_tracks(), c.stream.get_video_tracks());
        assert_eq!(
            RtpSender::capabilities(TrackKind::Audio),
            RtpSender::get_capabilities(TrackKind::Audio)
        );
        assert_eq!(
            RtpReceiver::capabilities(TrackKind::Video),
            RtpReceiver::get_capabilities(TrackKind::Video)
        );
        let receiver = &c.remote_audio.receiver;
        assert_eq!(
            receiver.contributing_sources().map(|s| s.len()),
            receiver.get_contributing_sources().map(|s| s.len())
        );
        assert!(receiver.synchronization_sources().is_ok());
        // Another track event, under the old name of the stream that yields them.
        let tone = audio_tone(330.0).unwrap();
        c.a.add_track(&tone, &[]).unwrap();
        negotiate(&c.a, &c.b).await;
        let event = within(20, "track", c.b.tracks().next()).await.unwrap();
        assert_eq!(event.track.kind(), TrackKind::Audio);

        let dtls = c.audio.transport().unwrap().expect("negotiated");
        assert_eq!(
            dtls.remote_certificates().map(|c| c.len()),
            dtls.get_remote_certificates().map(|c| c.len())
        );
        let ice = dtls.ice_transport().unwrap();
        assert_eq!(ice.local_candidates(), ice.get_local_candidates());
        assert_eq!(ice.remote_candidates(), ice.get_remote_candidates());
        assert_eq!(
            ice.selected_candidate_pair().map(|p| p.is_some()),
            ice.get_selected_candidate_pair().map(|p| p.is_some())
        );
        let certificate =
            PeerConnection::generate_certificate(wasm_rtc::CertificateAlgorithm::EcdsaP256)
                .await
                .unwrap();
        assert_eq!(certificate.fingerprints(), certificate.get_fingerprints());
    })
    .await;
}
