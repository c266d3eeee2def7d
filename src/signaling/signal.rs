//! [`Signal`]: what two peers tell each other to connect, and its JSON wire format.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::json;
use crate::candidate::IceCandidate;
use crate::config::SessionDescription;
use crate::error::Error;

/// One message between two peers on a signaling channel. Every signal names its sender (`from`,
/// a peer id) and its call (`call`, an id both sides agree on), so one channel can carry several
/// calls and a peer can ignore its own echo.
///
/// Its JSON is what a JavaScript peer writes by hand, with the spec's dictionaries inside:
///
/// ```json
/// {"type":"hello","from":"a","call":"c1"}
/// {"type":"description","from":"a","call":"c1","description":{"type":"offer","sdp":"v=0…"}}
/// {"type":"candidate","from":"a","call":"c1","candidate":{"candidate":"candidate:…","sdpMid":"0","sdpMLineIndex":0}}
/// {"type":"end-of-candidates","from":"a","call":"c1"}
/// {"type":"bye","from":"a","call":"c1"}
/// ```
///
/// An offer can come twice: a [`Negotiator`](crate::Negotiator) sends its waiting offer again
/// to a peer whose `hello` came after it, with the same `o=` line (session id and version) as
/// the first. A peer applies it once.
///
/// ```
/// use wasm_rtc::{SdpType, SessionDescription, Signal};
/// let offer = Signal::Description {
///     from: "a".into(),
///     call: "c1".into(),
///     description: SessionDescription::new(SdpType::Offer, "v=0\r\n"),
/// };
/// assert_eq!((offer.from(), offer.call()), ("a", "c1"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Signal {
    /// A peer is here and ready to negotiate.
    Hello {
        /// The sender's peer id.
        from: String,
        /// The call.
        call: String,
    },
    /// An offer or an answer (`RTCSessionDescriptionInit`).
    Description {
        /// The sender's peer id.
        from: String,
        /// The call.
        call: String,
        /// The offer or answer.
        description: SessionDescription,
    },
    /// One trickled ICE candidate (`RTCIceCandidateInit`).
    Candidate {
        /// The sender's peer id.
        from: String,
        /// The call.
        call: String,
        /// The candidate.
        candidate: IceCandidate,
    },
    /// The sender has gathered all its candidates (of this ICE generation).
    EndOfCandidates {
        /// The sender's peer id.
        from: String,
        /// The call.
        call: String,
    },
    /// The peer is leaving the call.
    Bye {
        /// The sender's peer id.
        from: String,
        /// The call.
        call: String,
    },
}

impl Signal {
    /// The sender's peer id.
    pub fn from(&self) -> &str {
        match self {
            Signal::Hello { from, .. }
            | Signal::Description { from, .. }
            | Signal::Candidate { from, .. }
            | Signal::EndOfCandidates { from, .. }
            | Signal::Bye { from, .. } => from,
        }
    }

    /// The call it belongs to.
    pub fn call(&self) -> &str {
        match self {
            Signal::Hello { call, .. }
            | Signal::Description { call, .. }
            | Signal::Candidate { call, .. }
            | Signal::EndOfCandidates { call, .. }
            | Signal::Bye { call, .. } => call,
        }
    }

    /// The signal's JSON text (see the type's docs for the format).
    pub fn to_json(&self) -> Result<String, Error> {
        json::to_text(self)
    }

    /// Reads a signal from JSON text: [`Error::Data`] for text over [`MAX_SIGNAL_BYTES`](crate::MAX_SIGNAL_BYTES) or JSON
    /// that is no signal (a wrong `type`, a missing member), [`Error::Syntax`] for text that is
    /// not JSON.
    pub fn from_json(text: &str) -> Result<Signal, Error> {
        json::from_text(text, "not a signal")
    }

    /// Reads a signal from a JavaScript value (an object as [`from_json`](Self::from_json)
    /// parses it, or one a transport hands over as is).
    pub fn from_value(value: &JsValue) -> Result<Signal, Error> {
        json::from_value(value, "not a signal")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::enums::SdpType;
    use serde_json::json;

    #[test]
    fn the_wire_format_is_the_documented_json() {
        let offer = Signal::Description {
            from: "a".into(),
            call: "c1".into(),
            description: SessionDescription::new(SdpType::Offer, "v=0\r\n"),
        };
        assert_eq!(
            serde_json::to_value(&offer).unwrap(),
            json!({"type": "description", "from": "a", "call": "c1",
                   "description": {"type": "offer", "sdp": "v=0\r\n"}})
        );
        let written_by_hand = json!({"type": "candidate", "from": "b", "call": "c1",
            "candidate": {"candidate": "candidate:1 1 udp 1 192.0.2.1 9 typ host",
                          "sdpMid": "0", "sdpMLineIndex": 0}});
        let candidate: Signal = serde_json::from_value(written_by_hand).unwrap();
        assert_eq!((candidate.from(), candidate.call()), ("b", "c1"));
        for (signal, kind) in [
            (
                Signal::Hello {
                    from: "a".into(),
                    call: "c".into(),
                },
                "hello",
            ),
            (
                Signal::EndOfCandidates {
                    from: "a".into(),
                    call: "c".into(),
                },
                "end-of-candidates",
            ),
            (
                Signal::Bye {
                    from: "a".into(),
                    call: "c".into(),
                },
                "bye",
            ),
        ] {
            assert_eq!(
                serde_json::to_value(&signal).unwrap(),
                json!({"type": kind, "from": "a", "call": "c"})
            );
        }
        let wrong = json!({"type": "shout", "from": "a", "call": "c"});
        assert!(serde_json::from_value::<Signal>(wrong).is_err());
    }
}
