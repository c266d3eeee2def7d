//! PeerConnection in real browsers: negotiation, ICE, states, bad input, close.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use futures::{SinkExt, StreamExt};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::audio_tone;
use wasm_rtc::{
    BundlePolicy, CandidateType, CertificateAlgorithm, Configuration, DataChannel,
    DataChannelOptions, Direction, Error, IceCandidate, IceGatheringState, IceServer, Message,
    OfferOptions, PeerConnection, PeerConnectionState, RtpSender, SdpType, SessionDescription,
    SignalingState, TrackKind, TransceiverInit, TransceiverMedia,
};

wasm_bindgen_test_configure!(run_in_browser);

fn ice_ufrag(sdp: &str) -> String {
    sdp.lines()
        .find_map(|l| l.strip_prefix("a=ice-ufrag:"))
        .expect("an ice-ufrag line")
        .trim()
        .to_owned()
}

/// Waits until `pc`'s ICE runs on the credentials of its current local description: the local
/// candidate of its selected pair has that description's ufrag. An ICE restart has taken effect
/// then, not only been negotiated (the old pair carries data until the new one is chosen).
async fn on_new_credentials(pc: &PeerConnection) {
    let ufrag = ice_ufrag(&pc.local_description().unwrap().sdp);
    loop {
        let report = pc.get_stats().await.expect("getStats");
        let in_use = report
            .selected_candidate_pair()
            .and_then(|selected| selected.local)
            .and_then(|local| local.username_fragment.clone());
        if in_use.as_deref() == Some(ufrag.as_str()) {
            return;
        }
        sleep_ms(20).await;
    }
}

async fn round_trip(x: &mut DataChannel, y: &mut DataChannel, text: &str) {
    x.send(Message::Text(text.into())).await.unwrap();
    assert_eq!(y.next().await, Some(Ok(Message::Text(text.into()))));
}

#[wasm_bindgen_test]
async fn connects_and_reports_every_state() {
    within(60, "states", async {
        let (a, b) = (peer(), peer());
        let mut signaling = a.signaling_state_changes();
        let mut gathering = a.ice_gathering_state_changes();
        let mut connection = a.connection_state_changes();
        let mut ice = a.ice_connection_state_changes();
        let mut negotiation_needed = a.negotiation_needed();
        assert_eq!(a.signaling_state(), SignalingState::Stable);
        assert_eq!(a.connection_state(), PeerConnectionState::New);

        let _ch = a
            .create_data_channel("s", &DataChannelOptions::new())
            .unwrap();
        assert_eq!(negotiation_needed.next().await, Some(()));

        // Candidates are buffered from creation, so collecting them after negotiation misses none.
        negotiate(&a, &b).await;
        let a_candidates: Vec<IceCandidate> = a.ice_candidates().collect().await;
        let b_candidates: Vec<IceCandidate> = b.ice_candidates().collect().await;
        assert!(!a_candidates.is_empty() && !b_candidates.is_empty());
        for c in a_candidates.iter().chain(&b_candidates) {
            let fields = c
                .fields()
                .unwrap_or_else(|e| panic!("browser candidate {c:?} did not parse: {e}"));
            assert_eq!(fields.kind, CandidateType::Host);
            assert!(c.sdp_mid.is_some());
        }
        for c in &a_candidates {
            b.add_ice_candidate(Some(c)).await.unwrap();
        }
        for c in &b_candidates {
            a.add_ice_candidate(Some(c)).await.unwrap();
        }
        a.add_ice_candidate(None).await.expect("end-of-candidates");

        a.connected().await.unwrap();
        assert_eq!(signaling.next().await, Some(SignalingState::HaveLocalOffer));
        assert_eq!(signaling.next().await, Some(SignalingState::Stable));
        assert_eq!(gathering.next().await, Some(IceGatheringState::Gathering));
        assert_eq!(gathering.next().await, Some(IceGatheringState::Complete));
        assert_eq!(a.ice_gathering_state(), IceGatheringState::Complete);
        let mut seen = Vec::new();
        while let Some(state) = connection.next().await {
            seen.push(state.clone());
            if state == PeerConnectionState::Connected {
                break;
            }
        }
        assert_eq!(
            seen,
            vec![
                PeerConnectionState::Connecting,
                PeerConnectionState::Connected
            ]
        );
        assert!(ice.next().await.is_some());

        assert_eq!(
            a.current_local_description().map(|d| d.kind),
            Some(SdpType::Offer)
        );
        assert_eq!(
            a.current_remote_description().map(|d| d.kind),
            Some(SdpType::Answer)
        );
        assert_eq!(a.pending_local_description(), None);
        let (remote, local) = (
            b.remote_description().unwrap(),
            a.local_description().unwrap(),
        );
        assert_eq!(remote.kind, local.kind);
        assert_eq!(ice_ufrag(&remote.sdp), ice_ufrag(&local.sdp));

        // Closing ends every stream this connection handed out.
        a.close();
        assert_eq!(signaling.next().await, None);
        assert_eq!(connection.next().await, None);
        assert_eq!(a.connection_state(), PeerConnectionState::Closed);
    })
    .await;
}

#[wasm_bindgen_test]
async fn renegotiation_adds_a_second_channel() {
    within(60, "renegotiation", async {
        let (a, b) = pair();
        let (mut x1, mut y1) = open_channel(&a, &b, "first", &DataChannelOptions::new()).await;
        let mut x2 = a
            .create_data_channel("second", &DataChannelOptions::new())
            .unwrap();
        negotiate(&a, &b).await;
        let mut y2 = within(20, "second channel", b.data_channels().next())
            .await
            .unwrap();
        x2.opened().await.unwrap();
        assert_eq!(y2.label(), "second");
        round_trip(&mut x1, &mut y1, "one").await;
        round_trip(&mut x2, &mut y2, "two").await;
        round_trip(&mut y2, &mut x2, "back").await;
    })
    .await;
}

#[wasm_bindgen_test]
async fn rollback_of_local_and_remote_offers() {
    within(30, "rollback", async {
        let (a, b) = (peer(), peer());
        let _probe = a
            .create_data_channel("probe", &DataChannelOptions::new())
            .unwrap();
        a.set_local_description(None).await.unwrap();
        assert_eq!(a.signaling_state(), SignalingState::HaveLocalOffer);
        a.set_local_description(Some(&SessionDescription::rollback()))
            .await
            .unwrap();
        assert_eq!(a.signaling_state(), SignalingState::Stable);
        assert_eq!(a.local_description(), None);

        let offer = a.create_offer(&OfferOptions::new()).await.unwrap();
        b.set_remote_description(&offer).await.unwrap();
        assert_eq!(b.signaling_state(), SignalingState::HaveRemoteOffer);
        b.set_remote_description(&SessionDescription::rollback())
            .await
            .unwrap();
        assert_eq!(b.signaling_state(), SignalingState::Stable);
        assert_eq!(b.remote_description(), None);
    })
    .await;
}

#[wasm_bindgen_test]
async fn parameterless_set_local_description_on_both_sides() {
    within(60, "implicit SLD", async {
        let (a, b) = pair();
        let mut x = a
            .create_data_channel("implicit", &DataChannelOptions::new())
            .unwrap();
        a.set_local_description(None).await.unwrap();
        let offer = a.local_description().unwrap();
        assert_eq!(offer.kind, SdpType::Offer);
        b.set_remote_description(&offer).await.unwrap();
        b.set_local_description(None).await.unwrap();
        let answer = b.local_description().unwrap();
        assert_eq!(answer.kind, SdpType::Answer);
        a.set_remote_description(&answer).await.unwrap();
        let mut y = within(20, "channel", b.data_channels().next())
            .await
            .unwrap();
        x.opened().await.unwrap();
        round_trip(&mut x, &mut y, "implicit").await;
    })
    .await;
}

#[wasm_bindgen_test]
async fn restart_ice_gives_new_credentials_and_keeps_the_connection() {
    within(90, "ICE restart", async {
        let (a, b) = pair();
        let (mut x, mut y) = open_channel(&a, &b, "restart", &DataChannelOptions::new()).await;
        let before = ice_ufrag(&a.local_description().unwrap().sdp);

        a.restart_ice().unwrap();
        negotiate(&a, &b).await;
        let after = ice_ufrag(&a.local_description().unwrap().sdp);
        assert_ne!(before, after, "restartIce must change the ICE credentials");
        a.connected().await.unwrap();
        round_trip(&mut x, &mut y, "after restartIce").await;
        // Firefox 153 can fail the answerer's DTLS transport when a second restart starts before
        // the first has moved ICE to its new credentials (raw JavaScript too, 8 of 160 times):
        // waited for, as an application that restarts on a broken path does.
        within(
            30,
            "ICE on the credentials of restartIce",
            on_new_credentials(&a),
        )
        .await;

        // The offer option does the same.
        let offer = a
            .create_offer(&OfferOptions::new().ice_restart())
            .await
            .unwrap();
        assert_ne!(ice_ufrag(&offer.sdp), after);
        a.set_local_description(Some(&offer)).await.unwrap();
        b.set_remote_description(&offer).await.unwrap();
        b.set_local_description(None).await.unwrap();
        a.set_remote_description(&b.local_description().unwrap())
            .await
            .unwrap();
        a.connected().await.unwrap();
        round_trip(&mut y, &mut x, "after iceRestart offer").await;
        within(
            30,
            "ICE on the credentials of the iceRestart offer",
            on_new_credentials(&a),
        )
        .await;
    })
    .await;
}

#[wasm_bindgen_test]
async fn legacy_offer_to_receive_adds_recvonly_transceivers() {
    within(30, "offerToReceive", async {
        let a = peer();
        let options = OfferOptions {
            offer_to_receive_audio: Some(true),
            offer_to_receive_video: Some(true),
            ..OfferOptions::new()
        };
        let offer = a.create_offer(&options).await.unwrap();
        assert!(offer.sdp.contains("m=audio"), "{}", offer.sdp);
        assert!(offer.sdp.contains("m=video"));
        assert_eq!(offer.sdp.matches("a=recvonly").count(), 2);
    })
    .await;
}

/// Bad input fails with a typed error and loses nothing: afterwards the same two connections
/// still negotiate and carry data.
#[wasm_bindgen_test]
async fn bad_input_is_a_typed_error_and_the_connection_survives() {
    within(90, "bad input", async {
        let (a, b) = pair();

        // Malformed SDP.
        let garbage = SessionDescription::new(SdpType::Offer, "this is not SDP");
        let err = b.set_remote_description(&garbage).await.unwrap_err();
        match &err {
            // Firefox: an RTCError saying where (kept, with its line).
            Error::Rtc(details) => {
                assert_eq!(details.error_detail, "sdp-syntax-error");
                assert_eq!(details.sdp_line_number, Some(1), "{details:?}");
            }
            Error::Operation(_) | Error::Syntax(_) => {}
            other => panic!("malformed SDP gave {other:?}"),
        }
        assert!(!err.message().is_empty());
        assert_eq!(b.signaling_state(), SignalingState::Stable);

        // A description of the wrong type for the signaling state.
        let offer_sdp = {
            let probe = peer();
            let _c = probe
                .create_data_channel("p", &DataChannelOptions::new())
                .unwrap();
            probe.create_offer(&OfferOptions::new()).await.unwrap().sdp
        };
        let wrong = SessionDescription::new(SdpType::Answer, offer_sdp);
        let err = b.set_remote_description(&wrong).await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidState(_)),
            "answer in stable gave {err:?}"
        );
        let err = a.create_answer().await.unwrap_err();
        assert!(
            matches!(err, Error::InvalidState(_)),
            "createAnswer in stable gave {err:?}"
        );

        // Now negotiate for real, then feed bad candidates.
        let (mut x, mut y) = open_channel(&a, &b, "survivor", &DataChannelOptions::new()).await;
        let no_place = IceCandidate::new(
            "candidate:1 1 udp 2122260223 192.0.2.7 9 typ host",
            None,
            None,
        );
        let err = b.add_ice_candidate(Some(&no_place)).await.unwrap_err();
        assert!(
            matches!(err, Error::Type(_)),
            "no mid and no index gave {err:?}"
        );
        let bad_index = IceCandidate::new(
            "candidate:1 1 udp 2122260223 192.0.2.7 9 typ host",
            None,
            Some(7),
        );
        let err = b.add_ice_candidate(Some(&bad_index)).await.unwrap_err();
        assert!(
            matches!(err, Error::Operation(_)),
            "m-line 7 of 1 gave {err:?}"
        );
        let garbage = IceCandidate::new("candidate:garbage", Some("0"), Some(0));
        let err = b.add_ice_candidate(Some(&garbage)).await.unwrap_err();
        assert!(
            matches!(err, Error::Operation(_)),
            "garbage candidate gave {err:?}"
        );
        let unknown_mid = IceCandidate::new(
            "candidate:1 1 udp 2122260223 192.0.2.7 9 typ host",
            Some("no-such-mid"),
            None,
        );
        let err = b.add_ice_candidate(Some(&unknown_mid)).await.unwrap_err();
        assert!(
            matches!(err, Error::Operation(_)),
            "unknown mid gave {err:?}"
        );

        // Changing what cannot change.
        let err = a
            .set_configuration(&Configuration::new().bundle_policy(BundlePolicy::MaxCompat))
            .unwrap_err();
        assert!(
            matches!(err, Error::InvalidModification(_)),
            "bundlePolicy change gave {err:?}"
        );

        assert_eq!(a.connection_state(), PeerConnectionState::Connected);
        round_trip(&mut x, &mut y, "still here").await;
        let (mut x2, mut y2) = open_channel(&a, &b, "and more", &DataChannelOptions::new()).await;
        round_trip(&mut y2, &mut x2, "renegotiated after errors").await;
    })
    .await;
}

/// Candidates carry their ICE username fragment both ways: each local candidate read from the
/// browser has its description's ufrag, and `add_ice_candidate` hands the ufrag to the browser,
/// which refuses a candidate of a generation the remote description does not have (a stale
/// candidate after an ICE restart) and keeps the connection usable.
#[wasm_bindgen_test]
async fn candidates_carry_their_username_fragment_both_ways() {
    within(60, "ufrag", async {
        let (a, b) = (peer(), peer());
        let _ch = a
            .create_data_channel("u", &DataChannelOptions::new())
            .unwrap();
        negotiate(&a, &b).await;
        let candidates: Vec<IceCandidate> = a.ice_candidates().collect().await;
        let ufrag = ice_ufrag(&a.local_description().unwrap().sdp);
        assert!(!candidates.is_empty());
        for c in &candidates {
            assert_eq!(
                c.username_fragment.as_deref(),
                Some(ufrag.as_str()),
                "{c:?}"
            );
        }
        let stale = IceCandidate {
            username_fragment: Some("nOtAuFrAg".into()),
            ..candidates[0].clone()
        };
        // Firefox checks the ufrag as the spec says; Chromium 156 does not (it accepts the
        // candidate), so only Firefox shows that the ufrag reached the browser.
        let added = b.add_ice_candidate(Some(&stale)).await;
        let user_agent = web_sys::window().unwrap().navigator().user_agent().unwrap();
        if user_agent.contains("Firefox/") {
            assert!(
                matches!(added, Err(Error::Operation(_))),
                "a candidate of no remote generation gave {added:?}"
            );
        }
        for c in &candidates {
            b.add_ice_candidate(Some(c)).await.unwrap();
        }
        for c in b.ice_candidates().collect::<Vec<_>>().await {
            a.add_ice_candidate(Some(&c)).await.unwrap();
        }
        a.connected().await.unwrap();
    })
    .await;
}

/// `add_ice_candidate` checks a candidate's mid and m-line index against the remote description
/// the browser has now: a media section a renegotiation added takes candidates at once, also
/// when JavaScript applied the offer behind this crate's back, and a rollback takes it away again.
#[wasm_bindgen_test]
async fn candidates_are_checked_against_the_remote_description_of_now() {
    within(60, "candidates after renegotiation", async {
        let (a, b) = pair();
        let mut chat = a
            .create_data_channel("chat", &DataChannelOptions::new())
            .unwrap();
        negotiate(&a, &b).await;
        let host = |mid: Option<&str>, index: Option<u16>| {
            IceCandidate::new(
                "candidate:1 1 udp 2122260223 192.0.2.7 9 typ host",
                mid,
                index,
            )
        };
        let refused = |result: Result<(), Error>, what: &str| {
            assert!(
                matches!(result, Err(Error::Operation(_))),
                "{what} gave {result:?}"
            )
        };
        // One media section, the channel's.
        b.add_ice_candidate(Some(&host(Some("0"), None)))
            .await
            .expect("mid 0");
        refused(
            b.add_ice_candidate(Some(&host(Some("1"), None))).await,
            "mid 1 of one section",
        );
        refused(
            b.add_ice_candidate(Some(&host(None, Some(1)))).await,
            "m-line 1 of one",
        );

        // JavaScript applies an offer with a second section.
        a.add_transceiver(
            &TransceiverMedia::Kind(TrackKind::Audio),
            &TransceiverInit::default(),
        )
        .unwrap();
        let offer = a.set_local_description(None).await.unwrap();
        let apply = js_sys::Function::new_with_args(
            "pc, type, sdp",
            "return pc.setRemoteDescription({ type, sdp });",
        );
        let applied = apply
            .call3(
                &JsValue::NULL,
                b.as_raw(),
                &"offer".into(),
                &offer.sdp.as_str().into(),
            )
            .unwrap();
        wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(applied))
            .await
            .expect("setRemoteDescription from JavaScript");
        let mid = b
            .remote_description()
            .unwrap()
            .sdp
            .lines()
            .filter_map(|l| l.strip_prefix("a=mid:"))
            .nth(1)
            .expect("a second section")
            .trim()
            .to_owned();
        b.add_ice_candidate(Some(&host(Some(&mid), None)))
            .await
            .expect("the new section's mid");
        b.add_ice_candidate(Some(&host(None, Some(1))))
            .await
            .expect("m-line 1 of two");

        // Rolled back: one section again.
        b.set_remote_description(&SessionDescription::rollback())
            .await
            .unwrap();
        refused(
            b.add_ice_candidate(Some(&host(Some(&mid), None))).await,
            "a rolled-back mid",
        );
        refused(
            b.add_ice_candidate(Some(&host(None, Some(1)))).await,
            "a rolled-back m-line",
        );

        // Negotiated for real, and the connection still carries the channel.
        b.set_remote_description(&offer).await.unwrap();
        let answer = b.set_local_description(None).await.unwrap();
        a.set_remote_description(&answer).await.unwrap();
        b.add_ice_candidate(Some(&host(Some(&mid), None)))
            .await
            .expect("the negotiated section's mid");
        let mut theirs = within(20, "remote channel", b.data_channels().next())
            .await
            .expect("the channel");
        within(20, "open", chat.opened()).await.unwrap();
        round_trip(&mut chat, &mut theirs, "still connected").await;
    })
    .await;
}

#[wasm_bindgen_test]
async fn bad_configuration_is_a_typed_error() {
    let no_scheme = Configuration::new().ice_server(IceServer::new("stun.example.org:3478"));
    let err = PeerConnection::new(&no_scheme).unwrap_err();
    assert!(
        matches!(err, Error::Syntax(_)),
        "URL without scheme gave {err:?}"
    );

    let no_credentials = Configuration::new().ice_server(IceServer::new("turn:turn.example.org"));
    let err = PeerConnection::new(&no_credentials).unwrap_err();
    assert!(
        matches!(err, Error::InvalidAccess(_)),
        "turn: without credentials gave {err:?}"
    );

    let ok = Configuration::new()
        .ice_server(
            IceServer::new(["stun:stun.example.org", "turn:turn.example.org"])
                .credentials("u", "p"),
        )
        .ice_candidate_pool_size(2);
    let pc = PeerConnection::new(&ok).unwrap();
    let read = pc.get_configuration().unwrap();
    assert_eq!(read.ice_servers.len(), 1);
    assert_eq!(read.ice_servers[0].urls.to_vec().len(), 2);
    assert_eq!(read.ice_candidate_pool_size, Some(2));
}

/// A call already waiting on the browser when the connection closes ends with `Closed`: the
/// browser drops its promise without settling it, so waiting for it would hang forever.
#[wasm_bindgen_test]
async fn calls_in_flight_when_the_connection_closes_end() {
    within(10, "calls in flight", async {
        let (a, b) = pair();
        let offer = a.create_offer(&OfferOptions::new()).await.unwrap();
        let options = OfferOptions::new();
        let offering = a.create_offer(&options);
        let answering = async {
            b.set_remote_description(&offer).await?;
            b.create_answer().await
        };
        futures::pin_mut!(offering, answering);
        // One poll each: the calls are made and wait on the browser.
        assert!(futures::poll!(&mut offering).is_pending());
        assert!(futures::poll!(&mut answering).is_pending());
        a.close();
        b.close();
        let (offered, answered) = futures::join!(offering, answering);
        for result in [offered.map(drop), answered.map(drop)] {
            assert!(
                matches!(result, Err(Error::Closed) | Err(Error::InvalidState(_))),
                "{result:?}"
            );
        }
    })
    .await;
}

#[wasm_bindgen_test]
async fn every_call_after_close_is_closed() {
    let (a, _b) = pair();
    let _ch = a
        .create_data_channel("c", &DataChannelOptions::new())
        .unwrap();
    let offer = a.create_offer(&OfferOptions::new()).await.unwrap();
    let mut candidates = a.ice_candidates();
    let mut remote_channels = a.data_channels();
    a.close();
    a.close(); // idempotent
    assert!(a.is_closed());
    assert_eq!(a.signaling_state(), SignalingState::Closed);
    assert_eq!(
        a.create_offer(&OfferOptions::new()).await,
        Err(Error::Closed)
    );
    assert_eq!(a.create_answer().await, Err(Error::Closed));
    assert_eq!(a.set_local_description(None).await, Err(Error::Closed));
    assert_eq!(
        a.set_local_description(Some(&offer)).await,
        Err(Error::Closed)
    );
    assert_eq!(a.set_remote_description(&offer).await, Err(Error::Closed));
    assert_eq!(a.add_ice_candidate(None).await, Err(Error::Closed));
    assert_eq!(a.restart_ice(), Err(Error::Closed));
    assert_eq!(
        a.create_data_channel("late", &DataChannelOptions::new())
            .err(),
        Some(Error::Closed)
    );
    assert_eq!(
        a.set_configuration(&Configuration::new()),
        Err(Error::Closed)
    );
    assert_eq!(a.connected().await, Err(Error::Closed));
    assert_eq!(candidates.next().await, None);
    assert!(remote_channels.next().await.is_none());
    assert!(
        a.get_configuration().is_ok(),
        "getConfiguration still answers after close"
    );
}

/// The media calls after close: the connection's own, and those of the senders it handed out
/// (from `add_track`, `senders()` and a transceiver), all `Error::Closed` in both browsers, on a
/// connection that negotiated media and on one that never did.
#[wasm_bindgen_test]
async fn every_rtp_call_after_close_is_closed() {
    within(60, "rtp after close", async {
        for negotiated in [true, false] {
            let (a, b) = pair();
            let tone = audio_tone(440.0).unwrap();
            let other = audio_tone(220.0).unwrap();
            let sender = a.add_track(&tone, &[]).unwrap();
            if negotiated {
                negotiate(&a, &b).await;
                a.connected().await.unwrap();
            }
            let parameters = sender.get_parameters().unwrap();
            assert_eq!(parameters.encodings.len(), 1, "{parameters:?}");
            // Taken before close: Firefox's getSenders() is empty after close.
            let listed = a.get_senders().pop().expect("the track's sender");
            let transceiver = a.get_transceivers().pop().expect("the track's transceiver");
            a.close();
            let senders = [sender.clone(), listed, transceiver.sender()];
            assert!(senders.iter().all(|s| *s == sender));
            for s in &senders {
                let what = format!("negotiated: {negotiated}");
                assert_eq!(
                    s.replace_track(Some(&other)).await,
                    Err(Error::Closed),
                    "{what}"
                );
                assert_eq!(s.replace_track(None).await, Err(Error::Closed), "{what}");
                assert_eq!(
                    s.set_parameters(&parameters).await,
                    Err(Error::Closed),
                    "{what}"
                );
                assert!(s.get_parameters().is_ok(), "{what}");
                assert_eq!(s.set_streams(&[]), Err(Error::Closed), "{what}");
            }
            for direction in [Direction::Inactive, Direction::Sendrecv] {
                assert_eq!(transceiver.set_direction(direction), Err(Error::Closed));
            }
            assert_eq!(transceiver.stop(), Err(Error::Closed));
            // A sender wrapped from the raw object knows no connection: the browser's error.
            let raw = RtpSender::from(sender.as_raw().clone());
            assert!(
                matches!(raw.replace_track(None).await, Err(Error::InvalidState(_))),
                "negotiated: {negotiated}"
            );
            assert_eq!(a.add_track(&other, &[]).err(), Some(Error::Closed));
            assert_eq!(a.remove_track(&sender), Err(Error::Closed));
            assert_eq!(
                a.add_transceiver(
                    &TransceiverMedia::Kind(TrackKind::Video),
                    &TransceiverInit::default()
                )
                .err(),
                Some(Error::Closed)
            );
            assert_eq!(
                a.create_data_channel("late", &DataChannelOptions::new())
                    .err(),
                Some(Error::Closed)
            );
        }
    })
    .await;
}

#[wasm_bindgen_test]
async fn certificates_are_generated_and_reused() {
    within(60, "certificates", async {
        for algorithm in [
            CertificateAlgorithm::EcdsaP256,
            CertificateAlgorithm::Rsa2048,
        ] {
            let cert = PeerConnection::generate_certificate(algorithm)
                .await
                .unwrap();
            assert!(
                cert.expires() > js_sys::Date::now(),
                "{algorithm:?} expires in the future"
            );
        }
        let cert = PeerConnection::generate_certificate(CertificateAlgorithm::EcdsaP256)
            .await
            .unwrap();
        let has_fingerprints = js_sys::Reflect::has(
            &js_sys::Reflect::get(&js_sys::global(), &"RTCCertificate".into())
                .and_then(|c| js_sys::Reflect::get(&c, &"prototype".into()))
                .unwrap(),
            &"getFingerprints".into(),
        )
        .unwrap();
        match cert.get_fingerprints() {
            Ok(prints) => {
                assert!(has_fingerprints);
                assert!(
                    prints
                        .iter()
                        .any(|p| p.algorithm == "sha-256" && p.value.len() == 95),
                    "{prints:?}"
                );
            }
            Err(e) => {
                assert!(
                    !has_fingerprints,
                    "getFingerprints exists but failed: {e:?}"
                );
                assert_eq!(e, Error::unsupported("RTCCertificate.getFingerprints"));
            }
        }

        // Two connections configured with the same certificate offer the same fingerprint.
        let fingerprint = |sdp: String| {
            sdp.lines()
                .find(|l| l.starts_with("a=fingerprint:"))
                .map(str::to_owned)
        };
        let config = Configuration::new().certificate(cert.clone());
        let (p, q) = (
            PeerConnection::new(&config).unwrap(),
            PeerConnection::new(&config).unwrap(),
        );
        let _c1 = p
            .create_data_channel("x", &DataChannelOptions::new())
            .unwrap();
        let _c2 = q
            .create_data_channel("x", &DataChannelOptions::new())
            .unwrap();
        let fp = fingerprint(p.create_offer(&OfferOptions::new()).await.unwrap().sdp);
        assert!(fp.is_some());
        assert_eq!(
            fp,
            fingerprint(q.create_offer(&OfferOptions::new()).await.unwrap().sdp)
        );
        let configured = p.get_configuration().unwrap().certificates;
        assert_eq!(configured.len(), 1);
        assert_eq!(configured[0].expires(), cert.expires());
    })
    .await;
}

#[wasm_bindgen_test]
async fn signaling_types_round_trip_through_json() {
    within(30, "json", async {
        let a = peer();
        let _c = a
            .create_data_channel("j", &DataChannelOptions::new())
            .unwrap();
        let offer = a.create_offer(&OfferOptions::new()).await.unwrap();
        let json = js_sys::JSON::stringify(&serde_wasm_bindgen::to_value(&offer).unwrap()).unwrap();
        let back: SessionDescription =
            serde_wasm_bindgen::from_value(js_sys::JSON::parse(&String::from(json)).unwrap())
                .unwrap();
        assert_eq!(back, offer);
        a.set_local_description(Some(&back)).await.unwrap();
        let c = within(10, "a candidate", a.ice_candidates().next())
            .await
            .unwrap();
        let value = serde_wasm_bindgen::to_value(&c).unwrap();
        let back: IceCandidate = serde_wasm_bindgen::from_value(value).unwrap();
        assert_eq!(back, c);
    })
    .await;
}

/// Firefox throws "Peer connection is closed" from `localDescription` and the other description
/// getters once closed; reading them must not crash the module (found by the soak's random
/// sequence). Chrome keeps the last descriptions, Firefox gives none.
#[wasm_bindgen_test]
async fn descriptions_can_be_read_after_close() {
    let (a, b) = pair();
    let _ch = a
        .create_data_channel("c", &DataChannelOptions::new())
        .unwrap();
    negotiate(&a, &b).await;
    let (local, remote) = (a.local_description(), a.remote_description());
    assert!(local.is_some() && remote.is_some());
    a.close();
    let kept_or_none = |read: Option<SessionDescription>, had: &Option<SessionDescription>| {
        read.is_none() || read == *had
    };
    assert!(kept_or_none(a.local_description(), &local));
    assert!(kept_or_none(a.current_local_description(), &local));
    assert!(kept_or_none(a.remote_description(), &remote));
    assert!(kept_or_none(a.current_remote_description(), &remote));
    assert_eq!(a.pending_local_description(), None);
    assert_eq!(a.pending_remote_description(), None);
    // And what else reads the connection after close.
    assert_eq!(a.add_ice_candidate(None).await, Err(Error::Closed));
    assert!(a.get_stats().await.is_ok_and(|report| report.is_empty()));
    let _ = (
        a.get_senders(),
        a.get_receivers(),
        a.get_transceivers(),
        format!("{a:?}"),
    );
}

/// `replace_track` in flight when the connection closes: the spec's operations chain then drops
/// its promise without ever settling it (Chrome and Firefox settle it anyway; an engine that
/// follows the spec does not, which this sender's `replaceTrack` stands in for). The call ends
/// with `Error::Closed` instead of waiting forever, as the connection's own calls do.
#[wasm_bindgen_test]
async fn replace_track_in_flight_ends_when_the_connection_closes() {
    use futures::FutureExt;
    within(30, "replace_track in flight", async {
        let (a, _b) = pair();
        let tone = audio_tone(440.0).unwrap();
        let sender = a.add_track(&tone, &[]).unwrap();
        let never = js_sys::Function::new_no_args("return new Promise(() => {});");
        js_sys::Reflect::set(sender.as_raw(), &"replaceTrack".into(), &never).unwrap();
        let mut call = Box::pin(sender.replace_track(None).fuse());
        futures::select! {
            result = call => panic!("settled before close: {result:?}"),
            _ = sleep_ms(20).fuse() => {}
        }
        a.close();
        assert_eq!(
            within(2, "the call after close", call).await,
            Err(Error::Closed)
        );
    })
    .await;
}

/// `negotiationneeded` is buffered from the connection's creation, like candidates and tracks: a
/// negotiator that subscribes after the first change misses nothing. And
/// `set_local_description` returns the description it applied (with `None`, the offer or answer
/// the browser made), read before any later operation can replace it.
#[wasm_bindgen_test]
async fn negotiation_needed_is_buffered_and_set_local_description_returns_what_it_applied() {
    within(60, "negotiation needed, descriptions", async {
        let (a, b) = pair();
        let _channel = a
            .create_data_channel("early", &DataChannelOptions::new())
            .unwrap();
        // The event fires (asynchronously) before anyone listens.
        sleep_ms(100).await;
        let mut needed = a.negotiation_needed();
        assert_eq!(
            within(2, "the buffered event", needed.next()).await,
            Some(())
        );

        let offer = a.set_local_description(None).await.unwrap();
        assert_eq!(offer.kind, SdpType::Offer);
        assert_eq!(Some(&offer), a.local_description().as_ref());
        b.set_remote_description(&offer).await.unwrap();
        let answer = b.set_local_description(None).await.unwrap();
        assert_eq!(answer.kind, SdpType::Answer);
        a.set_remote_description(&answer).await.unwrap();

        // An explicit description: the one applied. A rollback: the rollback.
        let again = a.create_offer(&OfferOptions::new()).await.unwrap();
        let applied = a.set_local_description(Some(&again)).await.unwrap();
        assert_eq!(applied.kind, SdpType::Offer);
        assert_eq!(
            a.set_local_description(Some(&SessionDescription::rollback()))
                .await
                .unwrap()
                .kind,
            SdpType::Rollback
        );
        assert_eq!(a.signaling_state(), SignalingState::Stable);
    })
    .await;
}

/// A candidate line that does not parse, or one with neither mid nor index, is refused before
/// the browser sees it: an error is never reported for a candidate the browser already took.
#[wasm_bindgen_test]
async fn bad_candidates_never_reach_the_browser() {
    within(60, "bad candidates", async {
        // No trickle: only this test's candidates reach `b`.
        let (a, b) = (peer(), peer());
        let _channel = a
            .create_data_channel("c", &DataChannelOptions::new())
            .unwrap();
        negotiate(&a, &b).await;
        // Count what reaches the browser's addIceCandidate on `b`.
        let spy = js_sys::Function::new_with_args(
            "pc",
            "const native = pc.addIceCandidate; pc.seen = 0; \
             pc.addIceCandidate = function (c) { pc.seen++; return native.call(pc, c); };",
        );
        spy.call1(&JsValue::NULL, b.as_raw()).unwrap();
        let seen = || js_sys::Reflect::get(b.as_raw(), &"seen".into()).unwrap();
        for bad in [
            IceCandidate::new("candidate:garbage", Some("0"), Some(0)),
            IceCandidate::new("not a candidate at all", Some("0"), None),
            IceCandidate::new(
                "candidate:1 1 udp 2122260223 192.0.2.7 9 typ host",
                None,
                None,
            ),
        ] {
            let err = b.add_ice_candidate(Some(&bad)).await.unwrap_err();
            assert!(
                matches!(err, Error::Operation(_) | Error::Type(_)),
                "{bad:?} gave {err:?}"
            );
        }
        assert_eq!(seen(), 0, "no bad candidate reached the browser");
        // A good one does, and the connection is as usable as before.
        let good = IceCandidate::new(
            "candidate:1 1 udp 2122260223 192.0.2.7 9 typ host",
            Some("0"),
            None,
        );
        b.add_ice_candidate(Some(&good)).await.unwrap();
        assert_eq!(seen(), 1);
    })
    .await;
}
