//! `getStats()` in real browsers: the typed report of two peers connected over a data channel,
//! nothing the browser reports lost, round trips, a closed connection's empty report, and a
//! video call's rates sampled by `stats_every`.
#![cfg(target_arch = "wasm32")]

mod common;

use std::time::Duration;

use common::*;
use futures::{SinkExt, StreamExt};
use wasm_bindgen::JsValue;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use wasm_rtc::synthetic::video_pattern;
use wasm_rtc::{
    CandidatePairState, CertificateStats, DataChannel, DataChannelState, DataChannelStats,
    DtlsTransportState, IceRole, IceTransportState, MediaStream, Message, PeerConnection, Stats,
    StatsRates, StatsReport, StatsValue, TrackKind,
};

wasm_bindgen_test_configure!(run_in_browser);

/// `get_stats()` until `ready` holds (counters can lag the messages by a few milliseconds).
async fn stats_until(
    pc: &PeerConnection,
    what: &str,
    ready: impl Fn(&StatsReport) -> bool,
) -> StatsReport {
    within(20, what, async {
        loop {
            let report = pc.get_stats().await.expect("getStats");
            if ready(&report) {
                return report;
            }
            sleep_ms(100).await;
        }
    })
    .await
}

fn channel_stats<'a>(
    report: &'a StatsReport,
    channel: &DataChannel,
) -> Option<&'a DataChannelStats> {
    report
        .data_channels()
        .find(|d| d.data_channel_identifier == channel.id() && d.label.as_deref() == Some("test"))
}

fn is_chrome() -> bool {
    let user_agent = web_sys::window().unwrap().navigator().user_agent().unwrap();
    user_agent.contains("Chrome/")
}

/// The `a=fingerprint` of an SDP, as `(algorithm, value)`.
fn sdp_fingerprint(sdp: &str) -> (String, String) {
    let line = sdp
        .lines()
        .find_map(|l| l.strip_prefix("a=fingerprint:"))
        .expect("a fingerprint line");
    let (algorithm, value) = line.trim().split_once(' ').expect("algorithm and value");
    (algorithm.to_ascii_lowercase(), value.to_ascii_uppercase())
}

/// The browser's own `getStats()` result, untouched.
async fn raw_report(pc: &PeerConnection) -> JsValue {
    JsFuture::from(pc.as_raw().get_stats())
        .await
        .expect("native getStats")
}

/// The members of every entry of a native report, through the browser's own `JSON.stringify`.
fn raw_entries(report: &JsValue) -> Vec<serde_json::Value> {
    let values = js_sys::try_iter(report)
        .expect("iterable")
        .expect("a maplike");
    values
        .map(|entry| {
            let entry: js_sys::Array = entry.expect("an entry").into();
            let text: String = js_sys::JSON::stringify(&entry.get(1)).expect("JSON").into();
            serde_json::from_str(&text).expect("the browser's JSON")
        })
        .collect()
}

/// JSON values equal as JavaScript sees them (numbers as doubles).
fn same(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    use serde_json::Value;
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

#[wasm_bindgen_test]
async fn a_data_channel_connection_reports_every_expected_type() {
    within(90, "stats of a connection", async {
        let (a, b, mut x, mut y) = connected_channel().await;
        let texts: Vec<String> = (0..5).map(|i| format!("message number {i}")).collect();
        for text in &texts {
            x.send(Message::Text(text.clone())).await.unwrap();
        }
        for text in &texts {
            assert_eq!(y.next().await, Some(Ok(Message::Text(text.clone()))));
        }
        y.send(Message::Binary(vec![1, 2, 3])).await.unwrap();
        assert_eq!(x.next().await, Some(Ok(Message::Binary(vec![1, 2, 3]))));
        let text_bytes: u64 = texts.iter().map(|t| t.len() as u64).sum();

        let report = stats_until(&a, "a's counters", |r| {
            channel_stats(r, &x)
                .is_some_and(|d| d.messages_sent >= Some(5) && d.messages_received >= Some(1))
        })
        .await;

        // peer-connection
        let pc = report.peer_connection().expect("a peer-connection entry");
        assert!(pc.data_channels_opened >= Some(1), "{pc:?}");
        assert_eq!(report.peer_connections().count(), 1);

        // data-channel
        let channel = channel_stats(&report, &x).expect("a data-channel entry");
        assert_eq!(channel.state, Some(DataChannelState::Open));
        assert_eq!(channel.protocol.as_deref(), Some(""));
        assert_eq!(channel.messages_sent, Some(5));
        assert!(channel.bytes_sent >= Some(text_bytes), "{channel:?}");
        assert_eq!(channel.messages_received, Some(1));
        assert!(channel.bytes_received >= Some(3), "{channel:?}");
        assert!(
            channel.timestamp > 1.0e12,
            "a timestamp in ms since the epoch: {}",
            channel.timestamp
        );

        // transport
        let transport = report.transports().next().expect("a transport entry");
        assert!(
            matches!(
                transport.ice_state,
                Some(IceTransportState::Connected | IceTransportState::Completed)
            ),
            "{transport:?}"
        );
        assert_eq!(transport.dtls_state, Some(DtlsTransportState::Connected));
        assert_eq!(
            transport.ice_role,
            Some(IceRole::Controlling),
            "the offerer controls"
        );

        // the candidate pair in use, and its candidates
        let selected = report
            .selected_candidate_pair()
            .expect("a selected candidate pair");
        assert_eq!(
            selected.pair.state,
            Some(CandidatePairState::Succeeded),
            "{:?}",
            selected.pair
        );
        assert_eq!(selected.pair.nominated, Some(true));
        let local = selected.local.expect("the pair's local candidate");
        let remote = selected.remote.expect("the pair's remote candidate");
        assert_eq!(
            selected.pair.local_candidate_id.as_deref(),
            Some(local.id.as_str())
        );
        assert_eq!(
            selected.pair.remote_candidate_id.as_deref(),
            Some(remote.id.as_str())
        );
        for candidate in [local, remote] {
            assert!(
                candidate.address.as_deref().is_some_and(|a| !a.is_empty()),
                "{candidate:?}"
            );
            assert!(candidate.port.is_some_and(|p| p > 0), "{candidate:?}");
            assert!(
                candidate.candidate_type.is_some() && candidate.protocol.is_some(),
                "{candidate:?}"
            );
        }
        assert!(matches!(
            report.get(&local.id),
            Some(Stats::LocalCandidate(_))
        ));
        assert!(matches!(
            report.get(&remote.id),
            Some(Stats::RemoteCandidate(_))
        ));
        assert!(selected.transport.is_some());
        assert!(report.candidate_pairs().count() >= 1 && report.local_candidates().count() >= 1);

        // certificate: every one a transport names is there, with the fingerprint of the SDP.
        let mut checked = 0;
        let local_sdp = sdp_fingerprint(&a.local_description().unwrap().sdp);
        let remote_sdp = sdp_fingerprint(&b.local_description().unwrap().sdp);
        for (id, expected) in [
            (&transport.local_certificate_id, &local_sdp),
            (&transport.remote_certificate_id, &remote_sdp),
        ] {
            let Some(id) = id else { continue };
            let cert = report
                .get_as::<CertificateStats>(id)
                .expect("the certificate the transport names");
            assert_eq!(
                cert.fingerprint_algorithm.as_ref(),
                Some(&expected.0),
                "{cert:?}"
            );
            assert_eq!(cert.fingerprint.as_ref(), Some(&expected.1), "{cert:?}");
            assert!(
                cert.base64_certificate
                    .as_deref()
                    .is_some_and(|c| c.len() > 100),
                "{cert:?}"
            );
            checked += 1;
        }
        // Chrome's transport names both certificates and the report has both; Firefox reports no
        // certificate stats at all and its transport names none.
        let expected = if is_chrome() { 2 } else { 0 };
        assert_eq!(checked, expected, "certificates named: {transport:?}");
        assert_eq!(report.certificates().count(), expected, "{report:?}");
        for cert in report.certificates() {
            assert!(
                cert.fingerprint.as_deref().is_some_and(|f| f.contains(':')),
                "{cert:?}"
            );
        }

        // The other side sees the same channel from its end.
        let theirs = stats_until(&b, "b's counters", |r| {
            channel_stats(r, &y).is_some_and(|d| d.messages_received >= Some(5))
        })
        .await;
        let channel = channel_stats(&theirs, &y).unwrap();
        assert!(channel.bytes_received >= Some(text_bytes), "{channel:?}");
        assert_eq!(channel.messages_sent, Some(1));
        assert_eq!(
            theirs.transports().next().and_then(|t| t.ice_role),
            Some(IceRole::Controlled)
        );
        assert!(theirs.selected_candidate_pair().is_some());
    })
    .await;
}

#[wasm_bindgen_test]
async fn every_member_the_browser_reports_is_kept() {
    within(60, "members", async {
        let (a, _b, _x, _y) = connected_channel().await;
        let raw = raw_report(&a).await;
        let report = StatsReport::from_js(&raw).expect("decodes");
        let entries = raw_entries(&raw);
        assert_eq!(report.len(), entries.len());
        assert!(report.len() >= 5, "{report:?}");
        for entry in &entries {
            let id = entry["id"].as_str().expect("an id");
            let stats = report.get(id).expect("every entry");
            assert_eq!(stats.stats_type(), entry["type"].as_str().unwrap());
            let members = serde_json::to_value(stats.members()).unwrap();
            assert!(
                same(&members, entry),
                "\nbrowser: {entry}\n    ours: {members}"
            );
        }
        // Known types only, in these browsers, for a data-channel connection.
        assert_eq!(
            report.unknown().count(),
            0,
            "{:?}",
            report.unknown().collect::<Vec<_>>()
        );
        // Both browsers add members of their own to candidate pairs (e.g. `priority`).
        let extras: Vec<&String> = report
            .candidate_pairs()
            .flat_map(|p| p.other.keys())
            .collect();
        assert!(!extras.is_empty(), "browser extensions kept in `other`");
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_real_report_survives_serialize_and_deserialize() {
    within(60, "round trip", async {
        let (a, _b, _x, _y) = connected_channel().await;
        let report = a.get_stats().await.unwrap();
        assert!(!report.is_empty());

        // Through JSON text …
        let text = serde_json::to_string(&report).unwrap();
        let again: StatsReport = serde_json::from_str(&text).unwrap();
        assert_eq!(again, report);

        // … and through JavaScript objects, the browser's shape.
        let serializer = serde_wasm_bindgen::Serializer::json_compatible();
        let js = serde::Serialize::serialize(&report, &serializer).unwrap();
        let again: StatsReport = serde_wasm_bindgen::from_value(js.clone()).unwrap();
        assert_eq!(again, report);
        // An array of plain objects that `StatsReport::from_js` reads too.
        assert!(js_sys::Array::is_array(&js));
        assert_eq!(StatsReport::from_js(&js).unwrap(), report);

        // Members the crate does not type are still there, unchanged.
        let pair = report
            .candidate_pairs()
            .find(|p| !p.other.is_empty())
            .expect("a pair with extensions");
        let (name, value) = pair.other.iter().next().unwrap();
        let stats = again.get(&pair.id).unwrap();
        assert_eq!(stats.other().get(name), Some(value));
        assert_eq!(stats.member(name).as_ref(), Some(value));
        let entry = js_sys::Array::from(&js).iter().find(|e| {
            js_sys::Reflect::get(e, &"id".into())
                .ok()
                .and_then(|v| v.as_string())
                .as_deref()
                == Some(pair.id.as_str())
        });
        let member =
            js_sys::Reflect::get(&entry.expect("the pair's object"), &JsValue::from_str(name))
                .unwrap();
        assert!(
            !member.is_undefined(),
            "{name} missing from the JavaScript object"
        );
        assert_eq!(
            serde_wasm_bindgen::from_value::<StatsValue>(member).unwrap(),
            *value
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn get_stats_after_close_is_an_empty_report() {
    within(60, "closed", async {
        let (a, b, _x, _y) = connected_channel().await;
        assert!(!a.get_stats().await.unwrap().is_empty());
        a.close();
        let report = a.get_stats().await.expect("Ok on a closed connection");
        assert_eq!(report.len(), 0, "{report:?}");
        assert!(report.selected_candidate_pair().is_none());
        // The other side still reports, until it closes too.
        assert!(b.get_stats().await.unwrap().peer_connection().is_some());
        b.close();
        assert!(b.get_stats().await.unwrap().is_empty());

        // Closed before it ever connected.
        let fresh = peer();
        fresh.close();
        assert!(fresh.get_stats().await.unwrap().is_empty());
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_new_connection_reports_itself() {
    within(30, "fresh", async {
        let pc = peer();
        let report = pc.get_stats().await.unwrap();
        let stats = report.peer_connection().expect("a peer-connection entry");
        assert_eq!(stats.data_channels_opened, Some(0));
        assert!(report.selected_candidate_pair().is_none());
        // Concurrent calls each get a whole report.
        let (one, two) = futures::join!(pc.get_stats(), pc.get_stats());
        assert!(
            one.unwrap().peer_connection().is_some() && two.unwrap().peer_connection().is_some()
        );
    })
    .await;
}

/// The first sample of `samples` whose rates `ready` accepts.
async fn sample_until(
    samples: &mut wasm_rtc::StatsSamples,
    what: &str,
    ready: impl Fn(&StatsRates) -> bool,
) -> StatsRates {
    within(20, what, async {
        loop {
            let sample = samples.next().await.expect("a sample").expect("getStats");
            if let Some(rates) = sample.rates.filter(|r| ready(r)) {
                return rates;
            }
        }
    })
    .await
}

/// `stats_every` on a video call: the first sample now and without rates, then one each period
/// with the video's bitrate and frame rate on both sides and the pair in use; it ends when the
/// connection is closed or its last handle goes, and keeps nothing open.
#[wasm_bindgen_test]
async fn stats_every_gives_a_calls_rates_until_the_connection_goes() {
    within(90, "stats_every", async {
        let (a, b) = pair();
        let video = video_pattern(320, 240, 30).unwrap();
        let stream = MediaStream::new(&[&video]).unwrap();
        a.add_track(&video, &[&stream]).unwrap();
        negotiate(&a, &b).await;
        within(15, "connected", a.connected()).await.unwrap();

        let period = Duration::from_millis(300);
        let mut sending = a.stats_every(period);
        let mut receiving = b.stats_every(period);
        let first = sending.next().await.unwrap().unwrap();
        assert!(first.rates.is_none(), "nothing to compare the first with");
        // (Firefox lists the outbound stream only once it has sent.)
        assert!(
            first.report.selected_candidate_pair().is_some(),
            "{first:?}"
        );

        let video_out = |r: &StatsRates| {
            r.outbound
                .iter()
                .find(|s| s.kind == Some(TrackKind::Video))
                .cloned()
        };
        let out = sample_until(&mut sending, "video sent", |r| {
            video_out(r)
                .is_some_and(|v| v.bits_per_second > Some(0.0) && v.frames_per_second > Some(0.0))
        })
        .await;
        let video = video_out(&out).unwrap();
        assert!(
            video.seconds >= 0.8 * period.as_secs_f64() && video.seconds < 5.0,
            "samples a period apart: {video:?}"
        );
        assert!(
            video.frames_per_second < Some(60.0),
            "a 30 frames/s source: {video:?}"
        );
        let pair = out.candidate_pair.expect("the pair in use");
        assert!(pair.sent_bits_per_second > Some(0.0), "{pair:?}");
        assert!(pair.current_round_trip_time.is_some(), "{pair:?}");

        let into = sample_until(&mut receiving, "video received", |r| {
            r.inbound.iter().any(|s| {
                s.kind == Some(TrackKind::Video)
                    && s.bits_per_second > Some(0.0)
                    && s.frames_per_second > Some(0.0)
            })
        })
        .await;
        let video = into
            .inbound
            .iter()
            .find(|s| s.kind == Some(TrackKind::Video))
            .unwrap();
        assert!(video.packets_lost_per_second >= Some(0.0), "{video:?}");
        assert!(
            into.candidate_pair
                .as_ref()
                .is_some_and(|p| p.received_bits_per_second > Some(0.0)),
            "{into:?}"
        );

        // Closing ends the stream; so does dropping the last handle, which the stream does not
        // count as one.
        a.close();
        assert!(within(5, "end on close", sending.next()).await.is_none());
        assert!(sending.next().await.is_none(), "fused");
        let weak = b.downgrade();
        drop(b);
        assert!(
            weak.upgrade().is_none(),
            "the stream keeps no connection open"
        );
        assert!(within(5, "end on drop", receiving.next()).await.is_none());

        // On a closed connection: ends at once.
        let closed = peer();
        closed.close();
        assert!(closed.stats_every(period).next().await.is_none());
    })
    .await;
}
