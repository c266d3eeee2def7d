//! The spec's string enums, all in one place, and the two macros they are made with, so that
//! each enum's strings are written once, next to its variants, and serde, parsing, `as_str` and
//! the stats decoding all read them there.

/// An enum of the spec's strings that never fails to parse: an unknown value becomes `Unknown`,
/// spelled as the browser spelled it. For the enums the spec may still grow: the connection
/// states, `RTCRtpTransceiverDirection`, the stats types.
#[cfg_attr(not(feature = "wrappers"), allow(unused_macros))]
macro_rules! spec_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(type = "string"))]
        #[serde(rename_all = "kebab-case")]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vdoc])* $variant,)+
            /// A value this version of the crate does not know, as the browser spelled it.
            #[serde(untagged)]
            Unknown(String),
        }

        impl $name {
            /// Parses the browser's string.
            pub fn parse(text: &str) -> Self {
                match text {
                    $($text => $name::$variant,)+
                    other => $name::Unknown(other.to_owned()),
                }
            }

            /// The spec's string for this state.
            pub fn as_str(&self) -> &str {
                match self {
                    $($name::$variant => $text,)+
                    $name::Unknown(other) => other,
                }
            }
        }

        impl core::fmt::Display for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

/// A closed enum of the spec's strings (no `Unknown`), for the enums that are settled: the ICE
/// candidate fields, the transport and channel states, the configuration policies, `RTCSdpType`,
/// the track and device kinds. `from_spec` is `None` for any other string.
macro_rules! closed_enum {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident = $text:literal),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "js", derive(tsify::Tsify))]
        pub enum $name {
            $($(#[$vdoc])* #[serde(rename = $text)] $variant,)+
        }

        impl $name {
            /// The spec's string for this value.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)+
                }
            }

            /// The value the spec spells `text`.
            #[allow(dead_code, reason = "not every enum is parsed in every build")]
            pub(crate) fn from_spec(text: &str) -> Option<Self> {
                match text {
                    $($text => Some($name::$variant),)+
                    _ => None,
                }
            }
        }
    };
}

// For the stats types, which make their enums with `spec_enum!` beside their dictionaries.
#[cfg_attr(not(feature = "wrappers"), allow(unused_imports))]
pub(crate) use spec_enum;

mod candidate;
#[cfg(feature = "wrappers")]
mod connection;
#[cfg(feature = "wrappers")]
mod media;
#[cfg(feature = "wrappers")]
mod transport;

pub use candidate::{CandidateProtocol, CandidateType, IceServerTransportProtocol, TcpType};
#[cfg(feature = "wrappers")]
pub use connection::{
    BundlePolicy, IceConnectionState, IceGatheringState, IceTransportPolicy, PeerConnectionState,
    RtcpMuxPolicy, SdpType, SignalingState,
};
#[cfg(feature = "wrappers")]
pub use media::{DeviceKind, Direction, TrackKind, TrackState};
#[cfg(feature = "wrappers")]
pub use transport::{
    DataChannelState, DtlsTransportState, IceRole, IceTransportState, SctpTransportState,
};
