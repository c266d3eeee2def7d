//! The connection's enums: its four states, `RTCSdpType` and the configuration policies.

use serde::{Deserialize, Serialize};

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

closed_enum! {
    /// `RTCIceTransportPolicy`.
    IceTransportPolicy {
        /// Use every candidate.
        All = "all",
        /// Use only TURN relay candidates (hides the local addresses).
        Relay = "relay",
    }
}

closed_enum! {
    /// `RTCBundlePolicy`.
    BundlePolicy {
        /// Gather for each media type, bundle if the peer can.
        Balanced = "balanced",
        /// Gather for every track, bundle if the peer can.
        MaxCompat = "max-compat",
        /// Gather for one transport only.
        MaxBundle = "max-bundle",
    }
}

closed_enum! {
    /// `RTCRtcpMuxPolicy`.
    RtcpMuxPolicy {
        /// RTCP on the RTP transport only (the only value current browsers accept).
        Require = "require",
    }
}

closed_enum! {
    /// `RTCSdpType`.
    SdpType {
        /// An offer.
        Offer = "offer",
        /// A provisional answer.
        Pranswer = "pranswer",
        /// A final answer.
        Answer = "answer",
        /// Cancels the current negotiation and returns to `stable`.
        Rollback = "rollback",
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
