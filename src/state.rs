//! The connection's state enums: `RTCSignalingState`, `RTCIceGatheringState`,
//! `RTCIceConnectionState` and `RTCPeerConnectionState`.
//!
//! Each parses the browser's string; a value this crate does not know yet becomes `Unknown`
//! instead of failing, so a newer browser cannot break an older build.

use serde::{Deserialize, Serialize};

/// An enum of the spec's strings that never fails to parse: an unknown value becomes `Unknown`,
/// spelled as the browser spelled it. Used here and by the stats types.
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

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

pub(crate) use spec_enum;

spec_enum! {
    /// `RTCSignalingState`: where the connection is in the offer/answer exchange.
    SignalingState {
        /// No exchange in progress.
        Stable = "stable",
        /// A local offer is applied; waiting for the answer.
        HaveLocalOffer = "have-local-offer",
        /// A remote offer is applied; an answer is due.
        HaveRemoteOffer = "have-remote-offer",
        /// A local provisional answer is applied.
        HaveLocalPranswer = "have-local-pranswer",
        /// A remote provisional answer is applied.
        HaveRemotePranswer = "have-remote-pranswer",
        /// The connection is closed.
        Closed = "closed",
    }
}

spec_enum! {
    /// `RTCIceGatheringState`.
    IceGatheringState {
        /// Not gathering yet.
        New = "new",
        /// Gathering candidates.
        Gathering = "gathering",
        /// Done gathering (until an ICE restart).
        Complete = "complete",
    }
}

spec_enum! {
    /// `RTCIceConnectionState`.
    IceConnectionState {
        /// Waiting for candidates.
        New = "new",
        /// Checking candidate pairs.
        Checking = "checking",
        /// A usable pair was found.
        Connected = "connected",
        /// Checking finished with a usable pair.
        Completed = "completed",
        /// Connectivity was lost; it may come back.
        Disconnected = "disconnected",
        /// No pair works; an ICE restart is needed.
        Failed = "failed",
        /// The connection is closed.
        Closed = "closed",
    }
}

spec_enum! {
    /// `RTCPeerConnectionState`: the aggregate of the ICE and DTLS transports.
    PeerConnectionState {
        /// Nothing started yet.
        New = "new",
        /// ICE or DTLS is being established.
        Connecting = "connecting",
        /// Every transport is connected.
        Connected = "connected",
        /// A transport lost connectivity.
        Disconnected = "disconnected",
        /// A transport failed.
        Failed = "failed",
        /// The connection is closed.
        Closed = "closed",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_known_and_unknown() {
        assert_eq!(
            SignalingState::parse("have-local-offer"),
            SignalingState::HaveLocalOffer
        );
        assert_eq!(
            PeerConnectionState::parse("connected").as_str(),
            "connected"
        );
        let odd = IceConnectionState::parse("reticulating");
        assert_eq!(odd, IceConnectionState::Unknown("reticulating".into()));
        assert_eq!(odd.to_string(), "reticulating");
        assert_eq!(
            serde_json::to_string(&SignalingState::HaveRemotePranswer).unwrap(),
            "\"have-remote-pranswer\""
        );
    }
}
