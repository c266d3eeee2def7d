//! [`StatsRates::between`] on reports written from the spec (and shaped as Chromium and
//! Firefox report them).

use super::*;
use crate::enums::{IceServerTransportProtocol, TrackKind};
use serde_json::{json, Value};

fn report(value: Value) -> StatsReport {
    serde_json::from_value(value).unwrap()
}

/// A call's report at `t` ms: one video and one audio stream each way, the remote peer's
/// RTCP view of the outgoing video, and the candidate pair in use, with counters `n` times
/// their base values.
fn call_at(t: f64, n: u64) -> StatsReport {
    report(json!([
        {"id": "IV", "timestamp": t, "type": "inbound-rtp", "kind": "video", "ssrc": 1, "mid": "1",
         "bytesReceived": 100_000 * n, "packetsReceived": 100 * n, "packetsLost": 2 * n,
         "framesDecoded": 30 * n},
        {"id": "IA", "timestamp": t, "type": "inbound-rtp", "kind": "audio", "ssrc": 2, "mid": "0",
         "bytesReceived": 4_000 * n, "packetsReceived": 50 * n, "packetsLost": 0},
        {"id": "OV", "timestamp": t, "type": "outbound-rtp", "kind": "video", "ssrc": 3, "mid": "1",
         "bytesSent": 125_000 * n, "packetsSent": 110 * n, "framesEncoded": 25 * n},
        {"id": "RIV", "timestamp": t, "type": "remote-inbound-rtp", "kind": "video", "ssrc": 3,
         "localId": "OV", "packetsLost": 5 * n},
        {"id": "T", "timestamp": t, "type": "transport", "selectedCandidatePairId": "CP"},
        {"id": "CP", "timestamp": t, "type": "candidate-pair", "state": "succeeded",
         "nominated": true, "bytesSent": 130_000 * n, "bytesReceived": 105_000 * n,
         "currentRoundTripTime": 0.001 * n as f64},
    ]))
}

#[test]
fn rates_of_every_stream_and_the_pair_in_use() {
    let rates = StatsRates::between(&call_at(10_000.0, 1), &call_at(12_000.0, 3));
    let video_in = rates.inbound.iter().find(|r| r.id == "IV").unwrap();
    assert_eq!(video_in.kind, Some(TrackKind::Video));
    assert_eq!(video_in.mid.as_deref(), Some("1"));
    assert_eq!(video_in.seconds, 2.0);
    // 200,000 bytes in 2 s.
    assert_eq!(video_in.bits_per_second, Some(800_000.0));
    assert_eq!(video_in.packets_per_second, Some(100.0));
    assert_eq!(video_in.packets_lost_per_second, Some(2.0));
    assert_eq!(video_in.frames_per_second, Some(30.0));

    let audio_in = rates.inbound.iter().find(|r| r.id == "IA").unwrap();
    assert_eq!(audio_in.kind, Some(TrackKind::Audio));
    assert_eq!(audio_in.bits_per_second, Some(32_000.0));
    assert_eq!(audio_in.packets_lost_per_second, Some(0.0));
    assert_eq!(audio_in.frames_per_second, None, "audio has no frames");

    let [video_out] = rates.outbound.as_slice() else {
        panic!("{:?}", rates.outbound)
    };
    assert_eq!(video_out.bits_per_second, Some(1_000_000.0));
    assert_eq!(video_out.packets_per_second, Some(110.0));
    assert_eq!(video_out.frames_per_second, Some(25.0));
    // From the remote-inbound-rtp entry of the stream: 10 more lost in 2 s.
    assert_eq!(video_out.packets_lost_per_second, Some(5.0));

    let pair = rates.candidate_pair.unwrap();
    assert_eq!(pair.id, "CP");
    assert_eq!(pair.sent_bits_per_second, Some(1_040_000.0));
    assert_eq!(pair.received_bits_per_second, Some(840_000.0));
    assert_eq!(pair.current_round_trip_time, Some(0.003));
}

#[test]
fn what_cannot_be_a_rate_is_none() {
    // The same time: no rate at all.
    let rates = StatsRates::between(&call_at(10_000.0, 1), &call_at(10_000.0, 2));
    let video_in = rates.inbound.iter().find(|r| r.id == "IV").unwrap();
    assert_eq!(
        (
            video_in.bits_per_second,
            video_in.packets_per_second,
            video_in.packets_lost_per_second,
            video_in.frames_per_second
        ),
        (None, None, None, None)
    );

    // Counters that went down (an id reused for a new stream) give no rate; packetsLost going
    // down (duplicates arrived) is no loss.
    let rates = StatsRates::between(&call_at(10_000.0, 3), &call_at(11_000.0, 1));
    let video_in = rates.inbound.iter().find(|r| r.id == "IV").unwrap();
    assert_eq!(video_in.bits_per_second, None);
    assert_eq!(video_in.frames_per_second, None);
    assert_eq!(video_in.packets_lost_per_second, Some(0.0));
}

#[test]
fn only_what_both_reports_have_is_listed() {
    let before = report(json!([
        {"id": "IV", "timestamp": 0, "type": "inbound-rtp", "kind": "video", "ssrc": 1,
         "bytesReceived": 0},
    ]));
    let after = report(json!([
        {"id": "IV", "timestamp": 1000, "type": "inbound-rtp", "kind": "video", "ssrc": 1,
         "bytesReceived": 1000},
        {"id": "IA", "timestamp": 1000, "type": "inbound-rtp", "kind": "audio", "ssrc": 2,
         "bytesReceived": 500},
        {"id": "OV", "timestamp": 1000, "type": "outbound-rtp", "kind": "video", "ssrc": 3,
         "bytesSent": 500},
    ]));
    let rates = StatsRates::between(&before, &after);
    let ids: Vec<&str> = rates.inbound.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["IV"]);
    assert!(rates.outbound.is_empty());
    assert!(rates.candidate_pair.is_none(), "no pair in use");
    // Members a browser leaves out are None, not 0.
    let video = &rates.inbound[0];
    assert_eq!(video.bits_per_second, Some(8000.0));
    assert_eq!(video.packets_per_second, None);
    assert_eq!(video.packets_lost_per_second, None);

    // An empty report (a closed connection's) gives empty rates.
    assert_eq!(
        StatsRates::between(&before, &StatsReport::new()),
        StatsRates::default()
    );
}

#[test]
fn kinds_and_relay_protocols_are_typed_and_other_values_kept() {
    let r = report(json!([
        {"id": "IV", "timestamp": 0, "type": "inbound-rtp", "kind": "video", "ssrc": 1},
        {"id": "IX", "timestamp": 0, "type": "inbound-rtp", "kind": "haptics", "ssrc": 2},
        {"id": "L1", "timestamp": 0, "type": "local-candidate", "candidateType": "relay",
         "relayProtocol": "tls"},
        {"id": "L2", "timestamp": 0, "type": "local-candidate", "candidateType": "relay",
         "relayProtocol": "quic"},
    ]));
    let inbound = |id| r.get_as::<InboundRtpStreamStats>(id).unwrap();
    assert_eq!(inbound("IV").kind, Some(TrackKind::Video));
    assert_eq!(inbound("IX").kind, None);
    assert_eq!(inbound("IX").other["kind"].as_str(), Some("haptics"));
    let candidate = |id| r.get_as::<IceCandidateStats>(id).unwrap();
    assert_eq!(
        candidate("L1").relay_protocol,
        Some(IceServerTransportProtocol::Tls)
    );
    assert_eq!(candidate("L2").relay_protocol, None);
    assert_eq!(
        candidate("L2").other["relayProtocol"].as_str(),
        Some("quic")
    );
    let again: StatsReport = serde_json::from_str(&serde_json::to_string(&r).unwrap()).unwrap();
    assert_eq!(again, r, "typed or not, the values survive a round trip");
}
