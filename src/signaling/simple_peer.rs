//! [`SimplePeerSignal`]: the `signal` data of [simple-peer](https://github.com/feross/simple-peer)
//! 9, the JSON most JavaScript WebRTC apps send through their own servers, so that a wasm-rtc
//! peer can take part in their calls (with a [`SimplePeerNegotiator`](crate::SimplePeerNegotiator)).

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::json;
use crate::candidate::IceCandidate;
use crate::config::SessionDescription;
use crate::enums::{Direction, SdpType, TrackKind};
use crate::error::Error;
use crate::rtp::EncodingParameters;

/// One piece of simple-peer 9's `signal` data: what its `peer.on('signal', data)` hands over
/// and its `peer.signal(data)` takes.
///
/// ```json
/// {"type":"offer","sdp":"v=0…"}
/// {"type":"answer","sdp":"v=0…"}
/// {"type":"candidate","candidate":{"candidate":"candidate:…","sdpMLineIndex":0,"sdpMid":"0"}}
/// {"type":"renegotiate","renegotiate":true}
/// {"type":"transceiverRequest","transceiverRequest":{"kind":"video","init":{"direction":"sendrecv"}}}
/// ```
///
/// Read as simple-peer reads it, by its members (`sdp`, `candidate`, `renegotiate`,
/// `transceiverRequest`), not by `type`; written as simple-peer writes it.
///
/// ```
/// use wasm_rtc::SimplePeerSignal;
/// # fn main() -> Result<(), wasm_rtc::Error> {
/// # #[cfg(target_arch = "wasm32")] {
/// let signal = SimplePeerSignal::from_json(r#"{"type":"renegotiate","renegotiate":true}"#)?;
/// assert_eq!(signal, SimplePeerSignal::Renegotiate);
/// # }
/// # Ok(())
/// # }
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Wire", into = "Wire")]
pub enum SimplePeerSignal {
    /// An offer (only the initiator makes them) or an answer: `{type, sdp}`.
    Description(SessionDescription),
    /// One trickled candidate: `{type: "candidate", candidate: {candidate, sdpMLineIndex,
    /// sdpMid}}`. simple-peer sends no end-of-candidates.
    Candidate(IceCandidate),
    /// The responder asks the initiator to offer again: `{type: "renegotiate", renegotiate:
    /// true}`.
    Renegotiate,
    /// The responder asks the initiator to add a transceiver (the responder cannot add an m-line
    /// itself): `{type: "transceiverRequest", transceiverRequest: {kind, init}}`.
    TransceiverRequest(TransceiverRequest),
}

/// What a [`SimplePeerSignal::TransceiverRequest`] asks for: `addTransceiver(kind, init)` on the
/// initiator.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TransceiverRequest {
    /// The media kind.
    pub kind: TrackKind,
    /// The `RTCRtpTransceiverInit` members that JSON can carry (streams cannot: they are the
    /// sender's own objects).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub init: Option<TransceiverRequestInit>,
}

/// The JSON part of `RTCRtpTransceiverInit`, as a transceiver request carries it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TransceiverRequestInit {
    /// The direction (`sendrecv` when absent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<Direction>,
    /// The encodings (simulcast layers) to send.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub send_encodings: Vec<EncodingParameters>,
}

/// Every member simple-peer's `signal()` looks at.
#[derive(Default, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Wire {
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sdp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    candidate: Option<IceCandidate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    renegotiate: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    transceiver_request: Option<TransceiverRequest>,
}

impl TryFrom<Wire> for SimplePeerSignal {
    type Error = String;

    fn try_from(wire: Wire) -> Result<Self, String> {
        if let Some(sdp) = wire.sdp {
            let kind = match wire.kind.as_deref() {
                Some("offer") => SdpType::Offer,
                Some("answer") => SdpType::Answer,
                Some("pranswer") => SdpType::Pranswer,
                other => return Err(format!("a description of type {other:?}")),
            };
            return Ok(SimplePeerSignal::Description(SessionDescription::new(
                kind, sdp,
            )));
        }
        if let Some(candidate) = wire.candidate {
            return Ok(SimplePeerSignal::Candidate(candidate));
        }
        if wire.renegotiate == Some(true) {
            return Ok(SimplePeerSignal::Renegotiate);
        }
        if let Some(request) = wire.transceiver_request {
            return Ok(SimplePeerSignal::TransceiverRequest(request));
        }
        Err("none of sdp, candidate, renegotiate, transceiverRequest".into())
    }
}

impl From<SimplePeerSignal> for Wire {
    fn from(signal: SimplePeerSignal) -> Wire {
        match signal {
            SimplePeerSignal::Description(description) => Wire {
                kind: Some(description.kind.as_str().into()),
                sdp: Some(description.sdp),
                ..Wire::default()
            },
            SimplePeerSignal::Candidate(candidate) => Wire {
                kind: Some("candidate".into()),
                // simple-peer sends the three members of `RTCIceCandidateInit` it knows.
                candidate: Some(IceCandidate::new(
                    candidate.candidate,
                    candidate.sdp_mid.as_deref(),
                    candidate.sdp_m_line_index,
                )),
                ..Wire::default()
            },
            SimplePeerSignal::Renegotiate => Wire {
                kind: Some("renegotiate".into()),
                renegotiate: Some(true),
                ..Wire::default()
            },
            SimplePeerSignal::TransceiverRequest(request) => Wire {
                kind: Some("transceiverRequest".into()),
                transceiver_request: Some(request),
                ..Wire::default()
            },
        }
    }
}

impl SimplePeerSignal {
    /// The signal's JSON text, as simple-peer writes it (its `peer.signal()` takes the text or
    /// the parsed object).
    pub fn to_json(&self) -> Result<String, Error> {
        json::to_text(self)
    }

    /// Reads simple-peer signal data from JSON text: [`Error::Data`] for text over
    /// [`MAX_SIGNAL_BYTES`](crate::MAX_SIGNAL_BYTES) or JSON that is none of the four signals,
    /// [`Error::Syntax`] for text that is not JSON.
    pub fn from_json(text: &str) -> Result<SimplePeerSignal, Error> {
        json::from_text(text, "not simple-peer signal data")
    }

    /// Reads simple-peer signal data from a JavaScript value (the object simple-peer's
    /// `signal` event hands over).
    pub fn from_value(value: &JsValue) -> Result<SimplePeerSignal, Error> {
        json::from_value(value, "not simple-peer signal data")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn read(value: serde_json::Value) -> Result<SimplePeerSignal, serde_json::Error> {
        serde_json::from_value(value)
    }

    #[test]
    fn descriptions_are_type_and_sdp() {
        let offer =
            SimplePeerSignal::Description(SessionDescription::new(SdpType::Offer, "v=0\r\n"));
        assert_eq!(
            serde_json::to_value(&offer).unwrap(),
            json!({"type": "offer", "sdp": "v=0\r\n"})
        );
        let answer = read(json!({"type": "answer", "sdp": "v=0\r\n"})).unwrap();
        assert_eq!(
            answer,
            SimplePeerSignal::Description(SessionDescription::new(SdpType::Answer, "v=0\r\n"))
        );
        assert!(read(json!({"type": "rollback", "sdp": ""})).is_err());
    }

    #[test]
    fn candidates_carry_the_three_members_simple_peer_sends() {
        let line = "candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host";
        let mut candidate = IceCandidate::new(line, Some("0"), Some(0));
        candidate.username_fragment = Some("abcd".into());
        assert_eq!(
            serde_json::to_value(SimplePeerSignal::Candidate(candidate)).unwrap(),
            json!({"type": "candidate",
                   "candidate": {"candidate": line, "sdpMid": "0", "sdpMLineIndex": 0}})
        );
        let from_simple_peer = json!({"type": "candidate",
            "candidate": {"candidate": line, "sdpMLineIndex": 1, "sdpMid": "1"}});
        assert_eq!(
            read(from_simple_peer).unwrap(),
            SimplePeerSignal::Candidate(IceCandidate::new(line, Some("1"), Some(1)))
        );
    }

    #[test]
    fn renegotiation_and_transceiver_requests() {
        assert_eq!(
            serde_json::to_value(SimplePeerSignal::Renegotiate).unwrap(),
            json!({"type": "renegotiate", "renegotiate": true})
        );
        assert_eq!(
            read(json!({"renegotiate": true})).unwrap(),
            SimplePeerSignal::Renegotiate
        );
        let request = read(json!({"type": "transceiverRequest",
            "transceiverRequest": {"kind": "video", "init": {"direction": "recvonly"}}}))
        .unwrap();
        assert_eq!(
            request,
            SimplePeerSignal::TransceiverRequest(TransceiverRequest {
                kind: TrackKind::Video,
                init: Some(TransceiverRequestInit {
                    direction: Some(Direction::Recvonly),
                    send_encodings: Vec::new(),
                }),
            })
        );
        // simple-peer's own request for a missing transceiver has no init.
        let bare = SimplePeerSignal::TransceiverRequest(TransceiverRequest {
            kind: TrackKind::Audio,
            init: None,
        });
        assert_eq!(
            serde_json::to_value(&bare).unwrap(),
            json!({"type": "transceiverRequest", "transceiverRequest": {"kind": "audio"}})
        );
    }

    #[test]
    fn data_that_is_no_signal_is_an_error() {
        for value in [
            json!({}),
            json!({"type": "offer"}),
            json!({"renegotiate": false}),
            json!({"type": "hello", "from": "a", "call": "c"}),
            json!({"transceiverRequest": {"kind": "screen"}}),
        ] {
            assert!(read(value.clone()).is_err(), "{value} read as a signal");
        }
    }
}
