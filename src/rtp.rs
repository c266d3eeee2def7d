//! RTP media on a connection: [`RtpSender`], [`RtpReceiver`], [`RtpTransceiver`], their
//! parameters and capabilities, and the [`TrackEvent`]s of remote tracks.

use std::any::Any;
use std::rc::Rc;

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use crate::attribute;
use crate::convert::{from_js, to_js};
use crate::enums::{Direction, TrackKind};
use crate::error::Error;
use crate::event::Emit;
use crate::media::{MediaStream, MediaStreamTrack};
use crate::owner::Owner;
use crate::stats::{stats_of, StatsReport};
use crate::sys;

/// `RTCRtpEncodingParameters`: one encoding (one simulcast layer) of a sender.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct EncodingParameters {
    /// The RTP stream id of a simulcast layer (read-only once negotiated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rid: Option<String>,
    /// Whether this encoding is sent (default `true`).
    #[serde(default = "yes")]
    pub active: bool,
    /// The most bits per second to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_bitrate: Option<u32>,
    /// The most frames per second to send.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_framerate: Option<f64>,
    /// Divide the video's width and height by this (≥ 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale_resolution_down_by: Option<f64>,
    /// `"very-low"`, `"low"`, `"medium"` or `"high"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// The DSCP priority, with the same values as `priority`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network_priority: Option<String>,
    /// An SVC scalability mode such as `"L1T3"`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scalability_mode: Option<String>,
}

fn yes() -> bool {
    true
}

/// The members of an encoding the caller may change with `setParameters`.
const WRITABLE_ENCODING_MEMBERS: [&str; 6] = [
    "maxBitrate",
    "maxFramerate",
    "scaleResolutionDownBy",
    "priority",
    "networkPriority",
    "scalabilityMode",
];

/// `RTCRtpCodecParameters`: a codec negotiated for a sender or receiver.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodecParameters {
    /// The RTP payload type.
    pub payload_type: u8,
    /// E.g. `"video/VP8"`, `"audio/opus"`.
    pub mime_type: String,
    /// The RTP clock rate.
    pub clock_rate: u32,
    /// Audio channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<u16>,
    /// The `a=fmtp` parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdp_fmtp_line: Option<String>,
}

/// `RTCRtpSendParameters` as read by [`RtpSender::get_parameters`].
///
/// Change `encodings` and hand it to [`RtpSender::set_parameters`]; the transaction id is taken
/// care of there.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct SendParameters {
    /// The transaction id of this reading (informational: `set_parameters` reads a fresh one).
    #[serde(default)]
    pub transaction_id: String,
    /// One entry per encoding (simulcast layer).
    #[serde(default)]
    pub encodings: Vec<EncodingParameters>,
    /// The negotiated codecs (read-only).
    #[serde(default)]
    pub codecs: Vec<CodecParameters>,
    /// `"maintain-framerate"`, `"maintain-resolution"` or `"balanced"`, where supported.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub degradation_preference: Option<String>,
}

/// `RTCRtpCodec` (capability): a codec a browser can send or receive, and what
/// [`RtpTransceiver::set_codec_preferences`] takes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CodecCapability {
    /// E.g. `"video/VP8"`.
    pub mime_type: String,
    /// The RTP clock rate.
    pub clock_rate: u32,
    /// Audio channels.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channels: Option<u16>,
    /// The `a=fmtp` parameters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdp_fmtp_line: Option<String>,
}

/// `RTCRtpHeaderExtensionCapability`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HeaderExtensionCapability {
    /// The extension's URI.
    pub uri: String,
}

/// `RTCRtpCapabilities`: what a browser can send or receive for one kind of media.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtpCapabilities {
    /// The codecs, in the browser's order of preference.
    pub codecs: Vec<CodecCapability>,
    /// The header extensions.
    #[serde(default)]
    pub header_extensions: Vec<HeaderExtensionCapability>,
}

fn capabilities(interface: &str, kind: TrackKind) -> Result<RtpCapabilities, Error> {
    let class = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(interface))?;
    let value = sys::call(
        &class,
        interface,
        "getCapabilities",
        &[JsValue::from_str(kind.as_str())],
    )?;
    if value.is_null() || value.is_undefined() {
        return Err(Error::NotSupported(format!(
            "no {} capabilities",
            kind.as_str()
        )));
    }
    from_js(&value)
}

/// An `RTCRtpSender`: sends one track. A handle, equal when it is the same native sender.
#[derive(Debug, Clone)]
pub struct RtpSender {
    raw: web_sys::RtcRtpSender,
    owner: Owner,
}

impl PartialEq for RtpSender {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for RtpSender {}

impl RtpSender {
    /// A sender reached through `owner`'s connection.
    pub(crate) fn owned(raw: web_sys::RtcRtpSender, owner: Owner) -> Self {
        RtpSender { raw, owner }
    }

    /// The connection it was reached through.
    pub(crate) fn owner(&self) -> &Owner {
        &self.owner
    }

    /// `track`: the track being sent, if any.
    pub fn track(&self) -> Option<MediaStreamTrack> {
        let track = js_sys::Reflect::get(&self.raw, &"track".into())
            .ok()
            .filter(JsValue::is_object)?;
        Some(MediaStreamTrack::from(
            track.unchecked_into::<web_sys::MediaStreamTrack>(),
        ))
    }

    /// `replaceTrack(track)`: switches the source without renegotiation; `None` sends nothing.
    ///
    /// [`Error::Type`] for a track of the other kind; [`Error::Closed`] once the connection is
    /// closed (a sender made with `From<web_sys::RtcRtpSender>` knows no connection and gives the
    /// browser's [`Error::InvalidState`] instead).
    pub async fn replace_track(&self, track: Option<&MediaStreamTrack>) -> Result<(), Error> {
        self.owner.check_open()?;
        let raw_track = track.map_or(JsValue::NULL, |t| t.as_raw().into());
        self.owner
            .call_async(&self.raw, "RTCRtpSender", "replaceTrack", &[raw_track])
            .await?;
        self.owner.note_sent(self.raw.as_ref(), track);
        Ok(())
    }

    /// `getParameters()`.
    pub fn get_parameters(&self) -> Result<SendParameters, Error> {
        from_js(&sys::call(&self.raw, "RTCRtpSender", "getParameters", &[])?)
    }

    /// `setParameters(parameters)`: applies the writable members of each encoding (`active`,
    /// `maxBitrate`, `maxFramerate`, `scaleResolutionDownBy`, `priority`, `networkPriority`,
    /// `scalabilityMode`) and `degradationPreference`.
    ///
    /// The transaction id is handled here: fresh parameters are read and only those members are
    /// changed, so read-only members are never touched. Errors: [`Error::InvalidModification`]
    /// when the number of encodings differs; the browser's [`Error::Range`] or
    /// [`Error::InvalidModification`] for values it rejects (e.g. `scaleResolutionDownBy` < 1);
    /// [`Error::Closed`] once the connection is closed (as for
    /// [`replace_track`](Self::replace_track)).
    pub async fn set_parameters(&self, parameters: &SendParameters) -> Result<(), Error> {
        self.owner.check_open()?;
        let fresh = sys::call(&self.raw, "RTCRtpSender", "getParameters", &[])?;
        let encodings: js_sys::Array = js_sys::Reflect::get(&fresh, &"encodings".into())?
            .dyn_into()
            .map_err(|_| Error::InvalidState("the sender has no encodings yet".into()))?;
        if encodings.length() as usize != parameters.encodings.len() {
            return Err(Error::InvalidModification(format!(
                "the sender has {} encodings; setParameters cannot change that to {}",
                encodings.length(),
                parameters.encodings.len()
            )));
        }
        for (target, wanted) in encodings.iter().zip(&parameters.encodings) {
            let wanted = to_js(wanted)?;
            js_sys::Reflect::set(
                &target,
                &"active".into(),
                &js_sys::Reflect::get(&wanted, &"active".into())?,
            )?;
            for member in WRITABLE_ENCODING_MEMBERS {
                let value = js_sys::Reflect::get(&wanted, &member.into())?;
                if value.is_undefined() {
                    js_sys::Reflect::delete_property(
                        target.unchecked_ref::<js_sys::Object>(),
                        &member.into(),
                    )?;
                } else {
                    js_sys::Reflect::set(&target, &member.into(), &value)?;
                }
            }
        }
        if let Some(preference) = &parameters.degradation_preference {
            js_sys::Reflect::set(
                &fresh,
                &"degradationPreference".into(),
                &JsValue::from_str(preference),
            )?;
        }
        self.owner
            .call_async(&self.raw, "RTCRtpSender", "setParameters", &[fresh])
            .await
            .map(drop)
    }

    /// `setStreams(...streams)`: the remote side will see the track in these streams.
    ///
    /// [`Error::Closed`] once the connection is closed (as for
    /// [`replace_track`](Self::replace_track)).
    pub fn set_streams(&self, streams: &[&MediaStream]) -> Result<(), Error> {
        self.owner.check_open()?;
        let streams: Vec<JsValue> = streams.iter().map(|s| s.as_raw().into()).collect();
        sys::call(&self.raw, "RTCRtpSender", "setStreams", &streams).map(drop)
    }

    /// `getStats()`: the statistics of this sender's stream (outbound-rtp, remote-inbound-rtp,
    /// codec, transport, …).
    pub async fn get_stats(&self) -> Result<StatsReport, Error> {
        stats_of(&self.raw, "RTCRtpSender").await
    }

    /// `RTCRtpSender.getCapabilities(kind)`: what this browser can send.
    pub fn get_capabilities(kind: TrackKind) -> Result<RtpCapabilities, Error> {
        capabilities("RTCRtpSender", kind)
    }

    /// The browser's `RTCRtpSender`.
    pub fn as_raw(&self) -> &web_sys::RtcRtpSender {
        &self.raw
    }
}

impl From<web_sys::RtcRtpSender> for RtpSender {
    fn from(raw: web_sys::RtcRtpSender) -> Self {
        RtpSender::owned(raw, Owner::default())
    }
}

/// `RTCRtpContributingSource` / `RTCRtpSynchronizationSource`: a source heard recently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RtpSource {
    /// When a packet from it last arrived (a `DOMHighResTimeStamp`).
    pub timestamp: f64,
    /// The CSRC or SSRC.
    pub source: u32,
    /// The audio level (0–1), for audio.
    #[serde(default)]
    pub audio_level: Option<f64>,
    /// The RTP timestamp of that packet.
    #[serde(default)]
    pub rtp_timestamp: Option<u32>,
}

/// An `RTCRtpReceiver`: receives one remote track. A handle, equal when it is the same native
/// receiver.
#[derive(Debug, Clone)]
pub struct RtpReceiver {
    raw: web_sys::RtcRtpReceiver,
    owner: Owner,
}

impl PartialEq for RtpReceiver {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for RtpReceiver {}

impl RtpReceiver {
    /// A receiver reached through `owner`'s connection.
    pub(crate) fn owned(raw: web_sys::RtcRtpReceiver, owner: &Owner) -> Self {
        RtpReceiver {
            raw,
            owner: owner.clone(),
        }
    }

    /// The connection it was reached through.
    pub(crate) fn owner(&self) -> &Owner {
        &self.owner
    }

    /// `track`: the remote track (it exists, muted, before media arrives).
    pub fn track(&self) -> MediaStreamTrack {
        MediaStreamTrack::from(self.raw.track())
    }

    /// `getContributingSources()`.
    pub fn get_contributing_sources(&self) -> Result<Vec<RtpSource>, Error> {
        from_js(&sys::call(
            &self.raw,
            "RTCRtpReceiver",
            "getContributingSources",
            &[],
        )?)
    }

    /// `getSynchronizationSources()`.
    pub fn get_synchronization_sources(&self) -> Result<Vec<RtpSource>, Error> {
        from_js(&sys::call(
            &self.raw,
            "RTCRtpReceiver",
            "getSynchronizationSources",
            &[],
        )?)
    }

    fn has_jitter_buffer_target(&self) -> bool {
        js_sys::Reflect::has(&self.raw, &"jitterBufferTarget".into()).unwrap_or(false)
    }

    /// `jitterBufferTarget` in milliseconds (`None`: the browser decides).
    /// [`Error::Unsupported`] where the browser lacks it.
    pub fn jitter_buffer_target(&self) -> Result<Option<f64>, Error> {
        if !self.has_jitter_buffer_target() {
            return Err(Error::unsupported("RTCRtpReceiver.jitterBufferTarget"));
        }
        Ok(attribute::number_attribute(&self.raw, "jitterBufferTarget"))
    }

    /// Sets `jitterBufferTarget` (0–4000 ms, or `None`). [`Error::Range`] outside that range;
    /// [`Error::Unsupported`] where the browser lacks it.
    pub fn set_jitter_buffer_target(&self, ms: Option<f64>) -> Result<(), Error> {
        if !self.has_jitter_buffer_target() {
            return Err(Error::unsupported("RTCRtpReceiver.jitterBufferTarget"));
        }
        let value = ms.map_or(JsValue::NULL, JsValue::from_f64);
        js_sys::Reflect::set(&self.raw, &"jitterBufferTarget".into(), &value)?;
        Ok(())
    }

    /// `getStats()`: the statistics of this receiver's stream (inbound-rtp, remote-outbound-rtp,
    /// codec, transport, …).
    pub async fn get_stats(&self) -> Result<StatsReport, Error> {
        stats_of(&self.raw, "RTCRtpReceiver").await
    }

    /// `RTCRtpReceiver.getCapabilities(kind)`: what this browser can receive.
    pub fn get_capabilities(kind: TrackKind) -> Result<RtpCapabilities, Error> {
        capabilities("RTCRtpReceiver", kind)
    }

    /// The browser's `RTCRtpReceiver`.
    pub fn as_raw(&self) -> &web_sys::RtcRtpReceiver {
        &self.raw
    }
}

impl From<web_sys::RtcRtpReceiver> for RtpReceiver {
    fn from(raw: web_sys::RtcRtpReceiver) -> Self {
        RtpReceiver {
            raw,
            owner: Owner::default(),
        }
    }
}

/// An `RTCRtpTransceiver`: a sender and a receiver sharing one m-line. A handle, equal when it is
/// the same native transceiver.
#[derive(Debug, Clone)]
pub struct RtpTransceiver {
    raw: web_sys::RtcRtpTransceiver,
    owner: Owner,
}

impl PartialEq for RtpTransceiver {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for RtpTransceiver {}

impl RtpTransceiver {
    /// A transceiver reached through `owner`'s connection.
    pub(crate) fn owned(raw: web_sys::RtcRtpTransceiver, owner: Owner) -> Self {
        RtpTransceiver { raw, owner }
    }

    /// `mid`, once negotiated.
    pub fn mid(&self) -> Option<String> {
        self.raw.mid()
    }

    /// `sender`.
    pub fn sender(&self) -> RtpSender {
        RtpSender::owned(self.raw.sender(), self.owner.clone())
    }

    /// `receiver`.
    pub fn receiver(&self) -> RtpReceiver {
        RtpReceiver::owned(self.raw.receiver(), &self.owner)
    }

    /// `direction`: the direction wanted in the next negotiation.
    pub fn direction(&self) -> Direction {
        Direction::parse(&attribute::string_attribute(&self.raw, "direction").unwrap_or_default())
    }

    /// Sets `direction` (takes effect at the next negotiation).
    ///
    /// [`Error::InvalidState`] on a stopped transceiver; [`Error::Type`] for `Stopped` (use
    /// [`stop`](Self::stop)) and for an `Unknown` direction (which the browser would ignore
    /// silently); [`Error::Closed`] once the connection is closed (a transceiver made
    /// with `From<web_sys::RtcRtpTransceiver>` knows no connection: the browser's
    /// [`Error::InvalidState`]).
    pub fn set_direction(&self, direction: Direction) -> Result<(), Error> {
        self.owner.check_open()?;
        match &direction {
            Direction::Stopped => {
                return Err(Error::Type(
                    "direction cannot be set to stopped; call stop()".into(),
                ))
            }
            Direction::Unknown(other) => {
                return Err(Error::Type(format!(
                    "{other:?} is not an RTCRtpTransceiverDirection"
                )))
            }
            _ => {}
        }
        js_sys::Reflect::set(
            &self.raw,
            &"direction".into(),
            &JsValue::from_str(direction.as_str()),
        )?;
        Ok(())
    }

    /// `currentDirection`: the direction last negotiated.
    pub fn current_direction(&self) -> Option<Direction> {
        attribute::string_attribute(&self.raw, "currentDirection")
            .as_deref()
            .map(Direction::parse)
    }

    /// `stop()`: stops sending and receiving for good.
    ///
    /// [`Error::Closed`] once the connection is closed (as for
    /// [`set_direction`](Self::set_direction)).
    pub fn stop(&self) -> Result<(), Error> {
        self.owner.check_open()?;
        sys::call(&self.raw, "RTCRtpTransceiver", "stop", &[]).map(drop)
    }

    /// `setCodecPreferences(codecs)`: the codecs to negotiate, in order; an empty list restores
    /// the browser's default.
    ///
    /// [`Error::InvalidModification`] for a codec the browser cannot receive.
    pub fn set_codec_preferences(&self, codecs: &[CodecCapability]) -> Result<(), Error> {
        sys::call(
            &self.raw,
            "RTCRtpTransceiver",
            "setCodecPreferences",
            &[to_js(codecs)?],
        )
        .map(drop)
    }

    /// The browser's `RTCRtpTransceiver`.
    pub fn as_raw(&self) -> &web_sys::RtcRtpTransceiver {
        &self.raw
    }
}

impl From<web_sys::RtcRtpTransceiver> for RtpTransceiver {
    fn from(raw: web_sys::RtcRtpTransceiver) -> Self {
        RtpTransceiver {
            raw,
            owner: Owner::default(),
        }
    }
}

/// `RTCTrackEvent`: a remote track arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrackEvent {
    /// The remote track.
    pub track: MediaStreamTrack,
    /// The remote streams it belongs to (empty when it was sent without a stream).
    pub streams: Vec<MediaStream>,
    /// Its receiver.
    pub receiver: RtpReceiver,
    /// Its transceiver (`None` only in browsers that predate transceivers).
    pub transceiver: Option<RtpTransceiver>,
}

impl TrackEvent {
    /// Makes its receiver and transceiver keep `connection` (their connection's state) open:
    /// once the event is handed out of the connection's queue.
    pub(crate) fn keep_open(&mut self, connection: &Rc<dyn Any>) {
        self.receiver.owner.keep_open(connection.clone());
        if let Some(transceiver) = &mut self.transceiver {
            transceiver.owner.keep_open(connection.clone());
        }
    }
}

/// A `track` event of `owner`'s connection, as a [`TrackEvent`].
pub(crate) fn track_event(event: &web_sys::Event, owner: &Owner) -> Emit<TrackEvent> {
    let get = |name: &'static str| {
        attribute::member(event, name)
            .ok()
            .filter(JsValue::is_object)
    };
    let (Some(track), Some(receiver)) = (get("track"), get("receiver")) else {
        return Emit::Skip;
    };
    let streams = get("streams")
        .and_then(|s| s.dyn_into::<js_sys::Array>().ok())
        .map(|list| {
            list.iter()
                .map(|s| MediaStream::from(s.unchecked_into::<web_sys::MediaStream>()))
                .collect()
        })
        .unwrap_or_default();
    Emit::Item(TrackEvent {
        track: MediaStreamTrack::from(track.unchecked_into::<web_sys::MediaStreamTrack>()),
        streams,
        receiver: RtpReceiver::owned(receiver.unchecked_into(), owner),
        transceiver: get("transceiver").map(|t| RtpTransceiver {
            raw: t.unchecked_into(),
            owner: owner.clone(),
        }),
    })
}

/// What [`PeerConnection::add_transceiver`](crate::PeerConnection::add_transceiver) creates a transceiver for.
#[derive(Debug, Clone)]
pub enum TransceiverMedia {
    /// Send this track.
    Track(MediaStreamTrack),
    /// No track yet; media of this kind.
    Kind(TrackKind),
}

/// `RTCRtpTransceiverInit`.
#[derive(Debug, Clone, Default)]
pub struct TransceiverInit {
    /// The direction (default `sendrecv`).
    pub direction: Option<Direction>,
    /// The streams the remote side will see the track in.
    pub streams: Vec<MediaStream>,
    /// The encodings (simulcast layers) to send.
    pub send_encodings: Vec<EncodingParameters>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TransceiverInitDictionary<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    direction: Option<&'a Direction>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    send_encodings: &'a [EncodingParameters],
}

impl TransceiverMedia {
    /// `addTransceiver`'s first argument: the track, or the kind's string.
    pub(crate) fn to_js(&self) -> JsValue {
        match self {
            TransceiverMedia::Track(track) => track.as_raw().into(),
            TransceiverMedia::Kind(kind) => JsValue::from_str(kind.as_str()),
        }
    }
}

impl TransceiverInit {
    /// The `RTCRtpTransceiverInit` dictionary.
    pub(crate) fn to_js(&self) -> Result<JsValue, Error> {
        let dictionary = to_js(&TransceiverInitDictionary {
            direction: self.direction.as_ref(),
            send_encodings: &self.send_encodings,
        })?;
        let streams: js_sys::Array = self
            .streams
            .iter()
            .map(|s| JsValue::from(s.as_raw()))
            .collect();
        js_sys::Reflect::set(&dictionary, &"streams".into(), &streams)?;
        Ok(dictionary)
    }
}

#[cfg(test)]
mod tests {
    use super::Direction;

    #[test]
    fn an_unknown_direction_is_kept_as_the_browser_spelled_it() {
        assert_eq!(Direction::parse("sendrecv"), Direction::Sendrecv);
        assert_eq!(Direction::parse("stopped"), Direction::Stopped);
        let unknown = Direction::parse("sideways");
        assert_eq!(unknown, Direction::Unknown("sideways".into()));
        assert_eq!(unknown.as_str(), "sideways");
    }
}
