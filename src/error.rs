//! [`Error`]: every failure the browser or a caller can cause, typed by its DOMException name.
//!
//! WebRTC and Media Capture report failures as `DOMException`s (or `TypeError`/`RangeError`). Each
//! becomes one variant here that keeps the browser's own message, so `match` replaces string
//! comparison on `err.name` and nothing the browser said is lost.

use core::fmt;

use crate::prelude::*;
use alloc::boxed::Box;
use wasm_bindgen::{JsCast, JsValue};

/// A failure reported by the browser, or detected by this crate before calling it.
///
/// Each DOMException variant carries the browser's message unchanged. Use [`Error::name`] for the
/// JavaScript name (`"InvalidStateError"`, …) and [`Error::message`] for the text.
///
/// ```
/// use wasm_rtc::Error;
/// let err = Error::InvalidState("Cannot set remote answer in state stable".into());
/// assert_eq!(err.name(), "InvalidStateError");
/// assert!(err.to_string().contains("stable"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// `InvalidStateError`: the object is in the wrong state for the call (wrong signaling state,
    /// a channel that is not open, a connection that is closed, …).
    InvalidState(String),
    /// `InvalidAccessError`: a parameter or state the object does not accept (e.g. a `turn:` server
    /// without credentials).
    InvalidAccess(String),
    /// `InvalidModificationError`: a change the object does not allow (e.g. changing read-only
    /// configuration or RTP parameters).
    InvalidModification(String),
    /// `InvalidCharacterError`: a string with characters the API rejects (e.g. DTMF tones).
    InvalidCharacter(String),
    /// `OperationError`: the operation failed for an operation-specific reason (e.g. a candidate
    /// that cannot be added, SDP that cannot be applied).
    Operation(String),
    /// `NotAllowedError`: the user or the platform denied permission.
    NotAllowed(String),
    /// `NotFoundError`: the requested device, track or object does not exist.
    NotFound(String),
    /// `NotReadableError`: a hardware or operating-system error kept the device from being read.
    NotReadable(String),
    /// `OverconstrainedError`: no device satisfies the constraints; `constraint` names the one that
    /// could not be met, when the browser says.
    Overconstrained {
        /// The constraint the browser could not satisfy, e.g. `"width"`.
        constraint: Option<String>,
        /// The browser's message.
        message: String,
    },
    /// `NotSupportedError`: the browser does not support the requested value or operation.
    NotSupported(String),
    /// `SyntaxError`: a string could not be parsed (SDP, ICE server URL, candidate line, …).
    Syntax(String),
    /// `AbortError`: the operation was aborted.
    Abort(String),
    /// `SecurityError`: the operation is insecure in this context.
    Security(String),
    /// `NetworkError`: a network error occurred.
    Network(String),
    /// `DataError`: the provided data is inadequate.
    Data(String),
    /// `TimeoutError`: the operation took too long (e.g. tones that never finished playing).
    Timeout(String),
    /// `UnknownError`: the operation failed for a transient reason the browser does not name
    /// (e.g. Chrome's "Cannot create so many PeerConnections" once about 500 connections exist
    /// that the garbage collector has not yet freed).
    Unknown(String),
    /// `TypeError`: an argument has the wrong type or an invalid value (e.g. a message larger than
    /// `maxMessageSize`, a data channel id out of range).
    Type(String),
    /// `RangeError`: a numeric argument is out of range.
    Range(String),
    /// The browser lacks the API: `feature` names it (e.g. `"RTCPeerConnection"`,
    /// `"RTCCertificate.getFingerprints"`).
    Unsupported {
        /// The missing interface, method or attribute.
        feature: String,
    },
    /// The object (connection or channel) is closed; nothing more can be done with it.
    Closed,
    /// `RTCError`: an `OperationError` with WebRTC's account of what failed (what, and where:
    /// the SDP line, the SCTP cause, the DTLS alert). Its [`name`](Error::name) is
    /// `"OperationError"`; a plain `OperationError` is [`Error::Operation`].
    Rtc(Box<RtcError>),
    /// Any other exception: its JavaScript `name` and `message`.
    Other {
        /// The exception's `name`, e.g. `"EncodingError"`; `"Error"` for a thrown value that is
        /// not an object.
        name: String,
        /// The exception's `message`.
        message: String,
    },
}

/// The details of an `RTCError` ([MDN](https://developer.mozilla.org/en-US/docs/Web/API/RTCError)),
/// in [`Error::Rtc`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RtcError {
    /// `errorDetail`: what failed — `"data-channel-failure"`, `"dtls-failure"`,
    /// `"fingerprint-failure"`, `"sctp-failure"`, `"sdp-syntax-error"`,
    /// `"hardware-encoder-not-available"`, `"hardware-encoder-error"`, or what a newer browser
    /// says.
    pub error_detail: String,
    /// `sdpLineNumber`: the line of the SDP that failed to parse (`sdp-syntax-error`).
    pub sdp_line_number: Option<i32>,
    /// `sctpCauseCode`: the SCTP cause code (`sctp-failure`), e.g. 12 for a user-initiated abort.
    pub sctp_cause_code: Option<i32>,
    /// `receivedAlert`: the DTLS alert received (`dtls-failure`).
    pub received_alert: Option<u32>,
    /// `sentAlert`: the DTLS alert sent (`dtls-failure`).
    pub sent_alert: Option<u32>,
    /// The browser's message.
    pub message: String,
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = core::result::Result<T, E>;

impl Error {
    /// An [`Error::Unsupported`] for a missing browser feature.
    pub fn unsupported(feature: impl Into<String>) -> Self {
        Error::Unsupported {
            feature: feature.into(),
        }
    }

    /// Builds the variant for a JavaScript exception `name` with its `message`.
    ///
    /// ```
    /// use wasm_rtc::Error;
    /// assert_eq!(Error::from_name("SyntaxError", "bad"), Error::Syntax("bad".into()));
    /// assert_eq!(Error::from_name("TypeError", "x").name(), "TypeError");
    /// ```
    pub fn from_name(name: &str, message: impl Into<String>) -> Self {
        let m = message.into();
        match name {
            "InvalidStateError" => Error::InvalidState(m),
            "InvalidAccessError" => Error::InvalidAccess(m),
            "InvalidModificationError" => Error::InvalidModification(m),
            "InvalidCharacterError" => Error::InvalidCharacter(m),
            "OperationError" => Error::Operation(m),
            "NotAllowedError" => Error::NotAllowed(m),
            "NotFoundError" => Error::NotFound(m),
            "NotReadableError" => Error::NotReadable(m),
            "OverconstrainedError" => Error::Overconstrained {
                constraint: None,
                message: m,
            },
            "NotSupportedError" => Error::NotSupported(m),
            "SyntaxError" => Error::Syntax(m),
            "AbortError" => Error::Abort(m),
            "SecurityError" => Error::Security(m),
            "NetworkError" => Error::Network(m),
            "DataError" => Error::Data(m),
            "TimeoutError" => Error::Timeout(m),
            "UnknownError" => Error::Unknown(m),
            "TypeError" => Error::Type(m),
            "RangeError" => Error::Range(m),
            other => Error::Other {
                name: other.to_owned(),
                message: m,
            },
        }
    }

    /// The JavaScript name of this error: the DOMException name (`"InvalidStateError"`),
    /// `"TypeError"`, `"RangeError"`, or `"NotSupportedError"` for [`Error::Unsupported`] and
    /// `"InvalidStateError"` for [`Error::Closed`], which is what the spec throws in those cases.
    pub fn name(&self) -> &str {
        match self {
            Error::InvalidState(_) | Error::Closed => "InvalidStateError",
            Error::Rtc(_) => "OperationError",
            Error::InvalidAccess(_) => "InvalidAccessError",
            Error::InvalidModification(_) => "InvalidModificationError",
            Error::InvalidCharacter(_) => "InvalidCharacterError",
            Error::Operation(_) => "OperationError",
            Error::NotAllowed(_) => "NotAllowedError",
            Error::NotFound(_) => "NotFoundError",
            Error::NotReadable(_) => "NotReadableError",
            Error::Overconstrained { .. } => "OverconstrainedError",
            Error::NotSupported(_) | Error::Unsupported { .. } => "NotSupportedError",
            Error::Syntax(_) => "SyntaxError",
            Error::Abort(_) => "AbortError",
            Error::Security(_) => "SecurityError",
            Error::Network(_) => "NetworkError",
            Error::Data(_) => "DataError",
            Error::Timeout(_) => "TimeoutError",
            Error::Unknown(_) => "UnknownError",
            Error::Type(_) => "TypeError",
            Error::Range(_) => "RangeError",
            Error::Other { name, .. } => name,
        }
    }

    /// The human-readable message: the browser's own where the browser raised the error.
    pub fn message(&self) -> String {
        match self {
            Error::InvalidState(m)
            | Error::InvalidAccess(m)
            | Error::InvalidModification(m)
            | Error::InvalidCharacter(m)
            | Error::Operation(m)
            | Error::NotAllowed(m)
            | Error::NotFound(m)
            | Error::NotReadable(m)
            | Error::NotSupported(m)
            | Error::Syntax(m)
            | Error::Abort(m)
            | Error::Security(m)
            | Error::Network(m)
            | Error::Data(m)
            | Error::Timeout(m)
            | Error::Unknown(m)
            | Error::Type(m)
            | Error::Range(m)
            | Error::Overconstrained { message: m, .. }
            | Error::Other { message: m, .. } => m.clone(),
            Error::Unsupported { feature } => {
                let mut message = feature.clone();
                message.push_str(" is not supported by this browser");
                message
            }
            Error::Closed => "the object is closed".to_owned(),
            Error::Rtc(details) => details.message.clone(),
        }
    }
}

impl Error {
    /// The [`Display`](fmt::Display) text, built without `core::fmt` so that the shim (which
    /// reports failures in this form) does not link it.
    pub(crate) fn describe(&self) -> String {
        let (head, detail, message) = match self {
            Error::Overconstrained {
                constraint: Some(c),
                message,
            } => ("OverconstrainedError (", Some(c.as_str()), message.clone()),
            Error::Unsupported { .. } => ("Unsupported", None, self.message()),
            Error::Closed => ("Closed", None, self.message()),
            Error::Rtc(details) => (
                "OperationError (",
                Some(details.error_detail.as_str()),
                details.message.clone(),
            ),
            _ => (self.name(), None, self.message()),
        };
        let mut text = String::from(head);
        if let Some(detail) = detail {
            text.push_str(detail);
            text.push(')');
        }
        text.push_str(": ");
        text.push_str(&message);
        text
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

impl core::error::Error for Error {}

impl From<JsValue> for Error {
    /// Reads `name`, `message` (and `constraint` for OverconstrainedError) off any thrown value.
    fn from(value: JsValue) -> Self {
        if !value.is_object() {
            let message = value
                .as_string()
                .unwrap_or_else(|| crate::attribute::string_of(&value));
            return Error::Other {
                name: "Error".to_owned(),
                message,
            };
        }
        let name = crate::attribute::string_attribute(&value, "name")
            .unwrap_or_else(|| "Error".to_owned());
        let message = crate::attribute::string_attribute(&value, "message").unwrap_or_default();
        // Not in the shim-only wasm, which meets no RTCError (and is kept small).
        #[cfg(feature = "wrappers")]
        if name == "OperationError" {
            if let Some(error_detail) = crate::attribute::string_attribute(&value, "errorDetail") {
                let number = |key: &'static str| crate::attribute::number_attribute(&value, key);
                return Error::Rtc(Box::new(RtcError {
                    error_detail,
                    sdp_line_number: number("sdpLineNumber").map(|n| n as i32),
                    sctp_cause_code: number("sctpCauseCode").map(|n| n as i32),
                    received_alert: number("receivedAlert").map(|n| n as u32),
                    sent_alert: number("sentAlert").map(|n| n as u32),
                    message,
                }));
            }
        }
        match Error::from_name(&name, message) {
            Error::Overconstrained { message, .. } => {
                let constraint = crate::attribute::string_attribute(&value, "constraint")
                    .filter(|c| !c.is_empty());
                Error::Overconstrained {
                    constraint,
                    message,
                }
            }
            other => other,
        }
    }
}

impl From<Error> for JsValue {
    /// A JavaScript exception with the same name and message, as the browser would throw it: a
    /// `TypeError` or `RangeError` for those variants, a `DOMException` for the DOMException
    /// names (an `Error` with that `name` where `DOMException` cannot be constructed), an `Error`
    /// named as the original for [`Error::Other`]; OverconstrainedError keeps its `constraint`.
    fn from(err: Error) -> Self {
        let message = err.message();
        let named = || {
            let e = js_sys::Error::new(&message);
            e.set_name(err.name());
            e
        };
        let object: js_sys::Error = match &err {
            Error::Type(_) => js_sys::TypeError::new(&message).unchecked_into(),
            Error::Range(_) => js_sys::RangeError::new(&message).unchecked_into(),
            Error::Other { .. } => named(),
            _ => web_sys::DomException::new_with_message_and_name(&message, err.name())
                .map(JsCast::unchecked_into)
                .unwrap_or_else(|_| named()),
        };
        if let Error::Overconstrained {
            constraint: Some(c),
            ..
        } = &err
        {
            let _ = js_sys::Reflect::set(&object, &"constraint".into(), &JsValue::from_str(c));
        }
        if let Error::Rtc(details) = &err {
            return rtc_error_to_js(details, object);
        }
        object.into()
    }
}

/// The shim-only wasm never makes an [`Error::Rtc`].
#[cfg(not(feature = "wrappers"))]
fn rtc_error_to_js(_: &RtcError, fallback: js_sys::Error) -> JsValue {
    fallback.into()
}

/// An `RTCError` made from `details` where the browser has the constructor; else `fallback` (an
/// `OperationError`) with the same members.
#[cfg(feature = "wrappers")]
fn rtc_error_to_js(details: &RtcError, fallback: js_sys::Error) -> JsValue {
    let init = js_sys::Object::new();
    let members: [(&str, Option<JsValue>); 5] = [
        (
            "errorDetail",
            Some(JsValue::from_str(&details.error_detail)),
        ),
        ("sdpLineNumber", details.sdp_line_number.map(JsValue::from)),
        ("sctpCauseCode", details.sctp_cause_code.map(JsValue::from)),
        ("receivedAlert", details.received_alert.map(JsValue::from)),
        ("sentAlert", details.sent_alert.map(JsValue::from)),
    ];
    // The members it has, onto `target`.
    let write = |target: &JsValue| {
        for (key, value) in &members {
            if let Some(value) = value {
                let _ = js_sys::Reflect::set(target, &JsValue::from_str(key), value);
            }
        }
    };
    write(&init);
    let constructor = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("RTCError"))
        .ok()
        .and_then(|c| c.dyn_into::<js_sys::Function>().ok());
    let arguments = js_sys::Array::of2(&init, &JsValue::from_str(&details.message));
    if let Some(made) = constructor.and_then(|c| js_sys::Reflect::construct(&c, &arguments).ok()) {
        return made;
    }
    write(&fallback);
    fallback.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for name in [
            "InvalidStateError",
            "InvalidAccessError",
            "InvalidModificationError",
            "InvalidCharacterError",
            "OperationError",
            "NotAllowedError",
            "NotFoundError",
            "NotReadableError",
            "OverconstrainedError",
            "NotSupportedError",
            "SyntaxError",
            "AbortError",
            "SecurityError",
            "NetworkError",
            "DataError",
            "TimeoutError",
            "TypeError",
            "RangeError",
            "UnknownError",
            "SomeFutureError",
        ] {
            let e = Error::from_name(name, "browser said so");
            assert_eq!(e.name(), name);
            assert_eq!(e.message(), "browser said so");
        }
        assert_eq!(
            Error::from_name("UnknownError", "Cannot create so many PeerConnections"),
            Error::Unknown("Cannot create so many PeerConnections".into())
        );
        assert!(matches!(
            Error::from_name("SomeFutureError", ""),
            Error::Other { .. }
        ));
    }

    #[test]
    fn display_keeps_message_and_constraint() {
        let e = Error::Overconstrained {
            constraint: Some("width".into()),
            message: "no".into(),
        };
        assert_eq!(e.to_string(), "OverconstrainedError (width): no");
        assert_eq!(
            Error::unsupported("RTCPeerConnection").to_string(),
            "Unsupported: RTCPeerConnection is not supported by this browser"
        );
        assert_eq!(Error::Closed.name(), "InvalidStateError");
    }

    #[test]
    fn display_is_what_it_was() {
        // The text `write!` made before `describe` built it by hand.
        let before = |e: &Error| match e {
            Error::Overconstrained {
                constraint: Some(c),
                message,
            } => format!("OverconstrainedError ({c}): {message}"),
            Error::Unsupported { .. } => format!("Unsupported: {}", e.message()),
            Error::Closed => "Closed: the object is closed".to_owned(),
            _ => format!("{}: {}", e.name(), e.message()),
        };
        for e in [
            Error::Overconstrained {
                constraint: Some("width".into()),
                message: "no".into(),
            },
            Error::Overconstrained {
                constraint: None,
                message: "no".into(),
            },
            Error::unsupported("RTCPeerConnection.sctp"),
            Error::Closed,
            Error::Type("bad".into()),
            Error::from_name("UnknownError", "odd"),
            Error::from_name("SomeFutureError", "odd"),
            Error::InvalidState(String::new()),
        ] {
            assert_eq!(e.to_string(), before(&e));
        }
    }
}
