//! Typed WebRTC statistics: [`StatsReport`], the result of `getStats()`, with one [`Stats`]
//! variant per stats type of the W3C [WebRTC Statistics](https://www.w3.org/TR/webrtc-stats/)
//! spec.
//!
//! Each stats dictionary is a struct whose commonly used members are typed (`Option`s: browsers
//! leave out what they do not implement); every other member the browser reports is kept, as a
//! [`StatsValue`], in the struct's `other` map, and a type this crate does not know becomes
//! [`Stats::Unknown`] with all its members. Nothing a browser reports is lost: serializing a report
//! and deserializing it again gives an equal report, and the JSON has the browser's own member
//! names (camelCase, as MDN documents them).

use std::collections::{btree_map, BTreeMap};
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeMap, SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::enums::{
    CandidateProtocol, CandidateType, DataChannelState, DtlsTransportState, IceRole,
    IceTransportState, TcpType,
};
use crate::error::Error;

// ---------------------------------------------------------------------------------------------
// Dynamic values
// ---------------------------------------------------------------------------------------------

/// One member of a stats object that this crate does not type: any value JSON can hold.
///
/// Numbers are `f64`, as they are in JavaScript. Serialized, an integral number is written as an
/// integer (`5`, not `5.0`).
///
/// ```
/// use wasm_rtc::StatsValue;
/// let v: StatsValue = serde_json::from_str(r#"{"cpu": 1.5, "none": 10}"#).unwrap();
/// assert_eq!(v.as_object().and_then(|o| o.get("none")).and_then(StatsValue::as_f64), Some(10.0));
/// assert_eq!(serde_json::to_string(&v).unwrap(), r#"{"cpu":1.5,"none":10}"#);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(
    feature = "js",
    derive(tsify::Tsify),
    tsify(
        type = "null | boolean | number | string | StatsValue[] | { [member: string]: StatsValue }"
    )
)]
pub enum StatsValue {
    /// `null` (or `undefined`).
    #[default]
    Null,
    /// A boolean.
    Bool(bool),
    /// A number.
    Number(f64),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<StatsValue>),
    /// An object (a record), by member name.
    Object(BTreeMap<String, StatsValue>),
}

impl StatsValue {
    /// Whether this is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, StatsValue::Null)
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            StatsValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    pub fn as_f64(&self) -> Option<f64> {
        match self {
            StatsValue::Number(n) => Some(*n),
            _ => None,
        }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            StatsValue::String(s) => Some(s),
            _ => None,
        }
    }

    /// The elements, if this is an array.
    pub fn as_array(&self) -> Option<&[StatsValue]> {
        match self {
            StatsValue::Array(a) => Some(a),
            _ => None,
        }
    }

    /// The members, if this is an object.
    pub fn as_object(&self) -> Option<&BTreeMap<String, StatsValue>> {
        match self {
            StatsValue::Object(o) => Some(o),
            _ => None,
        }
    }
}

impl From<bool> for StatsValue {
    fn from(b: bool) -> Self {
        StatsValue::Bool(b)
    }
}

impl From<f64> for StatsValue {
    fn from(n: f64) -> Self {
        StatsValue::Number(n)
    }
}

impl From<&str> for StatsValue {
    fn from(s: &str) -> Self {
        StatsValue::String(s.to_owned())
    }
}

impl From<String> for StatsValue {
    fn from(s: String) -> Self {
        StatsValue::String(s)
    }
}

impl From<Vec<StatsValue>> for StatsValue {
    fn from(a: Vec<StatsValue>) -> Self {
        StatsValue::Array(a)
    }
}

impl From<BTreeMap<String, StatsValue>> for StatsValue {
    fn from(o: BTreeMap<String, StatsValue>) -> Self {
        StatsValue::Object(o)
    }
}

/// The largest integer a JavaScript number holds exactly (`Number.MAX_SAFE_INTEGER`).
const MAX_SAFE_INTEGER: f64 = 9_007_199_254_740_991.0;

impl Serialize for StatsValue {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            StatsValue::Null => serializer.serialize_unit(),
            StatsValue::Bool(b) => serializer.serialize_bool(*b),
            // An integer as an integer: `5` in JSON, a number (not a BigInt) in JavaScript.
            StatsValue::Number(n) if n.fract() == 0.0 && n.abs() <= MAX_SAFE_INTEGER => {
                serializer.serialize_i64(*n as i64)
            }
            StatsValue::Number(n) => serializer.serialize_f64(*n),
            StatsValue::String(s) => serializer.serialize_str(s),
            StatsValue::Array(a) => {
                let mut seq = serializer.serialize_seq(Some(a.len()))?;
                for v in a {
                    seq.serialize_element(v)?;
                }
                seq.end()
            }
            StatsValue::Object(o) => o.serialize(serializer),
        }
    }
}

struct StatsValueVisitor;

impl<'de> Visitor<'de> for StatsValueVisitor {
    type Value = StatsValue;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<StatsValue, E> {
        Ok(StatsValue::Null)
    }

    fn visit_none<E: de::Error>(self) -> Result<StatsValue, E> {
        Ok(StatsValue::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<StatsValue, D::Error> {
        StatsValue::deserialize(d)
    }

    fn visit_bool<E: de::Error>(self, b: bool) -> Result<StatsValue, E> {
        Ok(StatsValue::Bool(b))
    }

    fn visit_i64<E: de::Error>(self, n: i64) -> Result<StatsValue, E> {
        Ok(StatsValue::Number(n as f64))
    }

    fn visit_u64<E: de::Error>(self, n: u64) -> Result<StatsValue, E> {
        Ok(StatsValue::Number(n as f64))
    }

    fn visit_f64<E: de::Error>(self, n: f64) -> Result<StatsValue, E> {
        Ok(StatsValue::Number(n))
    }

    fn visit_str<E: de::Error>(self, s: &str) -> Result<StatsValue, E> {
        Ok(StatsValue::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(self, s: String) -> Result<StatsValue, E> {
        Ok(StatsValue::String(s))
    }

    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<StatsValue, E> {
        Ok(StatsValue::Array(
            b.iter()
                .map(|&x| StatsValue::Number(f64::from(x)))
                .collect(),
        ))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StatsValue, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(1024));
        while let Some(v) = seq.next_element()? {
            out.push(v);
        }
        Ok(StatsValue::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StatsValue, A::Error> {
        let mut out = BTreeMap::new();
        while let Some((k, v)) = map.next_entry::<String, StatsValue>()? {
            out.insert(k, v);
        }
        Ok(StatsValue::Object(out))
    }
}

impl<'de> Deserialize<'de> for StatsValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StatsValueVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// Typed members
// ---------------------------------------------------------------------------------------------

/// A type a stats member can be read as. Reading never fails: a value of another type is left
/// in the stats object's `other` map, untouched, and the typed member is `None`.
trait Member: Sized {
    fn from_value(value: &StatsValue) -> Option<Self>;
    fn to_value(&self) -> StatsValue;
}

impl Member for String {
    fn from_value(value: &StatsValue) -> Option<Self> {
        value.as_str().map(str::to_owned)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::String(self.clone())
    }
}

impl Member for bool {
    fn from_value(value: &StatsValue) -> Option<Self> {
        value.as_bool()
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Bool(*self)
    }
}

impl Member for f64 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        value.as_f64()
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(*self)
    }
}

/// An integral, finite number.
fn integer(value: &StatsValue) -> Option<f64> {
    value.as_f64().filter(|n| n.is_finite() && n.fract() == 0.0)
}

impl Member for u64 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        // 2^64 is exactly representable; every integral double below it converts exactly.
        integer(value)
            .filter(|n| *n >= 0.0 && *n < 18_446_744_073_709_551_616.0)
            .map(|n| n as u64)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(*self as f64)
    }
}

impl Member for i64 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        integer(value)
            .filter(|n| *n >= -9_223_372_036_854_775_808.0 && *n < 9_223_372_036_854_775_808.0)
            .map(|n| n as i64)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(*self as f64)
    }
}

impl Member for u32 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        integer(value)
            .filter(|n| *n >= 0.0 && *n <= f64::from(u32::MAX))
            .map(|n| n as u32)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(f64::from(*self))
    }
}

impl Member for u16 {
    fn from_value(value: &StatsValue) -> Option<Self> {
        integer(value)
            .filter(|n| *n >= 0.0 && *n <= f64::from(u16::MAX))
            .map(|n| n as u16)
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Number(f64::from(*self))
    }
}

/// A `record<DOMString, double>`, e.g. `qualityLimitationDurations`.
impl Member for BTreeMap<String, f64> {
    fn from_value(value: &StatsValue) -> Option<Self> {
        value
            .as_object()?
            .iter()
            .map(|(k, v)| Some((k.clone(), v.as_f64()?)))
            .collect()
    }
    fn to_value(&self) -> StatsValue {
        StatsValue::Object(
            self.iter()
                .map(|(k, v)| (k.clone(), StatsValue::Number(*v)))
                .collect(),
        )
    }
}

/// `Member` for one of the crate's enums that has no variant for unknown values, by its spec
/// strings; any other string stays in `other`.
macro_rules! closed_member {
    ($($ty:ty),+) => {$(
        impl Member for $ty {
            fn from_value(value: &StatsValue) -> Option<Self> {
                <$ty>::from_spec(value.as_str()?)
            }
            fn to_value(&self) -> StatsValue {
                StatsValue::String(self.as_str().to_owned())
            }
        }
    )+};
}

closed_member!(
    CandidateType,
    CandidateProtocol,
    TcpType,
    IceRole,
    IceTransportState,
    DtlsTransportState,
    DataChannelState
);

/// Removes `key` from `members` and returns it typed, or leaves it there if it is not a `T`.
fn take<T: Member>(members: &mut BTreeMap<String, StatsValue>, key: &str) -> Option<T> {
    let typed = T::from_value(members.get(key)?)?;
    members.remove(key);
    Some(typed)
}

// ---------------------------------------------------------------------------------------------
// Stats enums
// ---------------------------------------------------------------------------------------------

/// An enum of spec strings that never fails to parse: a value this crate does not know becomes
/// `Unknown`, spelled as the browser spelled it.
macro_rules! stats_enum {
    ($(#[$doc:meta])* $name:ident { $($body:tt)* }) => {
        crate::enums::spec_enum! { $(#[$doc])* $name { $($body)* } }

        impl Member for $name {
            fn from_value(value: &StatsValue) -> Option<Self> {
                value.as_str().map($name::parse)
            }
            fn to_value(&self) -> StatsValue {
                StatsValue::String(self.as_str().to_owned())
            }
        }
    };
}

stats_enum! {
    /// `RTCStatsIceCandidatePairState`: how far the connectivity checks of a candidate pair got.
    ///
    /// Firefox also reports the pre-standard `"cancelled"` (as [`Unknown`](Self::Unknown)).
    CandidatePairState {
        /// Checks are not started and wait for another pair with the same foundation.
        Frozen = "frozen",
        /// Checks will start when the pair's turn comes.
        Waiting = "waiting",
        /// A check was sent and no answer has come yet.
        InProgress = "in-progress",
        /// The checks failed.
        Failed = "failed",
        /// A check succeeded: the pair works.
        Succeeded = "succeeded",
    }
}

stats_enum! {
    /// `RTCDtlsRole`: which side of the DTLS handshake this transport plays. The spec's
    /// `"unknown"` (not determined yet) is [`Unknown`](Self::Unknown)`("unknown")`.
    DtlsRole {
        /// The DTLS client.
        Client = "client",
        /// The DTLS server.
        Server = "server",
    }
}

stats_enum! {
    /// `RTCQualityLimitationReason`: what limits an outgoing video's resolution or frame rate.
    QualityLimitationReason {
        /// Nothing.
        None = "none",
        /// The CPU.
        Cpu = "cpu",
        /// The estimated bandwidth.
        Bandwidth = "bandwidth",
        /// Something else.
        Other = "other",
    }
}

// ---------------------------------------------------------------------------------------------
// Stats dictionaries
// ---------------------------------------------------------------------------------------------

mod sealed {
    pub trait Sealed {}
}

/// A stats dictionary of this crate: a struct that [`StatsReport::of_type`] and
/// [`StatsReport::get_as`] can find. Implemented by every struct a [`Stats`] variant holds.
pub trait StatsType: sealed::Sealed + Sized + 'static {
    /// The spec's `type` strings of the entries this struct holds (two for
    /// [`IceCandidateStats`]; none for [`UnknownStats`], which holds all the others).
    const TYPES: &'static [&'static str];

    /// The struct inside `stats`, if it holds this type.
    fn from_stats(stats: &Stats) -> Option<&Self>;
}

/// Defines one stats dictionary: the struct with `id`, `timestamp`, the typed members and
/// `other`; reading it from and writing it to members; and its [`StatsType`].
macro_rules! stats_dictionary {
    (
        $(#[$doc:meta])*
        $name:ident for $($variant:ident)|+ = [$($type_name:literal),+] {
            $( $(#[$fdoc:meta])* $field:ident : $ty:ty = $key:literal, )*
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Default)]
        // TypeScript for the npm package: the serde attributes describe the JSON that
        // `Stats`'s own Serialize writes (the browser's member names), for tsify only.
        #[cfg_attr(feature = "js", derive(tsify::Tsify))]
        #[non_exhaustive]
        pub struct $name {
            /// `id`: unique within the report; other entries refer to this one by it.
            pub id: String,
            /// `timestamp`: when the values were sampled, in milliseconds since the Unix epoch
            /// (a `DOMHighResTimeStamp`).
            pub timestamp: f64,
            $( $(#[$fdoc])* #[cfg_attr(feature = "js", serde(rename = $key, default))] pub $field: Option<$ty>, )*
            /// Every other member the browser reported, as it reported it: members this crate
            /// does not type (a browser's extensions, newer spec members) and typed members whose
            /// value was not of the spec's type. Never holds a typed member's name alongside
            /// that member.
            #[cfg_attr(feature = "js", serde(flatten), tsify(type = "Record<string, unknown>"))]
            pub other: BTreeMap<String, StatsValue>,
        }

        impl $name {
            fn from_members(id: String, timestamp: f64, mut members: BTreeMap<String, StatsValue>) -> Self {
                $( let $field = take(&mut members, $key); )*
                $name { id, timestamp, $($field,)* other: members }
            }

            fn write_members(&self, out: &mut BTreeMap<String, StatsValue>) {
                $( if let Some(value) = &self.$field { out.insert($key.to_owned(), Member::to_value(value)); } )*
            }
        }

        impl sealed::Sealed for $name {}

        impl StatsType for $name {
            const TYPES: &'static [&'static str] = &[$($type_name),+];

            fn from_stats(stats: &Stats) -> Option<&Self> {
                match stats {
                    $(Stats::$variant(s))|+ => Some(s),
                    _ => None,
                }
            }
        }
    };
}

stats_dictionary! {
    /// `RTCCodecStats` (`"codec"`): a codec in use by an RTP stream, with its payload type.
    CodecStats for Codec = ["codec"] {
        /// `payloadType`: the RTP payload type.
        payload_type: u32 = "payloadType",
        /// `transportId`: the [`TransportStats`] this codec is used on.
        transport_id: String = "transportId",
        /// `mimeType`, e.g. `"video/VP8"`, `"audio/opus"`.
        mime_type: String = "mimeType",
        /// `clockRate`: the RTP clock rate in Hz.
        clock_rate: u32 = "clockRate",
        /// `channels`: the number of audio channels.
        channels: u32 = "channels",
        /// `sdpFmtpLine`: the `a=fmtp` parameters, e.g. `"minptime=10;useinbandfec=1"`.
        sdp_fmtp_line: String = "sdpFmtpLine",
    }
}

stats_dictionary! {
    /// `RTCInboundRtpStreamStats` (`"inbound-rtp"`): an incoming RTP stream, as this
    /// connection receives and decodes it. Audio and video members are in one struct; each
    /// stream has those of its `kind`.
    InboundRtpStreamStats for InboundRtp = ["inbound-rtp"] {
        /// `ssrc`: the stream's synchronization source.
        ssrc: u32 = "ssrc",
        /// `kind`: `"audio"` or `"video"`.
        kind: String = "kind",
        /// `transportId`: the [`TransportStats`] the stream arrives on.
        transport_id: String = "transportId",
        /// `codecId`: the [`CodecStats`] of the stream.
        codec_id: String = "codecId",
        /// `packetsReceived`.
        packets_received: u64 = "packetsReceived",
        /// `packetsLost`: expected minus received; negative when duplicates arrive.
        packets_lost: i64 = "packetsLost",
        /// `jitter`: the interarrival jitter, in seconds.
        jitter: f64 = "jitter",
        /// `packetsDiscarded`: packets dropped by the jitter buffer for arriving late or early.
        packets_discarded: u64 = "packetsDiscarded",
        /// `trackIdentifier`: the `id` of the receiving `MediaStreamTrack`.
        track_identifier: String = "trackIdentifier",
        /// `mid`: the media section of the receiving transceiver.
        mid: String = "mid",
        /// `remoteId`: the [`RemoteOutboundRtpStreamStats`] of the sender's view of this stream.
        remote_id: String = "remoteId",
        /// `bytesReceived`: payload bytes (no headers or padding).
        bytes_received: u64 = "bytesReceived",
        /// `headerBytesReceived`: RTP header and padding bytes.
        header_bytes_received: u64 = "headerBytesReceived",
        /// `lastPacketReceivedTimestamp`, in milliseconds since the Unix epoch.
        last_packet_received_timestamp: f64 = "lastPacketReceivedTimestamp",
        /// `framesReceived` (video).
        frames_received: u64 = "framesReceived",
        /// `framesDecoded` (video).
        frames_decoded: u64 = "framesDecoded",
        /// `keyFramesDecoded` (video).
        key_frames_decoded: u64 = "keyFramesDecoded",
        /// `framesRendered` (video).
        frames_rendered: u64 = "framesRendered",
        /// `framesDropped` (video): frames dropped before decoding.
        frames_dropped: u64 = "framesDropped",
        /// `frameWidth` (video): of the last decoded frame, in pixels.
        frame_width: u32 = "frameWidth",
        /// `frameHeight` (video): of the last decoded frame, in pixels.
        frame_height: u32 = "frameHeight",
        /// `framesPerSecond` (video): decoded frames in the last second.
        frames_per_second: f64 = "framesPerSecond",
        /// `qpSum` (video): the sum of the decoded frames' quantization parameters.
        qp_sum: u64 = "qpSum",
        /// `totalDecodeTime` (video), in seconds.
        total_decode_time: f64 = "totalDecodeTime",
        /// `totalInterFrameDelay` (video), in seconds.
        total_inter_frame_delay: f64 = "totalInterFrameDelay",
        /// `totalSquaredInterFrameDelay` (video), in seconds squared.
        total_squared_inter_frame_delay: f64 = "totalSquaredInterFrameDelay",
        /// `pauseCount` (video).
        pause_count: u64 = "pauseCount",
        /// `totalPausesDuration` (video), in seconds.
        total_pauses_duration: f64 = "totalPausesDuration",
        /// `freezeCount` (video).
        freeze_count: u64 = "freezeCount",
        /// `totalFreezesDuration` (video), in seconds.
        total_freezes_duration: f64 = "totalFreezesDuration",
        /// `decoderImplementation` (video), e.g. `"libvpx"`.
        decoder_implementation: String = "decoderImplementation",
        /// `powerEfficientDecoder` (video): whether the decoder is hardware accelerated.
        power_efficient_decoder: bool = "powerEfficientDecoder",
        /// `framesAssembledFromMultiplePackets` (video).
        frames_assembled_from_multiple_packets: u64 = "framesAssembledFromMultiplePackets",
        /// `totalAssemblyTime` (video), in seconds.
        total_assembly_time: f64 = "totalAssemblyTime",
        /// `nackCount`: NACK packets sent.
        nack_count: u64 = "nackCount",
        /// `firCount` (video): Full Intra Request packets sent.
        fir_count: u64 = "firCount",
        /// `pliCount` (video): Picture Loss Indication packets sent.
        pli_count: u64 = "pliCount",
        /// `totalProcessingDelay`, in seconds.
        total_processing_delay: f64 = "totalProcessingDelay",
        /// `estimatedPlayoutTimestamp`, in milliseconds since the Unix epoch.
        estimated_playout_timestamp: f64 = "estimatedPlayoutTimestamp",
        /// `jitterBufferDelay`, in seconds, summed over emitted samples or frames.
        jitter_buffer_delay: f64 = "jitterBufferDelay",
        /// `jitterBufferTargetDelay`, in seconds, summed over emitted samples or frames.
        jitter_buffer_target_delay: f64 = "jitterBufferTargetDelay",
        /// `jitterBufferEmittedCount`: samples or frames that left the jitter buffer.
        jitter_buffer_emitted_count: u64 = "jitterBufferEmittedCount",
        /// `jitterBufferMinimumDelay`, in seconds, summed over emitted samples or frames.
        jitter_buffer_minimum_delay: f64 = "jitterBufferMinimumDelay",
        /// `totalSamplesReceived` (audio).
        total_samples_received: u64 = "totalSamplesReceived",
        /// `concealedSamples` (audio): samples synthesized to hide loss.
        concealed_samples: u64 = "concealedSamples",
        /// `silentConcealedSamples` (audio).
        silent_concealed_samples: u64 = "silentConcealedSamples",
        /// `concealmentEvents` (audio).
        concealment_events: u64 = "concealmentEvents",
        /// `insertedSamplesForDeceleration` (audio).
        inserted_samples_for_deceleration: u64 = "insertedSamplesForDeceleration",
        /// `removedSamplesForAcceleration` (audio).
        removed_samples_for_acceleration: u64 = "removedSamplesForAcceleration",
        /// `audioLevel` (audio): 0.0 to 1.0, linear.
        audio_level: f64 = "audioLevel",
        /// `totalAudioEnergy` (audio).
        total_audio_energy: f64 = "totalAudioEnergy",
        /// `totalSamplesDuration` (audio), in seconds.
        total_samples_duration: f64 = "totalSamplesDuration",
        /// `playoutId` (audio): the [`AudioPlayoutStats`] of the device playing this stream.
        playout_id: String = "playoutId",
        /// `fecPacketsReceived`: forward error correction packets.
        fec_packets_received: u64 = "fecPacketsReceived",
        /// `fecPacketsDiscarded`.
        fec_packets_discarded: u64 = "fecPacketsDiscarded",
        /// `fecBytesReceived`.
        fec_bytes_received: u64 = "fecBytesReceived",
        /// `retransmittedPacketsReceived`.
        retransmitted_packets_received: u64 = "retransmittedPacketsReceived",
        /// `retransmittedBytesReceived`.
        retransmitted_bytes_received: u64 = "retransmittedBytesReceived",
        /// `rtxSsrc`: the SSRC of the retransmission stream.
        rtx_ssrc: u32 = "rtxSsrc",
        /// `fecSsrc`: the SSRC of the FEC stream.
        fec_ssrc: u32 = "fecSsrc",
    }
}

stats_dictionary! {
    /// `RTCOutboundRtpStreamStats` (`"outbound-rtp"`): an outgoing RTP stream (one per
    /// simulcast layer), as this connection encodes and sends it.
    OutboundRtpStreamStats for OutboundRtp = ["outbound-rtp"] {
        /// `ssrc`: the stream's synchronization source.
        ssrc: u32 = "ssrc",
        /// `kind`: `"audio"` or `"video"`.
        kind: String = "kind",
        /// `transportId`: the [`TransportStats`] the stream leaves on.
        transport_id: String = "transportId",
        /// `codecId`: the [`CodecStats`] of the stream.
        codec_id: String = "codecId",
        /// `packetsSent`.
        packets_sent: u64 = "packetsSent",
        /// `bytesSent`: payload bytes (no headers or padding).
        bytes_sent: u64 = "bytesSent",
        /// `mid`: the media section of the sending transceiver.
        mid: String = "mid",
        /// `mediaSourceId`: the [`MediaSourceStats`] of the track being sent.
        media_source_id: String = "mediaSourceId",
        /// `remoteId`: the [`RemoteInboundRtpStreamStats`] of the receiver's view of this stream.
        remote_id: String = "remoteId",
        /// `rid`: the simulcast RTP stream id.
        rid: String = "rid",
        /// `encodingIndex`: the index of the encoding in the sender's parameters.
        encoding_index: u32 = "encodingIndex",
        /// `headerBytesSent`: RTP header and padding bytes.
        header_bytes_sent: u64 = "headerBytesSent",
        /// `retransmittedPacketsSent`.
        retransmitted_packets_sent: u64 = "retransmittedPacketsSent",
        /// `retransmittedBytesSent`.
        retransmitted_bytes_sent: u64 = "retransmittedBytesSent",
        /// `rtxSsrc`: the SSRC of the retransmission stream.
        rtx_ssrc: u32 = "rtxSsrc",
        /// `targetBitrate`: the encoder's target, in bits per second.
        target_bitrate: f64 = "targetBitrate",
        /// `totalEncodedBytesTarget` (video).
        total_encoded_bytes_target: u64 = "totalEncodedBytesTarget",
        /// `frameWidth` (video): of the last encoded frame, in pixels.
        frame_width: u32 = "frameWidth",
        /// `frameHeight` (video): of the last encoded frame, in pixels.
        frame_height: u32 = "frameHeight",
        /// `framesPerSecond` (video): encoded frames in the last second.
        frames_per_second: f64 = "framesPerSecond",
        /// `framesSent` (video).
        frames_sent: u64 = "framesSent",
        /// `hugeFramesSent` (video): frames much larger than the average.
        huge_frames_sent: u64 = "hugeFramesSent",
        /// `framesEncoded` (video).
        frames_encoded: u64 = "framesEncoded",
        /// `keyFramesEncoded` (video).
        key_frames_encoded: u64 = "keyFramesEncoded",
        /// `qpSum` (video): the sum of the encoded frames' quantization parameters.
        qp_sum: u64 = "qpSum",
        /// `totalEncodeTime` (video), in seconds.
        total_encode_time: f64 = "totalEncodeTime",
        /// `totalPacketSendDelay`: time packets waited in the pacer, in seconds.
        total_packet_send_delay: f64 = "totalPacketSendDelay",
        /// `qualityLimitationReason` (video).
        quality_limitation_reason: QualityLimitationReason = "qualityLimitationReason",
        /// `qualityLimitationDurations` (video): seconds spent in each limitation, by reason.
        quality_limitation_durations: BTreeMap<String, f64> = "qualityLimitationDurations",
        /// `qualityLimitationResolutionChanges` (video).
        quality_limitation_resolution_changes: u64 = "qualityLimitationResolutionChanges",
        /// `nackCount`: NACK packets received.
        nack_count: u64 = "nackCount",
        /// `firCount` (video): Full Intra Request packets received.
        fir_count: u64 = "firCount",
        /// `pliCount` (video): Picture Loss Indication packets received.
        pli_count: u64 = "pliCount",
        /// `encoderImplementation` (video), e.g. `"libvpx"`.
        encoder_implementation: String = "encoderImplementation",
        /// `powerEfficientEncoder` (video): whether the encoder is hardware accelerated.
        power_efficient_encoder: bool = "powerEfficientEncoder",
        /// `active`: whether the encoding is sent (`RTCRtpEncodingParameters.active`).
        active: bool = "active",
        /// `scalabilityMode` (video), e.g. `"L1T3"`.
        scalability_mode: String = "scalabilityMode",
    }
}

stats_dictionary! {
    /// `RTCRemoteInboundRtpStreamStats` (`"remote-inbound-rtp"`): one of this connection's
    /// outgoing streams as the remote peer receives it, from its RTCP receiver reports.
    RemoteInboundRtpStreamStats for RemoteInboundRtp = ["remote-inbound-rtp"] {
        /// `ssrc`: the stream's synchronization source.
        ssrc: u32 = "ssrc",
        /// `kind`: `"audio"` or `"video"`.
        kind: String = "kind",
        /// `transportId`: the [`TransportStats`] of the stream.
        transport_id: String = "transportId",
        /// `codecId`: the [`CodecStats`] of the stream.
        codec_id: String = "codecId",
        /// `packetsReceived`, as reported by the remote peer.
        packets_received: u64 = "packetsReceived",
        /// `packetsLost`, as reported by the remote peer.
        packets_lost: i64 = "packetsLost",
        /// `jitter`, in seconds, as reported by the remote peer.
        jitter: f64 = "jitter",
        /// `localId`: the [`OutboundRtpStreamStats`] of the same stream.
        local_id: String = "localId",
        /// `roundTripTime`: the latest, in seconds.
        round_trip_time: f64 = "roundTripTime",
        /// `totalRoundTripTime`: the sum of the measurements, in seconds.
        total_round_trip_time: f64 = "totalRoundTripTime",
        /// `fractionLost`: in the last report, 0.0 to 1.0.
        fraction_lost: f64 = "fractionLost",
        /// `roundTripTimeMeasurements`.
        round_trip_time_measurements: u64 = "roundTripTimeMeasurements",
    }
}

stats_dictionary! {
    /// `RTCRemoteOutboundRtpStreamStats` (`"remote-outbound-rtp"`): one of this connection's
    /// incoming streams as the remote peer sends it, from its RTCP sender reports.
    RemoteOutboundRtpStreamStats for RemoteOutboundRtp = ["remote-outbound-rtp"] {
        /// `ssrc`: the stream's synchronization source.
        ssrc: u32 = "ssrc",
        /// `kind`: `"audio"` or `"video"`.
        kind: String = "kind",
        /// `transportId`: the [`TransportStats`] of the stream.
        transport_id: String = "transportId",
        /// `codecId`: the [`CodecStats`] of the stream.
        codec_id: String = "codecId",
        /// `packetsSent`, as reported by the remote peer.
        packets_sent: u64 = "packetsSent",
        /// `bytesSent`, as reported by the remote peer.
        bytes_sent: u64 = "bytesSent",
        /// `localId`: the [`InboundRtpStreamStats`] of the same stream.
        local_id: String = "localId",
        /// `remoteTimestamp`: when the remote peer sent the report, in milliseconds since the
        /// Unix epoch.
        remote_timestamp: f64 = "remoteTimestamp",
        /// `reportsSent`: RTCP sender reports sent.
        reports_sent: u64 = "reportsSent",
        /// `roundTripTime`: the latest, in seconds.
        round_trip_time: f64 = "roundTripTime",
        /// `totalRoundTripTime`: the sum of the measurements, in seconds.
        total_round_trip_time: f64 = "totalRoundTripTime",
        /// `roundTripTimeMeasurements`.
        round_trip_time_measurements: u64 = "roundTripTimeMeasurements",
    }
}

stats_dictionary! {
    /// `RTCMediaSourceStats` (`"media-source"`): a track attached to a sender, before encoding
    /// (`RTCAudioSourceStats` and `RTCVideoSourceStats` in one struct; each source has the
    /// members of its `kind`).
    MediaSourceStats for MediaSource = ["media-source"] {
        /// `trackIdentifier`: the `id` of the `MediaStreamTrack`.
        track_identifier: String = "trackIdentifier",
        /// `kind`: `"audio"` or `"video"`.
        kind: String = "kind",
        /// `audioLevel` (audio): 0.0 to 1.0, linear.
        audio_level: f64 = "audioLevel",
        /// `totalAudioEnergy` (audio).
        total_audio_energy: f64 = "totalAudioEnergy",
        /// `totalSamplesDuration` (audio), in seconds.
        total_samples_duration: f64 = "totalSamplesDuration",
        /// `echoReturnLoss` (audio), in decibels.
        echo_return_loss: f64 = "echoReturnLoss",
        /// `echoReturnLossEnhancement` (audio), in decibels.
        echo_return_loss_enhancement: f64 = "echoReturnLossEnhancement",
        /// `width` (video): of the last frame, in pixels.
        width: u32 = "width",
        /// `height` (video): of the last frame, in pixels.
        height: u32 = "height",
        /// `frames` (video): frames from the source.
        frames: u64 = "frames",
        /// `framesPerSecond` (video): frames from the source in the last second.
        frames_per_second: f64 = "framesPerSecond",
    }
}

stats_dictionary! {
    /// `RTCAudioPlayoutStats` (`"media-playout"`): the device playing received audio.
    AudioPlayoutStats for MediaPlayout = ["media-playout"] {
        /// `kind`: `"audio"`.
        kind: String = "kind",
        /// `synthesizedSamplesDuration`: seconds of audio made up because none was there in
        /// time.
        synthesized_samples_duration: f64 = "synthesizedSamplesDuration",
        /// `synthesizedSamplesEvents`.
        synthesized_samples_events: u64 = "synthesizedSamplesEvents",
        /// `totalSamplesDuration`: seconds played.
        total_samples_duration: f64 = "totalSamplesDuration",
        /// `totalPlayoutDelay`, in seconds, summed over samples.
        total_playout_delay: f64 = "totalPlayoutDelay",
        /// `totalSamplesCount`.
        total_samples_count: u64 = "totalSamplesCount",
    }
}

stats_dictionary! {
    /// `RTCPeerConnectionStats` (`"peer-connection"`): the connection itself; one per report.
    PeerConnectionStats for PeerConnection = ["peer-connection"] {
        /// `dataChannelsOpened`: channels that reached `open`.
        data_channels_opened: u64 = "dataChannelsOpened",
        /// `dataChannelsClosed`: channels that left `open`.
        data_channels_closed: u64 = "dataChannelsClosed",
    }
}

stats_dictionary! {
    /// `RTCDataChannelStats` (`"data-channel"`): one data channel.
    DataChannelStats for DataChannel = ["data-channel"] {
        /// `label`.
        label: String = "label",
        /// `protocol`: the subprotocol.
        protocol: String = "protocol",
        /// `dataChannelIdentifier`: the SCTP stream id (the channel's `id`).
        data_channel_identifier: u16 = "dataChannelIdentifier",
        /// `state`.
        state: DataChannelState = "state",
        /// `messagesSent`.
        messages_sent: u64 = "messagesSent",
        /// `bytesSent`: payload bytes.
        bytes_sent: u64 = "bytesSent",
        /// `messagesReceived`.
        messages_received: u64 = "messagesReceived",
        /// `bytesReceived`: payload bytes.
        bytes_received: u64 = "bytesReceived",
    }
}

stats_dictionary! {
    /// `RTCTransportStats` (`"transport"`): an ICE and DTLS transport (with bundling, usually
    /// the only one).
    TransportStats for Transport = ["transport"] {
        /// `packetsSent`.
        packets_sent: u64 = "packetsSent",
        /// `packetsReceived`.
        packets_received: u64 = "packetsReceived",
        /// `bytesSent`.
        bytes_sent: u64 = "bytesSent",
        /// `bytesReceived`.
        bytes_received: u64 = "bytesReceived",
        /// `iceRole`.
        ice_role: IceRole = "iceRole",
        /// `iceLocalUsernameFragment`: the local ICE ufrag.
        ice_local_username_fragment: String = "iceLocalUsernameFragment",
        /// `iceState`.
        ice_state: IceTransportState = "iceState",
        /// `dtlsState`.
        dtls_state: DtlsTransportState = "dtlsState",
        /// `dtlsRole`.
        dtls_role: DtlsRole = "dtlsRole",
        /// `selectedCandidatePairId`: the [`IceCandidatePairStats`] in use (see
        /// [`StatsReport::selected_candidate_pair`]).
        selected_candidate_pair_id: String = "selectedCandidatePairId",
        /// `selectedCandidatePairChanges`.
        selected_candidate_pair_changes: u64 = "selectedCandidatePairChanges",
        /// `localCertificateId`: the local [`CertificateStats`].
        local_certificate_id: String = "localCertificateId",
        /// `remoteCertificateId`: the remote peer's [`CertificateStats`].
        remote_certificate_id: String = "remoteCertificateId",
        /// `tlsVersion`: the DTLS version, as hex, e.g. `"FEFD"` for DTLS 1.2.
        tls_version: String = "tlsVersion",
        /// `dtlsCipher`: the IANA name of the DTLS cipher suite.
        dtls_cipher: String = "dtlsCipher",
        /// `srtpCipher`: the IANA name of the SRTP protection profile.
        srtp_cipher: String = "srtpCipher",
    }
}

stats_dictionary! {
    /// `RTCIceCandidatePairStats` (`"candidate-pair"`): a local and a remote candidate being
    /// checked or used.
    ///
    /// Chrome and Firefox also report a (pre-standard) `priority`, Firefox a `selected` flag;
    /// both are in [`other`](Self::other).
    IceCandidatePairStats for CandidatePair = ["candidate-pair"] {
        /// `transportId`: the [`TransportStats`] the pair belongs to.
        transport_id: String = "transportId",
        /// `localCandidateId`: the local [`IceCandidateStats`].
        local_candidate_id: String = "localCandidateId",
        /// `remoteCandidateId`: the remote [`IceCandidateStats`].
        remote_candidate_id: String = "remoteCandidateId",
        /// `state`.
        state: CandidatePairState = "state",
        /// `nominated`: whether the controlling agent nominated this pair.
        nominated: bool = "nominated",
        /// `packetsSent`.
        packets_sent: u64 = "packetsSent",
        /// `packetsReceived`.
        packets_received: u64 = "packetsReceived",
        /// `bytesSent`.
        bytes_sent: u64 = "bytesSent",
        /// `bytesReceived`.
        bytes_received: u64 = "bytesReceived",
        /// `lastPacketSentTimestamp`, in milliseconds since the Unix epoch.
        last_packet_sent_timestamp: f64 = "lastPacketSentTimestamp",
        /// `lastPacketReceivedTimestamp`, in milliseconds since the Unix epoch.
        last_packet_received_timestamp: f64 = "lastPacketReceivedTimestamp",
        /// `totalRoundTripTime`: the sum of the STUN round trips measured, in seconds.
        total_round_trip_time: f64 = "totalRoundTripTime",
        /// `currentRoundTripTime`: the latest STUN round trip, in seconds.
        current_round_trip_time: f64 = "currentRoundTripTime",
        /// `availableOutgoingBitrate`: the congestion controller's estimate, in bits per second.
        available_outgoing_bitrate: f64 = "availableOutgoingBitrate",
        /// `availableIncomingBitrate`, in bits per second.
        available_incoming_bitrate: f64 = "availableIncomingBitrate",
        /// `requestsReceived`: STUN connectivity checks received.
        requests_received: u64 = "requestsReceived",
        /// `requestsSent`: STUN connectivity checks sent.
        requests_sent: u64 = "requestsSent",
        /// `responsesReceived`.
        responses_received: u64 = "responsesReceived",
        /// `responsesSent`.
        responses_sent: u64 = "responsesSent",
        /// `consentRequestsSent`: consent freshness checks sent.
        consent_requests_sent: u64 = "consentRequestsSent",
        /// `packetsDiscardedOnSend`.
        packets_discarded_on_send: u64 = "packetsDiscardedOnSend",
        /// `bytesDiscardedOnSend`.
        bytes_discarded_on_send: u64 = "bytesDiscardedOnSend",
    }
}

stats_dictionary! {
    /// `RTCIceCandidateStats` (`"local-candidate"` and `"remote-candidate"`): an ICE candidate.
    IceCandidateStats for LocalCandidate | RemoteCandidate = ["local-candidate", "remote-candidate"] {
        /// `transportId`: the [`TransportStats`] the candidate belongs to.
        transport_id: String = "transportId",
        /// `address`: an IP address, or an mDNS name; absent where the browser hides it.
        address: String = "address",
        /// `port`.
        port: u16 = "port",
        /// `protocol`.
        protocol: CandidateProtocol = "protocol",
        /// `candidateType`.
        candidate_type: CandidateType = "candidateType",
        /// `priority`.
        priority: u32 = "priority",
        /// `url`: the STUN or TURN server a local candidate was obtained from.
        url: String = "url",
        /// `relayProtocol`: how a relay candidate reaches its TURN server (`"udp"`, `"tcp"`,
        /// `"tls"`).
        relay_protocol: String = "relayProtocol",
        /// `foundation`.
        foundation: String = "foundation",
        /// `relatedAddress`: the base address of a reflexive or relay candidate.
        related_address: String = "relatedAddress",
        /// `relatedPort`.
        related_port: u16 = "relatedPort",
        /// `usernameFragment`: the ICE ufrag.
        username_fragment: String = "usernameFragment",
        /// `tcpType`, for TCP candidates.
        tcp_type: TcpType = "tcpType",
    }
}

stats_dictionary! {
    /// `RTCCertificateStats` (`"certificate"`): a DTLS certificate, local or remote.
    CertificateStats for Certificate = ["certificate"] {
        /// `fingerprint`: upper-case hex pairs separated by colons.
        fingerprint: String = "fingerprint",
        /// `fingerprintAlgorithm`, e.g. `"sha-256"`.
        fingerprint_algorithm: String = "fingerprintAlgorithm",
        /// `base64Certificate`: the DER certificate, base64-encoded.
        base64_certificate: String = "base64Certificate",
        /// `issuerCertificateId`: the [`CertificateStats`] of the issuer, for a chain.
        issuer_certificate_id: String = "issuerCertificateId",
    }
}

/// A stats entry of a `type` this crate does not know (a newer spec type, or a browser's own,
/// such as the obsolete `"track"`), with all its members.
#[derive(Debug, Clone, PartialEq, Default)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
pub struct UnknownStats {
    /// `type`, as the browser spelled it.
    #[cfg_attr(feature = "js", serde(rename = "type"))]
    pub stats_type: String,
    /// `id`: unique within the report.
    pub id: String,
    /// `timestamp`, in milliseconds since the Unix epoch.
    pub timestamp: f64,
    /// Every other member.
    #[cfg_attr(
        feature = "js",
        serde(flatten),
        tsify(type = "Record<string, unknown>")
    )]
    pub other: BTreeMap<String, StatsValue>,
}

impl sealed::Sealed for UnknownStats {}

impl StatsType for UnknownStats {
    const TYPES: &'static [&'static str] = &[];

    fn from_stats(stats: &Stats) -> Option<&Self> {
        match stats {
            Stats::Unknown(s) => Some(s),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Stats
// ---------------------------------------------------------------------------------------------

/// Defines [`Stats`] over the dictionaries, and one iterator per type on [`StatsReport`].
macro_rules! stats_variants {
    ($( $(#[$doc:meta])* $variant:ident($ty:ident) = $type_name:literal, $method:ident; )+) => {
        /// One entry of a [`StatsReport`] (`RTCStats`), by its `type`.
        ///
        /// Serializes to the browser's object (`{"id": …, "timestamp": …, "type": …, …}`, every
        /// member included) and deserializes from it.
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "js", derive(tsify::Tsify), serde(tag = "type"))]
        #[non_exhaustive]
        // The media variants are large, but entries are made once per `getStats` and matched
        // often: boxing them would cost every `match` a `*` for a few hundred bytes each.
        #[allow(clippy::large_enum_variant)]
        pub enum Stats {
            $( $(#[$doc])* #[cfg_attr(feature = "js", serde(rename = $type_name))] $variant($ty), )+
            /// A type this crate does not know. (Not in the TypeScript union, where its `type:
            /// string` would defeat narrowing on `type`: such entries are `UnknownStats`.)
            #[cfg_attr(feature = "js", serde(skip))]
            Unknown(UnknownStats),
        }

        impl Stats {
            /// Builds the entry from all its members, `type`, `id` and `timestamp` included.
            ///
            /// Errors (as text) when `id` or `type` is not a string, or `timestamp` not a number.
            fn from_members(mut members: BTreeMap<String, StatsValue>) -> Result<Self, String> {
                let id = match members.remove("id") {
                    None => String::new(),
                    Some(StatsValue::String(id)) => id,
                    Some(other) => return Err(format!("stats member `id` is not a string: {other:?}")),
                };
                let stats_type = match members.remove("type") {
                    None => String::new(),
                    Some(StatsValue::String(t)) => t,
                    Some(other) => return Err(format!("stats {id:?}: member `type` is not a string: {other:?}")),
                };
                let timestamp = match members.remove("timestamp") {
                    None => 0.0,
                    Some(StatsValue::Number(t)) => t,
                    Some(other) => return Err(format!("stats {id:?}: member `timestamp` is not a number: {other:?}")),
                };
                Ok(match stats_type.as_str() {
                    $( $type_name => Stats::$variant($ty::from_members(id, timestamp, members)), )+
                    _ => Stats::Unknown(UnknownStats { stats_type, id, timestamp, other: members }),
                })
            }

            /// `type`: the spec's name of this entry's type, e.g. `"candidate-pair"`.
            pub fn stats_type(&self) -> &str {
                match self {
                    $( Stats::$variant(_) => $type_name, )+
                    Stats::Unknown(s) => &s.stats_type,
                }
            }

            /// `id`: unique within the report.
            pub fn id(&self) -> &str {
                match self {
                    $( Stats::$variant(s) => &s.id, )+
                    Stats::Unknown(s) => &s.id,
                }
            }

            fn id_mut(&mut self) -> &mut String {
                match self {
                    $( Stats::$variant(s) => &mut s.id, )+
                    Stats::Unknown(s) => &mut s.id,
                }
            }

            /// `timestamp`, in milliseconds since the Unix epoch.
            pub fn timestamp(&self) -> f64 {
                match self {
                    $( Stats::$variant(s) => s.timestamp, )+
                    Stats::Unknown(s) => s.timestamp,
                }
            }

            /// The members this crate does not type (see the `other` field of each struct).
            pub fn other(&self) -> &BTreeMap<String, StatsValue> {
                match self {
                    $( Stats::$variant(s) => &s.other, )+
                    Stats::Unknown(s) => &s.other,
                }
            }

            /// Every member, typed or not, `id`, `timestamp` and `type` included: the object the
            /// browser reported.
            pub fn members(&self) -> BTreeMap<String, StatsValue> {
                let mut out = self.other().clone();
                match self {
                    $( Stats::$variant(s) => s.write_members(&mut out), )+
                    Stats::Unknown(_) => {}
                }
                out.insert("id".to_owned(), StatsValue::String(self.id().to_owned()));
                out.insert("timestamp".to_owned(), StatsValue::Number(self.timestamp()));
                out.insert("type".to_owned(), StatsValue::String(self.stats_type().to_owned()));
                out
            }
        }

        impl StatsReport {
            $(
                #[doc = concat!("Every `\"", $type_name, "\"` entry, by id.")]
                pub fn $method(&self) -> impl Iterator<Item = &$ty> + '_ {
                    self.iter().filter_map(|s| match s {
                        Stats::$variant(x) => Some(x),
                        _ => None,
                    })
                }
            )+
        }
    };
}

stats_variants! {
    /// `"codec"`.
    Codec(CodecStats) = "codec", codecs;
    /// `"inbound-rtp"`.
    InboundRtp(InboundRtpStreamStats) = "inbound-rtp", inbound_rtp;
    /// `"outbound-rtp"`.
    OutboundRtp(OutboundRtpStreamStats) = "outbound-rtp", outbound_rtp;
    /// `"remote-inbound-rtp"`.
    RemoteInboundRtp(RemoteInboundRtpStreamStats) = "remote-inbound-rtp", remote_inbound_rtp;
    /// `"remote-outbound-rtp"`.
    RemoteOutboundRtp(RemoteOutboundRtpStreamStats) = "remote-outbound-rtp", remote_outbound_rtp;
    /// `"media-source"`.
    MediaSource(MediaSourceStats) = "media-source", media_sources;
    /// `"media-playout"`.
    MediaPlayout(AudioPlayoutStats) = "media-playout", media_playouts;
    /// `"peer-connection"`.
    PeerConnection(PeerConnectionStats) = "peer-connection", peer_connections;
    /// `"data-channel"`.
    DataChannel(DataChannelStats) = "data-channel", data_channels;
    /// `"transport"`.
    Transport(TransportStats) = "transport", transports;
    /// `"candidate-pair"`.
    CandidatePair(IceCandidatePairStats) = "candidate-pair", candidate_pairs;
    /// `"local-candidate"`.
    LocalCandidate(IceCandidateStats) = "local-candidate", local_candidates;
    /// `"remote-candidate"`.
    RemoteCandidate(IceCandidateStats) = "remote-candidate", remote_candidates;
    /// `"certificate"`.
    Certificate(CertificateStats) = "certificate", certificates;
}

impl Stats {
    /// The struct inside, if it is a `T`: `stats.downcast::<TransportStats>()`.
    pub fn downcast<T: StatsType>(&self) -> Option<&T> {
        T::from_stats(self)
    }

    /// One member, typed or not, as the browser reported it (`"type"`, `"id"` and
    /// `"timestamp"` included).
    pub fn member(&self, name: &str) -> Option<StatsValue> {
        self.members().remove(name)
    }
}

impl Serialize for Stats {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let members = self.members();
        let mut map = serializer.serialize_map(Some(members.len()))?;
        for (k, v) in &members {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Stats {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let members = BTreeMap::<String, StatsValue>::deserialize(d)?;
        Stats::from_members(members).map_err(de::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// StatsReport
// ---------------------------------------------------------------------------------------------

/// `RTCStatsReport`: the stats of a connection (or of one sender or receiver), by id.
///
/// Look entries up by id ([`get`](Self::get), [`get_as`](Self::get_as)), by type
/// ([`of_type`](Self::of_type), or [`inbound_rtp`](Self::inbound_rtp),
/// [`transports`](Self::transports), … one per type), or find the candidate pair in use with
/// [`selected_candidate_pair`](Self::selected_candidate_pair). Entries iterate in id order.
///
/// Serializes to a JSON array of the browser's stats objects, and deserializes from that or from
/// an object of them by id (`Object.fromEntries(report)` in JavaScript). The round trip gives an
/// equal report through serde-wasm-bindgen (JavaScript objects) and through JSON text read by a
/// correctly rounding parser (JavaScript's `JSON.parse`; serde_json with its `float_roundtrip`
/// feature). serde_json without that feature may read a 17-digit number (Chrome's candidate-pair
/// `priority`, Firefox's timestamps) one unit in the last place off.
///
/// ```
/// use wasm_rtc::{CandidatePairState, StatsReport, TransportStats};
/// let report: StatsReport = serde_json::from_str(r#"[
///   {"id":"T01","timestamp":1.0,"type":"transport","selectedCandidatePairId":"CP1","dtlsState":"connected"},
///   {"id":"CP1","timestamp":1.0,"type":"candidate-pair","state":"succeeded","nominated":true,
///    "localCandidateId":"L1","remoteCandidateId":"R1","currentRoundTripTime":0.002,"priority":42},
///   {"id":"L1","timestamp":1.0,"type":"local-candidate","address":"192.0.2.1","port":5000,"candidateType":"host"},
///   {"id":"R1","timestamp":1.0,"type":"remote-candidate","address":"192.0.2.2","port":6000,"candidateType":"host"}
/// ]"#).unwrap();
/// assert_eq!(report.len(), 4);
/// let selected = report.selected_candidate_pair().unwrap();
/// assert_eq!(selected.pair.state, Some(CandidatePairState::Succeeded));
/// assert_eq!(selected.pair.current_round_trip_time, Some(0.002));
/// assert_eq!(selected.remote.and_then(|c| c.port), Some(6000));
/// // Members the crate does not type are kept, and survive a round trip.
/// assert_eq!(selected.pair.other["priority"].as_f64(), Some(42.0));
/// let again: StatsReport = serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
/// assert_eq!(again, report);
/// assert!(report.get_as::<TransportStats>("T01").is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatsReport {
    entries: BTreeMap<String, Stats>,
}

/// The candidate pair a transport is using, with its candidates: see
/// [`StatsReport::selected_candidate_pair`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SelectedCandidatePair<'a> {
    /// The pair.
    pub pair: &'a IceCandidatePairStats,
    /// Its `"local-candidate"` entry, if the report has it.
    pub local: Option<&'a IceCandidateStats>,
    /// Its `"remote-candidate"` entry, if the report has it.
    pub remote: Option<&'a IceCandidateStats>,
    /// Its transport, if the report has it.
    pub transport: Option<&'a TransportStats>,
}

/// The entries of a [`StatsReport`], in id order.
#[derive(Debug, Clone)]
pub struct StatsIter<'a>(btree_map::Values<'a, String, Stats>);

impl<'a> Iterator for StatsIter<'a> {
    type Item = &'a Stats;

    fn next(&mut self) -> Option<&'a Stats> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for StatsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back()
    }
}

impl ExactSizeIterator for StatsIter<'_> {}

impl StatsReport {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the report has no entries (as for a closed connection).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry, in id order.
    pub fn iter(&self) -> StatsIter<'_> {
        StatsIter(self.entries.values())
    }

    /// The entry with `id`.
    pub fn get(&self, id: &str) -> Option<&Stats> {
        self.entries.get(id)
    }

    /// The entry with `id`, if it is a `T`: e.g. `report.get_as::<CodecStats>(codec_id)` to
    /// follow a stream's `codecId`.
    pub fn get_as<T: StatsType>(&self, id: &str) -> Option<&T> {
        self.get(id).and_then(T::from_stats)
    }

    /// Every entry that is a `T`, in id order: `report.of_type::<TransportStats>()`.
    /// [`IceCandidateStats`] gives local and remote candidates (see
    /// [`local_candidates`](Self::local_candidates) and
    /// [`remote_candidates`](Self::remote_candidates) for one side).
    pub fn of_type<T: StatsType>(&self) -> impl Iterator<Item = &T> + '_ {
        self.iter().filter_map(T::from_stats)
    }

    /// The `"peer-connection"` entry (a connection's report has exactly one).
    pub fn peer_connection(&self) -> Option<&PeerConnectionStats> {
        self.peer_connections().next()
    }

    /// Entries of types this crate does not know.
    pub fn unknown(&self) -> impl Iterator<Item = &UnknownStats> + '_ {
        self.of_type::<UnknownStats>()
    }

    /// Adds `stats`, replacing (and returning) the entry with the same id.
    pub fn insert(&mut self, stats: Stats) -> Option<Stats> {
        self.entries.insert(stats.id().to_owned(), stats)
    }

    /// Removes and returns the entry with `id`.
    pub fn remove(&mut self, id: &str) -> Option<Stats> {
        self.entries.remove(id)
    }

    /// The ICE candidate pair in use, with its local and remote candidates and its transport.
    ///
    /// The pair a transport names in `selectedCandidatePairId`; where no transport names one
    /// (some Firefox versions have no such member), the pair Firefox flags `selected`; failing
    /// that, the nominated pair in state `succeeded` with the highest priority (ICE selects the
    /// highest-priority nominated pair), then the one that received a packet last. With several
    /// transports (no bundling), the first transport's pair. `None` before ICE connects.
    pub fn selected_candidate_pair(&self) -> Option<SelectedCandidatePair<'_>> {
        let by_transport = self
            .transports()
            .filter_map(|t| t.selected_candidate_pair_id.as_deref())
            .find_map(|id| self.get_as::<IceCandidatePairStats>(id));
        let flagged = || {
            self.candidate_pairs()
                .find(|p| p.other.get("selected").and_then(StatsValue::as_bool) == Some(true))
        };
        let nominated = || {
            self.candidate_pairs()
                .filter(|p| {
                    p.nominated == Some(true) && p.state == Some(CandidatePairState::Succeeded)
                })
                .max_by(|a, b| {
                    let key = |p: &IceCandidatePairStats| {
                        let priority = p
                            .other
                            .get("priority")
                            .and_then(StatsValue::as_f64)
                            .unwrap_or(0.0);
                        (priority, p.last_packet_received_timestamp.unwrap_or(0.0))
                    };
                    let (ka, kb) = (key(a), key(b));
                    ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
                })
        };
        let pair = by_transport.or_else(flagged).or_else(nominated)?;
        let candidate = |id: &Option<String>, local: bool| {
            id.as_deref().and_then(|id| match self.get(id)? {
                Stats::LocalCandidate(c) if local => Some(c),
                Stats::RemoteCandidate(c) if !local => Some(c),
                _ => None,
            })
        };
        Some(SelectedCandidatePair {
            pair,
            local: candidate(&pair.local_candidate_id, true),
            remote: candidate(&pair.remote_candidate_id, false),
            transport: pair
                .transport_id
                .as_deref()
                .and_then(|id| self.get_as::<TransportStats>(id)),
        })
    }

    /// Decodes an `RTCStatsReport` the browser returned: any maplike or iterable of
    /// `[id, stats]` entries, or a plain object of stats by id.
    ///
    /// Errors: [`Error::Type`] for a value that is none of those, or an entry whose `id` or
    /// `type` is not a string or whose `timestamp` is not a number.
    pub fn from_js(report: &JsValue) -> Result<Self, Error> {
        let mut out = StatsReport::new();
        if let Some(iter) = js_sys::try_iter(report)? {
            for entry in iter {
                let entry = entry?;
                let (key, value) = match entry.dyn_ref::<js_sys::Array>() {
                    Some(pair) if pair.length() == 2 => (pair.get(0).as_string(), pair.get(1)),
                    _ => (None, entry),
                };
                out.insert_js(key, &value)?;
            }
        } else if report.is_object() {
            for entry in js_sys::Object::entries(report.unchecked_ref()).iter() {
                let pair: js_sys::Array = entry.unchecked_into();
                out.insert_js(pair.get(0).as_string(), &pair.get(1))?;
            }
        } else {
            return Err(Error::Operation(format!(
                "the browser returned no RTCStatsReport: {report:?}"
            )));
        }
        Ok(out)
    }

    fn insert_js(&mut self, key: Option<String>, value: &JsValue) -> Result<(), Error> {
        let mut stats: Stats = serde_wasm_bindgen::from_value(value.clone()).map_err(|e| {
            Error::Operation(format!(
                "the browser returned an unexpected stats entry {}: {e}",
                key.as_deref().unwrap_or("?")
            ))
        })?;
        if let Some(key) = key.filter(|_| stats.id().is_empty()) {
            *stats.id_mut() = key;
        }
        self.insert(stats);
        Ok(())
    }
}

impl<'a> IntoIterator for &'a StatsReport {
    type Item = &'a Stats;
    type IntoIter = StatsIter<'a>;

    fn into_iter(self) -> StatsIter<'a> {
        self.iter()
    }
}

impl FromIterator<Stats> for StatsReport {
    fn from_iter<I: IntoIterator<Item = Stats>>(iter: I) -> Self {
        let mut report = StatsReport::new();
        for stats in iter {
            report.insert(stats);
        }
        report
    }
}

impl Serialize for StatsReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for stats in self {
            seq.serialize_element(stats)?;
        }
        seq.end()
    }
}

struct ReportVisitor;

impl<'de> Visitor<'de> for ReportVisitor {
    type Value = StatsReport;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of stats objects, or an object of them by id")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StatsReport, A::Error> {
        let mut report = StatsReport::new();
        while let Some(stats) = seq.next_element::<Stats>()? {
            report.insert(stats);
        }
        Ok(report)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StatsReport, A::Error> {
        let mut report = StatsReport::new();
        while let Some((key, mut stats)) = map.next_entry::<String, Stats>()? {
            if stats.id().is_empty() {
                *stats.id_mut() = key;
            }
            report.insert(stats);
        }
        Ok(report)
    }
}

impl<'de> Deserialize<'de> for StatsReport {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ReportVisitor)
    }
}

// ---------------------------------------------------------------------------------------------
// getStats
// ---------------------------------------------------------------------------------------------

/// Calls `target.getStats()` and decodes the report: for `RTCPeerConnection`, `RTCRtpSender`
/// and `RTCRtpReceiver`. A missing method is [`Error::Unsupported`] named
/// `"{interface}.getStats"`; a synchronous throw or a rejection is the browser's error.
pub(crate) async fn stats_of(target: &JsValue, interface: &str) -> Result<StatsReport, Error> {
    StatsReport::from_js(&crate::sys::call_async(target, interface, "getStats", &[]).await?)
}

/// `getStats()` of a native `RTCPeerConnection`, an empty report once it is closed (see
/// [`PeerConnection::get_stats`](crate::PeerConnection::get_stats)); also what the npm package's `getStats` calls.
pub(crate) async fn connection_stats(raw: &JsValue) -> Result<StatsReport, Error> {
    if crate::sys::is_closed(raw) {
        return Ok(StatsReport::new());
    }
    match stats_of(raw, "RTCPeerConnection").await {
        Err(Error::InvalidState(_)) if crate::sys::is_closed(raw) => Ok(StatsReport::new()),
        result => result,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
            (video.ssrc, video.kind.as_deref()),
            (Some(1234), Some("video"))
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
}
