//! Transports under a connection: SCTP, DTLS and ICE, or `Unsupported` where a browser lacks one.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::audio_tone;
use wasm_rtc::{
    CandidateType, DataChannelOptions, DtlsTransportState, Error, IceGatheringState, IceRole,
    IceTransportState, MediaStream, SctpTransportState,
};

wasm_bindgen_test_configure!(run_in_browser);

/// Whether the browser's `interface.prototype` has `member`: tests assert `Ok` where it does and
/// `Unsupported` where it does not, so neither case passes silently.
fn has(interface: &str, member: &str) -> bool {
    let class = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(interface)).unwrap();
    if class.is_undefined() {
        return false;
    }
    let prototype = js_sys::Reflect::get(&class, &"prototype".into()).unwrap();
    js_sys::Reflect::has(&prototype, &JsValue::from_str(member)).unwrap()
}

fn is_chrome() -> bool {
    let user_agent = web_sys::window().unwrap().navigator().user_agent().unwrap();
    user_agent.contains("Chrome/")
}

fn assert_unsupported<T: std::fmt::Debug>(result: Result<T, Error>, feature: &str) {
    assert_eq!(result.unwrap_err(), Error::unsupported(feature));
}

#[wasm_bindgen_test]
async fn sctp_dtls_and_ice_transports_of_a_data_connection() {
    within(60, "transports", async {
        let (a, b) = pair();
        assert!(
            a.sctp().unwrap().is_none(),
            "no SCTP transport before negotiation"
        );
        let (_x, _y) = open_channel(&a, &b, "t", &DataChannelOptions::new()).await;
        a.connected().await.unwrap();

        let sctp = a.sctp().unwrap().expect("an SCTP transport");
        assert_eq!(sctp.state(), Some(SctpTransportState::Connected));
        assert!(sctp.max_message_size().unwrap() > 0.0);
        // Chrome fills maxChannels in once connected; Firefox declares it but leaves it null (still
        // null 12 s after connecting, with channels open), and the wrapper then says `None` rather
        // than make a number up.
        match (has("RTCSctpTransport", "maxChannels"), is_chrome()) {
            (true, true) => assert!(sctp.max_channels().unwrap().unwrap_or(0) > 0),
            (true, false) => assert_eq!(sctp.max_channels(), Ok(None)),
            (false, _) => assert_unsupported(sctp.max_channels(), "RTCSctpTransport.maxChannels"),
        }

        let dtls = sctp.transport().unwrap().expect("a DTLS transport");
        assert_eq!(dtls.state(), Some(DtlsTransportState::Connected));
        if has("RTCDtlsTransport", "getRemoteCertificates") {
            let certificates = dtls.get_remote_certificates().unwrap();
            assert!(
                !certificates.is_empty() && certificates[0][0] == 0x30,
                "a DER certificate"
            );
        } else {
            assert_unsupported(
                dtls.get_remote_certificates(),
                "RTCDtlsTransport.getRemoteCertificates",
            );
        }

        let ice = dtls.ice_transport().unwrap();
        assert!(
            matches!(
                ice.state(),
                Some(IceTransportState::Connected | IceTransportState::Completed)
            ),
            "{:?}",
            ice.state()
        );
        let b_ice = b
            .sctp()
            .unwrap()
            .unwrap()
            .transport()
            .unwrap()
            .unwrap()
            .ice_transport()
            .unwrap();
        let role_filled_in = has("RTCIceTransport", "role")
            && !js_sys::Reflect::get(ice.as_raw(), &"role".into())
                .unwrap()
                .is_null();
        if role_filled_in {
            assert_eq!(ice.role(), Ok(IceRole::Controlling), "the offerer controls");
            assert_eq!(b_ice.role(), Ok(IceRole::Controlled));
        } else {
            assert_unsupported(ice.role(), "RTCIceTransport.role");
        }
        if has("RTCIceTransport", "getSelectedCandidatePair") {
            let pair = ice
                .get_selected_candidate_pair()
                .unwrap()
                .expect("a selected pair");
            assert_eq!(pair.local.fields().unwrap().kind, CandidateType::Host);
            assert!(pair.remote.fields().is_ok());
        } else {
            assert_unsupported(
                ice.get_selected_candidate_pair(),
                "RTCIceTransport.getSelectedCandidatePair",
            );
        }
        if has("RTCIceTransport", "getLocalCandidates") {
            assert!(!ice.get_local_candidates().unwrap().is_empty());
        } else {
            assert_unsupported(
                ice.get_local_candidates(),
                "RTCIceTransport.getLocalCandidates",
            );
        }
        // Both browsers have gatheringState; host candidates only, so gathering completes at once.
        assert!(has("RTCIceTransport", "gatheringState"));
        for _ in 0..20 {
            if ice.gathering_state() == Some(IceGatheringState::Complete) {
                break;
            }
            sleep_ms(250).await;
        }
        assert_eq!(ice.gathering_state(), Some(IceGatheringState::Complete));
        // Chrome has getRemoteCandidates() but it always returns an empty list for a connection's
        // transport (w3c/webrtc-pc#3119); Firefox lacks it. The selected pair names the remote
        // candidate in use.
        if has("RTCIceTransport", "getRemoteCandidates") {
            assert_eq!(ice.get_remote_candidates(), Ok(vec![]));
        } else {
            assert_unsupported(
                ice.get_remote_candidates(),
                "RTCIceTransport.getRemoteCandidates",
            );
        }
    })
    .await;
}

#[wasm_bindgen_test]
async fn rtp_senders_and_receivers_share_the_bundled_transport() {
    within(60, "rtp transports", async {
        let (a, b) = pair();
        let tone = audio_tone(500.0).unwrap();
        let sender = a
            .add_track(&tone, &[&MediaStream::new(&[&tone]).unwrap()])
            .unwrap();
        assert!(
            sender.transport().unwrap().is_none(),
            "no transport before negotiation"
        );
        let _ch = a
            .create_data_channel("bundle", &DataChannelOptions::new())
            .unwrap();
        negotiate(&a, &b).await;
        a.connected().await.unwrap();
        let dtls = sender
            .transport()
            .unwrap()
            .expect("a transport after negotiation");
        assert_eq!(dtls.state(), Some(DtlsTransportState::Connected));
        assert_eq!(
            Some(dtls),
            a.sctp().unwrap().unwrap().transport().unwrap(),
            "bundled: one transport"
        );
        let receiver = &b.get_receivers()[0];
        assert!(receiver.transport().unwrap().is_some());
        tone.stop();
    })
    .await;
}

/// Closing the connection fires no `statechange` at its transports (the spec's close steps set
/// their states to closed without one): every transport stream ends all the same — SCTP, the
/// DTLS transport reached from it and from a sender and a receiver, ICE, and the selected pair's.
#[wasm_bindgen_test]
async fn transport_streams_end_when_the_connection_closes() {
    use futures::StreamExt;
    within(60, "transport streams after close", async {
        let (a, b) = pair();
        let tone = audio_tone(440.0).unwrap();
        let stream = MediaStream::new(&[&tone]).unwrap();
        let sender = a.add_track(&tone, &[&stream]).unwrap();
        let (_x, _y) = open_channel(&a, &b, "t", &DataChannelOptions::new()).await;
        a.connected().await.unwrap();
        let sctp = a.sctp().unwrap().expect("an SCTP transport");
        let dtls = sctp.transport().unwrap().expect("a DTLS transport");
        let sender_dtls = sender
            .transport()
            .unwrap()
            .expect("the sender's DTLS transport");
        let receiver = a.get_transceivers().pop().unwrap().receiver();
        let receiver_dtls = receiver
            .transport()
            .unwrap()
            .expect("the receiver's DTLS transport");
        let mut streams = vec![
            sctp.state_changes().map(|_| ()).boxed_local(),
            dtls.state_changes().map(|_| ()).boxed_local(),
            sender_dtls.state_changes().map(|_| ()).boxed_local(),
            receiver_dtls.state_changes().map(|_| ()).boxed_local(),
        ];
        if has("RTCDtlsTransport", "iceTransport") {
            let ice = dtls.ice_transport().unwrap();
            streams.push(ice.state_changes().map(|_| ()).boxed_local());
            streams.push(ice.selected_candidate_pair_changes().boxed_local());
        }
        a.close();
        for (index, mut stream) in streams.into_iter().enumerate() {
            // Whatever the browser fires, each ends.
            within(2, &format!("transport stream {index} ends"), async {
                while stream.next().await.is_some() {}
            })
            .await;
        }
    })
    .await;
}
