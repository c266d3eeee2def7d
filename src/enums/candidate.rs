//! The ICE candidate fields' enums: type, protocol, TCP type, and a relay candidate's protocol
//! to its TURN server.

closed_enum! {
    /// The candidate type (`typ`): how the address was obtained.
    CandidateType {
        /// An address on a local interface.
        Host = "host",
        /// Server reflexive: the address a STUN server saw.
        Srflx = "srflx",
        /// Peer reflexive: learnt from a peer's connectivity check.
        Prflx = "prflx",
        /// An address on a TURN server.
        Relay = "relay",
    }
}

closed_enum! {
    /// The transport protocol of a candidate.
    CandidateProtocol {
        /// UDP.
        Udp = "udp",
        /// TCP (see [`TcpType`]).
        Tcp = "tcp",
    }
}

closed_enum! {
    /// The role of a TCP candidate (RFC 6544).
    TcpType {
        /// Opens outgoing connections.
        Active = "active",
        /// Accepts incoming connections.
        Passive = "passive",
        /// Simultaneous open.
        So = "so",
    }
}

closed_enum! {
    /// `RTCIceServerTransportProtocol`: how a relay candidate reaches its TURN server (the
    /// `relayProtocol` of a local candidate).
    IceServerTransportProtocol {
        /// TURN over UDP.
        Udp = "udp",
        /// TURN over TCP.
        Tcp = "tcp",
        /// TURN over TLS.
        Tls = "tls",
    }
}
