//! [`StatsRates`]: what changed per second between two reports of one connection — the
//! bitrate, packet loss and frame rate of each RTP stream, and the bitrate of the candidate
//! pair in use — which every stats line of a call UI computes by hand otherwise.

use super::*;
use crate::enums::TrackKind;

/// The rates between two [`StatsReport`]s of the same connection (or sender, or receiver): see
/// [`StatsRates::between`], and [`PeerConnection::stats_every`](crate::PeerConnection::stats_every)
/// which samples them.
///
/// A stream or pair is listed when both reports have it (by id); a rate is `None` when a report
/// lacks the counter it needs (browsers leave out what they do not implement, and audio
/// streams have no frames), when no time passed between the two entries, or when the counter
/// went down (an entry id reused for a new stream).
///
/// ```
/// use wasm_rtc::{StatsRates, StatsReport, TrackKind};
/// let before: StatsReport = serde_json::from_str(r#"[
///   {"id":"OT01V1","timestamp":1000,"type":"outbound-rtp","kind":"video","ssrc":1,
///    "bytesSent":10000,"packetsSent":20,"framesEncoded":30}
/// ]"#).unwrap();
/// let after: StatsReport = serde_json::from_str(r#"[
///   {"id":"OT01V1","timestamp":3000,"type":"outbound-rtp","kind":"video","ssrc":1,
///    "bytesSent":60000,"packetsSent":80,"framesEncoded":90}
/// ]"#).unwrap();
/// let rates = StatsRates::between(&before, &after);
/// let video = &rates.outbound[0];
/// assert_eq!(video.kind, Some(TrackKind::Video));
/// assert_eq!(video.seconds, 2.0);
/// assert_eq!(video.bits_per_second, Some(200_000.0)); // 50,000 bytes in 2 s
/// assert_eq!(video.packets_per_second, Some(30.0));
/// assert_eq!(video.frames_per_second, Some(30.0));
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatsRates {
    /// Each `"inbound-rtp"` stream: what arrives.
    pub inbound: Vec<RtpStreamRates>,
    /// Each `"outbound-rtp"` stream: what is sent (its packet loss as the receiver reports it
    /// back, in the `"remote-inbound-rtp"` entry for the stream).
    pub outbound: Vec<RtpStreamRates>,
    /// The candidate pair in use ([`StatsReport::selected_candidate_pair`]): everything the
    /// connection sends and receives, data channels included.
    pub candidate_pair: Option<CandidatePairRates>,
}

/// The rates of one RTP stream between two reports: see [`StatsRates`].
#[derive(Debug, Clone, PartialEq)]
pub struct RtpStreamRates {
    /// The stream's stats id (the same in both reports).
    pub id: String,
    /// `kind`: audio or video.
    pub kind: Option<TrackKind>,
    /// `mid`: the media section of its transceiver.
    pub mid: Option<String>,
    /// The time between the two entries, in seconds (from their `timestamp`s).
    pub seconds: f64,
    /// Payload bits per second (`bytesReceived` or `bytesSent`; headers and padding not
    /// counted).
    pub bits_per_second: Option<f64>,
    /// Packets per second (`packetsReceived` or `packetsSent`).
    pub packets_per_second: Option<f64>,
    /// Packets lost per second (`packetsLost`; for an outbound stream, as the receiver reports
    /// in RTCP). Never negative: the counter goes down when duplicates arrive, which is no loss.
    pub packets_lost_per_second: Option<f64>,
    /// Video frames per second: decoded (`framesDecoded`) for an inbound stream, encoded
    /// (`framesEncoded`) for an outbound one. `None` for audio.
    pub frames_per_second: Option<f64>,
}

/// The rates of the candidate pair in use between two reports: see [`StatsRates`].
#[derive(Debug, Clone, PartialEq)]
pub struct CandidatePairRates {
    /// The pair's stats id (the same in both reports).
    pub id: String,
    /// The time between the two entries, in seconds.
    pub seconds: f64,
    /// Bits sent per second (`bytesSent`: payload of the pair's packets).
    pub sent_bits_per_second: Option<f64>,
    /// Bits received per second (`bytesReceived`).
    pub received_bits_per_second: Option<f64>,
    /// `currentRoundTripTime` in the later report, in seconds.
    pub current_round_trip_time: Option<f64>,
}

impl StatsRates {
    /// The rates from `before` to `after`, two reports of the same object taken in that order.
    pub fn between(before: &StatsReport, after: &StatsReport) -> StatsRates {
        let inbound = after
            .inbound_rtp()
            .filter_map(|now| {
                let then = before.get_as::<InboundRtpStreamStats>(&now.id)?;
                let seconds = seconds_between(then.timestamp, now.timestamp);
                Some(RtpStreamRates {
                    id: now.id.clone(),
                    kind: now.kind,
                    mid: now.mid.clone(),
                    seconds,
                    bits_per_second: bits(then.bytes_received, now.bytes_received, seconds),
                    packets_per_second: rate(then.packets_received, now.packets_received, seconds),
                    packets_lost_per_second: loss(then.packets_lost, now.packets_lost, seconds),
                    frames_per_second: rate(then.frames_decoded, now.frames_decoded, seconds),
                })
            })
            .collect();
        let outbound = after
            .outbound_rtp()
            .filter_map(|now| {
                let then = before.get_as::<OutboundRtpStreamStats>(&now.id)?;
                let seconds = seconds_between(then.timestamp, now.timestamp);
                Some(RtpStreamRates {
                    id: now.id.clone(),
                    kind: now.kind,
                    mid: now.mid.clone(),
                    seconds,
                    bits_per_second: bits(then.bytes_sent, now.bytes_sent, seconds),
                    packets_per_second: rate(then.packets_sent, now.packets_sent, seconds),
                    packets_lost_per_second: remote_loss(before, after, &now.id),
                    frames_per_second: rate(then.frames_encoded, now.frames_encoded, seconds),
                })
            })
            .collect();
        let candidate_pair = after.selected_candidate_pair().and_then(|selected| {
            let now = selected.pair;
            let then = before.get_as::<IceCandidatePairStats>(&now.id)?;
            let seconds = seconds_between(then.timestamp, now.timestamp);
            Some(CandidatePairRates {
                id: now.id.clone(),
                seconds,
                sent_bits_per_second: bits(then.bytes_sent, now.bytes_sent, seconds),
                received_bits_per_second: bits(then.bytes_received, now.bytes_received, seconds),
                current_round_trip_time: now.current_round_trip_time,
            })
        });
        StatsRates {
            inbound,
            outbound,
            candidate_pair,
        }
    }
}

/// Seconds between two stats timestamps (milliseconds).
fn seconds_between(then: f64, now: f64) -> f64 {
    (now - then) / 1000.0
}

/// How fast a counter grew: `None` without both values, without time between them, or when
/// it went down.
fn rate(then: Option<u64>, now: Option<u64>, seconds: f64) -> Option<f64> {
    let (then, now) = (then?, now?);
    (seconds > 0.0 && now >= then).then(|| (now - then) as f64 / seconds)
}

/// Bits per second of a byte counter.
fn bits(then: Option<u64>, now: Option<u64>, seconds: f64) -> Option<f64> {
    rate(then, now, seconds).map(|bytes| bytes * 8.0)
}

/// Packets lost per second of a `packetsLost` counter, which may go down (duplicates): that is
/// no loss, so the rate is then 0.
fn loss(then: Option<i64>, now: Option<i64>, seconds: f64) -> Option<f64> {
    let (then, now) = (then?, now?);
    (seconds > 0.0).then(|| (now - then).max(0) as f64 / seconds)
}

/// The loss rate the receiver reports for the outbound stream `local_id`, from the
/// `"remote-inbound-rtp"` entry of the stream in each report.
fn remote_loss(before: &StatsReport, after: &StatsReport, local_id: &str) -> Option<f64> {
    let of = |report: &StatsReport| {
        report
            .remote_inbound_rtp()
            .find(|r| r.local_id.as_deref() == Some(local_id))
            .map(|r| (r.timestamp, r.packets_lost))
    };
    let ((then_at, then), (now_at, now)) = (of(before)?, of(after)?);
    loss(then, now, seconds_between(then_at, now_at))
}
