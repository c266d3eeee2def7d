//! The stats decoding against reports recorded from the browsers and written from the spec.

use super::*;
use crate::enums::{
    CandidateProtocol, CandidateType, DataChannelState, DtlsTransportState, IceRole,
    IceTransportState, TcpType, TrackKind,
};
use serde_json::{json, Value};

/// A Chrome report of a connection with one data channel (recorded from Chromium 156),
/// plus media entries written from the spec's member lists.
fn chrome_like() -> Value {
    serde_json::from_str(
        r#"[
        {"id":"CF27:75:F0","timestamp":1795474611505.571,"type":"certificate",
         "base64Certificate":"MIIBFDCBvKADAgECAggu","fingerprint":"27:75:F0:CE:2D","fingerprintAlgorithm":"sha-256"},
        {"id":"CP+wVMMkU9_qoJ8NB4/","timestamp":1795474611505.571,"type":"candidate-pair","bytesDiscardedOnSend":0,
         "bytesReceived":2499,"bytesSent":2471,"consentRequestsSent":2,"currentRoundTripTime":0.001,
         "lastPacketReceivedTimestamp":1795474611301,"lastPacketSentTimestamp":1795474611299,
         "localCandidateId":"I+wVMMkU9","nominated":true,"packetsDiscardedOnSend":0,"packetsReceived":12,
         "packetsSent":14,"priority":9114756780654345000,"remoteCandidateId":"IqoJ8NB4/","requestsReceived":3,
         "requestsSent":3,"responsesReceived":3,"responsesSent":3,"state":"succeeded","totalRoundTripTime":0.004,
         "transportId":"T01","writable":true,"availableOutgoingBitrate":300000},
        {"id":"CP/+I9HXkW_4bpFwzkc","timestamp":1795474611505.571,"type":"candidate-pair","bytesReceived":0,
         "bytesSent":50,"localCandidateId":"I/+I9HXkW","nominated":true,"priority":9115060245863753000,
         "remoteCandidateId":"I4bpFwzkc","state":"succeeded","transportId":"T01","writable":true},
        {"id":"D1","timestamp":1795474611505.571,"type":"data-channel","bytesReceived":3,"bytesSent":35,
         "dataChannelIdentifier":1,"label":"test","messagesReceived":1,"messagesSent":5,"protocol":"","state":"open"},
        {"id":"I+wVMMkU9","timestamp":1795474611505.571,"type":"local-candidate","address":"192.0.2.2",
         "candidateType":"host","foundation":"3363136360","ip":"192.0.2.2","isRemote":false,"networkType":"ethernet",
         "port":54097,"priority":2122194687,"protocol":"udp","transportId":"T01","usernameFragment":"Z11F"},
        {"id":"I/+I9HXkW","timestamp":1795474611505.571,"type":"local-candidate","address":"fd00::2",
         "candidateType":"host","port":49078,"priority":2122265343,"protocol":"udp","transportId":"T01"},
        {"id":"I4bpFwzkc","timestamp":1795474611505.571,"type":"remote-candidate","address":"fd00::2",
         "candidateType":"host","port":46363,"priority":2122265343,"protocol":"udp","transportId":"T01"},
        {"id":"IqoJ8NB4/","timestamp":1795474611505.571,"type":"remote-candidate","address":"192.0.2.2",
         "candidateType":"srflx","relatedAddress":"10.0.0.2","relatedPort":48000,"port":48382,"priority":1686052607,
         "protocol":"udp","transportId":"T01","url":"stun:stun.example.org"},
        {"id":"P","timestamp":1795474611505.571,"type":"peer-connection","dataChannelsClosed":0,"dataChannelsOpened":1},
        {"id":"T01","timestamp":1795474611505.571,"type":"transport","bytesReceived":2499,"bytesSent":2521,
         "dtlsCipher":"TLS_AES_128_GCM_SHA256","dtlsRole":"server","dtlsState":"connected",
         "iceLocalUsernameFragment":"Z11F","iceRole":"controlling","iceState":"connected",
         "localCertificateId":"CF52:7B:07","packetsReceived":12,"packetsSent":15,"remoteCertificateId":"CF27:75:F0",
         "selectedCandidatePairChanges":2,"selectedCandidatePairId":"CP/+I9HXkW_4bpFwzkc",
         "srtpCipher":"SRTP_AES128_CM_HMAC_SHA1_80","tlsVersion":"FEFC"},
        {"id":"COT01_96","timestamp":1795474611505.571,"type":"codec","clockRate":90000,"mimeType":"video/VP8",
         "payloadType":96,"transportId":"T01"},
        {"id":"COT01_111_minptime=10;useinbandfec=1","timestamp":1795474611505.571,"type":"codec","channels":2,
         "clockRate":48000,"mimeType":"audio/opus","payloadType":111,"sdpFmtpLine":"minptime=10;useinbandfec=1",
         "transportId":"T01"},
        {"id":"IT01V1234","timestamp":1795474611505.571,"type":"inbound-rtp","ssrc":1234,"kind":"video",
         "transportId":"T01","codecId":"COT01_96","packetsReceived":900,"packetsLost":-2,"jitter":0.004,
         "trackIdentifier":"a1b2","mid":"1","bytesReceived":812345,"headerBytesReceived":10800,
         "framesDecoded":290,"keyFramesDecoded":2,"framesRendered":289,"framesDropped":1,"frameWidth":640,
         "frameHeight":480,"framesPerSecond":29.97,"qpSum":8123,"totalDecodeTime":0.523,"nackCount":0,
         "firCount":0,"pliCount":1,"freezeCount":0,"pauseCount":0,"decoderImplementation":"libvpx",
         "powerEfficientDecoder":false,"jitterBufferDelay":12.5,"jitterBufferEmittedCount":290,
         "googTimingFrameInfo":"1,2,3","lastPacketReceivedTimestamp":1795474611500.0},
        {"id":"IT01A5678","timestamp":1795474611505.571,"type":"inbound-rtp","ssrc":5678,"kind":"audio",
         "transportId":"T01","codecId":"COT01_111_minptime=10;useinbandfec=1","packetsReceived":500,
         "packetsLost":0,"jitter":0.001,"totalSamplesReceived":480000,"concealedSamples":960,
         "silentConcealedSamples":0,"concealmentEvents":1,"audioLevel":0.25,"totalAudioEnergy":1.5,
         "totalSamplesDuration":10.0,"playoutId":"AP"},
        {"id":"OT01V4321","timestamp":1795474611505.571,"type":"outbound-rtp","ssrc":4321,"kind":"video",
         "transportId":"T01","codecId":"COT01_96","packetsSent":1000,"bytesSent":900000,"mid":"0",
         "mediaSourceId":"SV1","remoteId":"RI4321","rid":"h","encodingIndex":0,"targetBitrate":1500000,
         "frameWidth":1280,"frameHeight":720,"framesPerSecond":30,"framesSent":300,"framesEncoded":300,
         "keyFramesEncoded":1,"qualityLimitationReason":"bandwidth",
         "qualityLimitationDurations":{"bandwidth":1.5,"cpu":0,"none":8.5,"other":0},
         "qualityLimitationResolutionChanges":2,"encoderImplementation":"libvpx","active":true,
         "scalabilityMode":"L1T3"},
        {"id":"RI4321","timestamp":1795474611505.571,"type":"remote-inbound-rtp","ssrc":4321,"kind":"video",
         "transportId":"T01","codecId":"COT01_96","packetsReceived":990,"packetsLost":10,"jitter":0.002,
         "localId":"OT01V4321","roundTripTime":0.05,"totalRoundTripTime":1.2,"fractionLost":0.01,
         "roundTripTimeMeasurements":24},
        {"id":"ROA5678","timestamp":1795474611505.571,"type":"remote-outbound-rtp","ssrc":5678,"kind":"audio",
         "transportId":"T01","packetsSent":505,"bytesSent":40000,"localId":"IT01A5678",
         "remoteTimestamp":1795474611000.0,"reportsSent":10},
        {"id":"SV1","timestamp":1795474611505.571,"type":"media-source","kind":"video","trackIdentifier":"v1",
         "width":1280,"height":720,"frames":301,"framesPerSecond":30},
        {"id":"SA1","timestamp":1795474611505.571,"type":"media-source","kind":"audio","trackIdentifier":"a1",
         "audioLevel":0.1,"totalAudioEnergy":0.3,"totalSamplesDuration":10.0,"echoReturnLoss":-100,
         "echoReturnLossEnhancement":0.17},
        {"id":"AP","timestamp":1795474611505.571,"type":"media-playout","kind":"audio",
         "synthesizedSamplesDuration":0.02,"synthesizedSamplesEvents":1,"totalSamplesDuration":10.0,
         "totalPlayoutDelay":0.5,"totalSamplesCount":480000}
    ]"#,
    )
    .expect("valid JSON")
}

/// A Firefox report (recorded from Firefox 153): no certificates, no transport counters, a
/// `selected` flag and a pre-standard pair state.
fn firefox_like(with_transport: bool) -> Value {
    let mut entries = vec![
        json!({"id":"{b1c9142c}","timestamp":1795474626064.2998,"type":"peer-connection",
               "dataChannelsClosed":0,"dataChannelsOpened":1}),
        json!({"id":"2877a363","timestamp":1795474626064.2998,"type":"candidate-pair","bytesReceived":2779,
               "bytesSent":2642,"currentRoundTripTime":0,"lastPacketReceivedTimestamp":1795474625912u64,
               "localCandidateId":"67e8a13c","nominated":true,"priority":7962083765675491000u64,"readable":true,
               "remoteCandidateId":"5a546213","selected":true,"state":"succeeded","transportId":"9f40161d",
               "writable":true}),
        json!({"id":"dfb678ac","timestamp":1795474626064.2998,"type":"candidate-pair","bytesReceived":0,
               "bytesSent":0,"localCandidateId":"ad84a4bb","nominated":true,"priority":9114723795305497000u64,
               "remoteCandidateId":"83c0984","selected":false,"state":"cancelled","transportId":"9f40161d"}),
        json!({"id":"67e8a13c","timestamp":1795474626064.2998,"type":"local-candidate","address":"fd00::2",
               "candidateType":"host","foundation":"1","port":47430,"priority":2122252543,"protocol":"udp",
               "transportId":"9f40161d","usernameFragment":"7e12aae1"}),
        json!({"id":"982c47ad","timestamp":1795474626064.2998,"type":"local-candidate","address":"192.0.2.2",
               "candidateType":"host","foundation":"2","port":63850,"priority":2105458943,"protocol":"tcp",
               "tcpType":"active","transportId":"9f40161d"}),
        json!({"id":"5a546213","timestamp":1795474626064.2998,"type":"remote-candidate","address":"fd00::2",
               "candidateType":"prflx","port":37839,"priority":1853817087,"protocol":"udp",
               "transportId":"9f40161d"}),
        json!({"id":"2fa8d10d","timestamp":1795474626064.2998,"type":"data-channel","bytesReceived":35,
               "bytesSent":3,"dataChannelIdentifier":1,"label":"test","messagesReceived":5,"messagesSent":1,
               "protocol":"","state":"open"}),
    ];
    if with_transport {
        entries.push(json!({"id":"9f40161d","timestamp":1795474626064.2998,"type":"transport",
            "dtlsCipher":"TLS_AES_128_GCM_SHA256","dtlsRole":"client","dtlsState":"connected",
            "iceLocalUsernameFragment":"7e12aae1","iceRole":"controlled","iceState":"connected",
            "selectedCandidatePairId":"2877a363","srtpCipher":"SRTP_AEAD_AES_128_GCM","tlsVersion":"FEFC"}));
    }
    Value::Array(entries)
}

fn report(value: &Value) -> StatsReport {
    serde_json::from_value(value.clone()).expect("a stats report")
}

/// Numbers compared as doubles, as JavaScript holds them.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn decodes_connection_stats() {
    let r = report(&chrome_like());
    assert_eq!(r.len(), 20);

    let pc = r.peer_connection().unwrap();
    assert_eq!(
        (pc.data_channels_opened, pc.data_channels_closed),
        (Some(1), Some(0))
    );
    assert_eq!(pc.id, "P");
    assert_eq!(pc.timestamp, 1795474611505.571);

    let dc = r.get_as::<DataChannelStats>("D1").unwrap();
    assert_eq!(dc.label.as_deref(), Some("test"));
    assert_eq!(dc.protocol.as_deref(), Some(""));
    assert_eq!(dc.data_channel_identifier, Some(1));
    assert_eq!(dc.state, Some(DataChannelState::Open));
    assert_eq!(
        (
            dc.messages_sent,
            dc.bytes_sent,
            dc.messages_received,
            dc.bytes_received
        ),
        (Some(5), Some(35), Some(1), Some(3))
    );
    assert!(dc.other.is_empty());

    let t = r.transports().next().unwrap();
    assert_eq!(t.ice_role, Some(IceRole::Controlling));
    assert_eq!(t.ice_state, Some(IceTransportState::Connected));
    assert_eq!(t.dtls_state, Some(DtlsTransportState::Connected));
    assert_eq!(t.dtls_role, Some(DtlsRole::Server));
    assert_eq!(
        t.selected_candidate_pair_id.as_deref(),
        Some("CP/+I9HXkW_4bpFwzkc")
    );
    assert_eq!(t.selected_candidate_pair_changes, Some(2));
    assert_eq!((t.bytes_sent, t.packets_received), (Some(2521), Some(12)));
    assert_eq!(t.tls_version.as_deref(), Some("FEFC"));
    assert!(t.other.is_empty(), "{:?}", t.other);

    let pair = r
        .get_as::<IceCandidatePairStats>("CP+wVMMkU9_qoJ8NB4/")
        .unwrap();
    assert_eq!(pair.state, Some(CandidatePairState::Succeeded));
    assert_eq!(pair.nominated, Some(true));
    assert_eq!(pair.current_round_trip_time, Some(0.001));
    assert_eq!(pair.available_outgoing_bitrate, Some(300000.0));
    assert_eq!(pair.last_packet_received_timestamp, Some(1795474611301.0));
    assert_eq!(pair.consent_requests_sent, Some(2));
    // Chrome's extensions stay, untyped.
    assert_eq!(pair.other.get("writable"), Some(&StatsValue::Bool(true)));
    assert_eq!(
        pair.other.get("priority").and_then(StatsValue::as_f64),
        Some(9114756780654345000.0)
    );

    let local = r.get_as::<IceCandidateStats>("I+wVMMkU9").unwrap();
    assert_eq!(local.address.as_deref(), Some("192.0.2.2"));
    assert_eq!(local.port, Some(54097));
    assert_eq!(local.protocol, Some(CandidateProtocol::Udp));
    assert_eq!(local.candidate_type, Some(CandidateType::Host));
    assert_eq!(local.priority, Some(2122194687));
    assert_eq!(local.foundation.as_deref(), Some("3363136360"));
    let extensions: Vec<&str> = local.other.keys().map(String::as_str).collect();
    assert_eq!(extensions, ["ip", "isRemote", "networkType"]);
    let srflx = r.get_as::<IceCandidateStats>("IqoJ8NB4/").unwrap();
    assert_eq!(srflx.candidate_type, Some(CandidateType::Srflx));
    assert_eq!(
        (srflx.related_address.as_deref(), srflx.related_port),
        (Some("10.0.0.2"), Some(48000))
    );
    assert_eq!(srflx.url.as_deref(), Some("stun:stun.example.org"));
    assert!(matches!(
        r.get("IqoJ8NB4/"),
        Some(Stats::RemoteCandidate(_))
    ));
    assert_eq!(r.local_candidates().count(), 2);
    assert_eq!(r.remote_candidates().count(), 2);
    assert_eq!(r.of_type::<IceCandidateStats>().count(), 4);

    let cert = r.certificates().next().unwrap();
    assert_eq!(cert.fingerprint.as_deref(), Some("27:75:F0:CE:2D"));
    assert_eq!(cert.fingerprint_algorithm.as_deref(), Some("sha-256"));
    assert_eq!(
        cert.base64_certificate.as_deref(),
        Some("MIIBFDCBvKADAgECAggu")
    );
    assert_eq!(cert.issuer_certificate_id, None);
}

#[test]
fn decodes_media_stats() {
    let r = report(&chrome_like());
    let codecs: Vec<&CodecStats> = r.codecs().collect();
    assert_eq!(codecs.len(), 2);
    let opus = r
        .get_as::<CodecStats>("COT01_111_minptime=10;useinbandfec=1")
        .unwrap();
    assert_eq!(
        (
            opus.mime_type.as_deref(),
            opus.payload_type,
            opus.clock_rate,
            opus.channels
        ),
        (Some("audio/opus"), Some(111), Some(48000), Some(2))
    );
    assert_eq!(
        opus.sdp_fmtp_line.as_deref(),
        Some("minptime=10;useinbandfec=1")
    );

    let video = r.get_as::<InboundRtpStreamStats>("IT01V1234").unwrap();
    assert_eq!(
        (video.ssrc, video.kind),
        (Some(1234), Some(TrackKind::Video))
    );
    assert_eq!(video.packets_lost, Some(-2));
    assert_eq!(
        (
            video.frame_width,
            video.frame_height,
            video.frames_per_second
        ),
        (Some(640), Some(480), Some(29.97))
    );
    assert_eq!(video.frames_decoded, Some(290));
    assert_eq!(video.bytes_received, Some(812345));
    assert_eq!(video.decoder_implementation.as_deref(), Some("libvpx"));
    assert_eq!(video.power_efficient_decoder, Some(false));
    assert_eq!(
        video
            .other
            .get("googTimingFrameInfo")
            .and_then(StatsValue::as_str),
        Some("1,2,3")
    );
    assert_eq!(
        r.get_as::<CodecStats>(video.codec_id.as_deref().unwrap())
            .unwrap()
            .mime_type
            .as_deref(),
        Some("video/VP8")
    );

    let audio = r.get_as::<InboundRtpStreamStats>("IT01A5678").unwrap();
    assert_eq!(
        (
            audio.total_samples_received,
            audio.concealed_samples,
            audio.audio_level
        ),
        (Some(480000), Some(960), Some(0.25))
    );
    assert_eq!(audio.frames_decoded, None);
    assert_eq!(
        r.get_as::<AudioPlayoutStats>(audio.playout_id.as_deref().unwrap())
            .unwrap()
            .total_samples_count,
        Some(480000)
    );
    assert_eq!(r.inbound_rtp().count(), 2);

    let out = r.outbound_rtp().next().unwrap();
    assert_eq!(
        (out.packets_sent, out.bytes_sent, out.frames_encoded),
        (Some(1000), Some(900000), Some(300))
    );
    assert_eq!(
        out.quality_limitation_reason,
        Some(QualityLimitationReason::Bandwidth)
    );
    assert_eq!(
        out.quality_limitation_durations
            .as_ref()
            .and_then(|d| d.get("none")),
        Some(&8.5)
    );
    assert_eq!(
        (out.rid.as_deref(), out.encoding_index, out.active),
        (Some("h"), Some(0), Some(true))
    );
    assert_eq!(out.scalability_mode.as_deref(), Some("L1T3"));
    let remote = r
        .get_as::<RemoteInboundRtpStreamStats>(out.remote_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(
        (
            remote.round_trip_time,
            remote.fraction_lost,
            remote.packets_lost
        ),
        (Some(0.05), Some(0.01), Some(10))
    );
    assert_eq!(remote.local_id.as_deref(), Some("OT01V4321"));
    let source = r
        .get_as::<MediaSourceStats>(out.media_source_id.as_deref().unwrap())
        .unwrap();
    assert_eq!(
        (source.width, source.height, source.frames),
        (Some(1280), Some(720), Some(301))
    );

    let ro = r.remote_outbound_rtp().next().unwrap();
    assert_eq!(
        (ro.packets_sent, ro.bytes_sent, ro.reports_sent),
        (Some(505), Some(40000), Some(10))
    );
    assert_eq!(ro.remote_timestamp, Some(1795474611000.0));
    let audio_source = r.get_as::<MediaSourceStats>("SA1").unwrap();
    assert_eq!(audio_source.echo_return_loss, Some(-100.0));
    assert_eq!(r.media_sources().count(), 2);
    assert_eq!(
        r.media_playouts()
            .next()
            .unwrap()
            .synthesized_samples_events,
        Some(1)
    );
    assert_eq!(r.remote_inbound_rtp().count(), 1);
}

#[test]
fn members_of_the_wrong_type_stay_in_other() {
    let r = report(
        &json!([{"id":"c","timestamp":1,"type":"local-candidate","port":"eighty","priority":-5,
        "candidateType":"serverreflexive","protocol":"ssltcp","address":null}]),
    );
    let c = r.get_as::<IceCandidateStats>("c").unwrap();
    assert_eq!(
        (c.port, c.priority, c.candidate_type, c.protocol, &c.address),
        (None, None, None, None, &None)
    );
    assert_eq!(
        c.other.get("port"),
        Some(&StatsValue::String("eighty".into()))
    );
    assert_eq!(c.other.get("priority"), Some(&StatsValue::Number(-5.0)));
    assert_eq!(
        c.other.get("candidateType").and_then(StatsValue::as_str),
        Some("serverreflexive")
    );
    assert_eq!(c.other.get("address"), Some(&StatsValue::Null));
    // … and are written back as they were.
    let back = serde_json::to_value(&r).unwrap();
    assert!(
        same(
            &back[0],
            &json!({"id":"c","timestamp":1,"type":"local-candidate","port":"eighty","priority":-5,
        "candidateType":"serverreflexive","protocol":"ssltcp","address":null})
        ),
        "{back}"
    );

    // Out of range for the type: also kept.
    let r = report(
        &json!([{"id":"s","timestamp":1,"type":"inbound-rtp","ssrc":4294967296u64,"frameWidth":1.5}]),
    );
    let s = r.inbound_rtp().next().unwrap();
    assert_eq!((s.ssrc, s.frame_width), (None, None));
    assert_eq!(s.other.len(), 2);
}

#[test]
fn enums_keep_values_they_do_not_know() {
    let r = report(&firefox_like(true));
    let cancelled = r.get_as::<IceCandidatePairStats>("dfb678ac").unwrap();
    assert_eq!(
        cancelled.state,
        Some(CandidatePairState::Unknown("cancelled".into()))
    );
    assert_eq!(
        cancelled.state.as_ref().map(|s| s.as_str()),
        Some("cancelled")
    );
    assert_eq!(
        CandidatePairState::parse("in-progress"),
        CandidatePairState::InProgress
    );
    assert_eq!(
        serde_json::to_string(&CandidatePairState::InProgress).unwrap(),
        "\"in-progress\""
    );
    assert_eq!(
        DtlsRole::parse("unknown"),
        DtlsRole::Unknown("unknown".into())
    );
    assert_eq!(QualityLimitationReason::parse("cpu").to_string(), "cpu");
    // The transport enums have no such variant: a value they do not know stays in `other`.
    let transport = report(
        &json!([{"id":"T","timestamp":1,"type":"transport","iceRole":"unknown",
        "iceState":"reticulating","dtlsState":"connecting","dtlsRole":"unknown"}]),
    );
    let t = transport.transports().next().unwrap();
    assert_eq!(
        (&t.ice_role, &t.ice_state, &t.dtls_state),
        (
            &Some(IceRole::Unknown),
            &None,
            &Some(DtlsTransportState::Connecting)
        )
    );
    assert_eq!(
        t.other.get("iceState").and_then(StatsValue::as_str),
        Some("reticulating")
    );
    assert_eq!(t.dtls_role, Some(DtlsRole::Unknown("unknown".into())));
    let tcp = r.get_as::<IceCandidateStats>("982c47ad").unwrap();
    assert_eq!(
        (tcp.protocol, tcp.tcp_type),
        (Some(CandidateProtocol::Tcp), Some(TcpType::Active))
    );
}

#[test]
fn unknown_types_are_kept_whole() {
    let input = json!([
        {"id":"DEPRECATED_TI1","timestamp":2.5,"type":"track","trackIdentifier":"x","ended":false,
         "frameWidth":640,"nested":{"a":[1,2.5,"three",null,true]}},
        {"id":"F","timestamp":3,"type":"future-thing","whatever":[{"deep":{"er":1}}]},
        {"id":"X","timestamp":3}
    ]);
    let r = report(&input);
    let unknown: Vec<&UnknownStats> = r.unknown().collect();
    assert_eq!(unknown.len(), 3);
    let track = r.get_as::<UnknownStats>("DEPRECATED_TI1").unwrap();
    assert_eq!(track.stats_type, "track");
    assert_eq!(track.timestamp, 2.5);
    assert_eq!(track.other.len(), 4);
    assert_eq!(r.get("DEPRECATED_TI1").unwrap().stats_type(), "track");
    assert_eq!(r.get("X").unwrap().stats_type(), "");
    let nested = track.other["nested"].as_object().unwrap()["a"]
        .as_array()
        .unwrap();
    assert_eq!(
        nested,
        &[
            1.0.into(),
            2.5.into(),
            "three".into(),
            StatsValue::Null,
            true.into()
        ]
    );
    let back = serde_json::to_value(&r).unwrap();
    // Id order: "DEPRECATED_TI1" < "F" < "X"; "X" gains the type it lacked, as "".
    assert!(
        same(&back[0], &input[0]) && same(&back[1], &input[1]),
        "{back}"
    );
    assert_eq!(back[2]["type"], "");
}

#[test]
fn round_trip_keeps_everything() {
    for input in [chrome_like(), firefox_like(true), firefox_like(false)] {
        let r = report(&input);
        let text = serde_json::to_string(&r).unwrap();
        let again: StatsReport = serde_json::from_str(&text).unwrap();
        assert_eq!(again, r);
        // Member for member, what came in goes out (in id order).
        let out: Value = serde_json::from_str(&text).unwrap();
        let mut inputs = input.as_array().unwrap().clone();
        inputs.sort_by(|a, b| a["id"].as_str().cmp(&b["id"].as_str()));
        let outputs = out.as_array().unwrap();
        assert_eq!(inputs.len(), outputs.len());
        for (i, o) in inputs.iter().zip(outputs) {
            assert!(same(i, o), "\n in: {i}\nout: {o}");
        }
        // Each entry's members are exactly the input object's.
        for stats in &r {
            let members = serde_json::to_value(stats.members()).unwrap();
            let original = inputs.iter().find(|i| i["id"] == stats.id()).unwrap();
            assert!(same(&members, original));
            assert_eq!(
                stats.member("id"),
                Some(StatsValue::String(stats.id().to_owned()))
            );
        }
    }
}

#[test]
fn integers_are_written_as_integers() {
    let r = report(
        &json!([{"id":"D","timestamp":1795474611505u64,"type":"data-channel","messagesSent":5,
        "bytesSent":1.5,"huge":9114756780654345000u64,"negative":-3}]),
    );
    let text = serde_json::to_string(&r).unwrap();
    assert!(text.contains(r#""messagesSent":5"#), "{text}");
    assert!(text.contains(r#""timestamp":1795474611505,"#), "{text}");
    assert!(text.contains(r#""bytesSent":1.5"#), "{text}");
    assert!(text.contains(r#""negative":-3"#), "{text}");
    // Beyond 2^53 a number is a double, in JavaScript as here.
    assert!(text.contains(r#""huge":9.114756780654345e+18"#), "{text}");
    assert_eq!(serde_json::from_str::<StatsReport>(&text).unwrap(), r);
}

#[test]
fn selected_pair_from_the_transport() {
    let r = report(&chrome_like());
    let s = r.selected_candidate_pair().unwrap();
    // Chrome: two nominated, succeeded pairs; the transport names the one in use.
    assert_eq!(s.pair.id, "CP/+I9HXkW_4bpFwzkc");
    assert_eq!(s.local.unwrap().id, "I/+I9HXkW");
    assert_eq!(s.remote.unwrap().id, "I4bpFwzkc");
    assert_eq!(s.transport.unwrap().id, "T01");

    let r = report(&firefox_like(true));
    let s = r.selected_candidate_pair().unwrap();
    assert_eq!(s.pair.id, "2877a363");
    assert_eq!(s.local.and_then(|c| c.address.as_deref()), Some("fd00::2"));
    assert_eq!(
        s.remote.and_then(|c| c.candidate_type),
        Some(CandidateType::Prflx)
    );
}

#[test]
fn selected_pair_without_selected_candidate_pair_id() {
    // Firefox without a transport entry: its `selected` flag decides, over a higher priority.
    let r = report(&firefox_like(false));
    let s = r.selected_candidate_pair().unwrap();
    assert_eq!(s.pair.id, "2877a363");
    assert!(s.local.is_some() && s.remote.is_some());
    assert!(s.transport.is_none());

    // No transport id and no flag: the nominated, succeeded pair of highest priority.
    let mut input = chrome_like();
    for entry in input.as_array_mut().unwrap() {
        entry
            .as_object_mut()
            .unwrap()
            .remove("selectedCandidatePairId");
    }
    let r = report(&input);
    assert_eq!(
        r.transports().next().unwrap().selected_candidate_pair_id,
        None
    );
    let s = r.selected_candidate_pair().unwrap();
    assert_eq!(s.pair.id, "CP/+I9HXkW_4bpFwzkc");
    assert_eq!(s.remote.unwrap().id, "I4bpFwzkc");

    // A transport naming a pair that is not in the report is ignored.
    let mut input = chrome_like();
    for entry in input.as_array_mut().unwrap() {
        if entry["type"] == "transport" {
            entry["selectedCandidatePairId"] = json!("gone");
        }
        if entry["type"] == "candidate-pair" {
            entry.as_object_mut().unwrap().remove("priority");
        }
    }
    let r = report(&input);
    // Without priorities, the pair that received a packet last.
    assert_eq!(
        r.selected_candidate_pair().unwrap().pair.id,
        "CP+wVMMkU9_qoJ8NB4/"
    );
}

#[test]
fn no_selected_pair_before_ice_connects() {
    let r = report(&json!([
        {"id":"P","timestamp":1,"type":"peer-connection","dataChannelsOpened":0,"dataChannelsClosed":0},
        {"id":"CP1","timestamp":1,"type":"candidate-pair","state":"in-progress","nominated":false},
        {"id":"CP2","timestamp":1,"type":"candidate-pair","state":"succeeded","nominated":false},
        {"id":"CP3","timestamp":1,"type":"candidate-pair","state":"waiting","nominated":true},
        {"id":"T","timestamp":1,"type":"transport","iceState":"checking"}
    ]));
    assert!(r.selected_candidate_pair().is_none());
    assert!(StatsReport::new().selected_candidate_pair().is_none());
}

#[test]
fn a_report_reads_from_an_object_by_id() {
    let by_id = json!({
        "P": {"timestamp":1,"type":"peer-connection","dataChannelsOpened":2},
        "D1": {"id":"D1","timestamp":1,"type":"data-channel","label":"x"}
    });
    let r = report(&by_id);
    assert_eq!(r.len(), 2);
    assert_eq!(r.peer_connection().unwrap().id, "P");
    assert_eq!(r.get("D1").unwrap().stats_type(), "data-channel");
    let again: StatsReport = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(again, r);
}

#[test]
fn malformed_entries_are_errors_not_panics() {
    for bad in [
        json!([{"id":1,"timestamp":1,"type":"transport"}]),
        json!([{"id":"a","timestamp":"yesterday","type":"transport"}]),
        json!([{"id":"a","timestamp":1,"type":["transport"]}]),
        json!([1, 2]),
        json!("report"),
    ] {
        assert!(
            serde_json::from_value::<StatsReport>(bad.clone()).is_err(),
            "{bad}"
        );
    }
    assert!(serde_json::from_value::<StatsReport>(json!([]))
        .unwrap()
        .is_empty());
}

#[test]
fn building_and_editing_a_report() {
    let mut r: StatsReport = report(&firefox_like(true)).iter().cloned().collect();
    assert_eq!(r.len(), 8);
    let dc = DataChannelStats {
        id: "mine".into(),
        label: Some("built".into()),
        ..DataChannelStats::default()
    };
    assert!(r.insert(Stats::DataChannel(dc)).is_none());
    assert_eq!(r.data_channels().count(), 2);
    assert_eq!(
        r.get("mine")
            .and_then(Stats::downcast::<DataChannelStats>)
            .unwrap()
            .label
            .as_deref(),
        Some("built")
    );
    assert!(r.remove("mine").is_some());
    assert_eq!(r.iter().len(), 8);
    assert_eq!(r.iter().next_back().map(Stats::id), Some("{b1c9142c}"));
    assert_eq!(
        IceCandidateStats::TYPES,
        ["local-candidate", "remote-candidate"]
    );
}
