//! The connection's state enums: `RTCSignalingState`, `RTCIceGatheringState`,
//! `RTCIceConnectionState` and `RTCPeerConnectionState`.
//!
//! Each parses the browser's string; a value this crate does not know yet becomes `Unknown`
//! instead of failing, so a newer browser cannot break an older build.

use serde::{Deserialize, Serialize};

use crate::enums::spec_enum;

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
