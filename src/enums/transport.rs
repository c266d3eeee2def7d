//! The transports' and data channels' states, and `RTCIceRole`.

closed_enum! {
    /// `RTCSctpTransportState`.
    SctpTransportState {
        /// Being established.
        Connecting = "connecting",
        /// Connected: data channels can open.
        Connected = "connected",
        /// Closed.
        Closed = "closed",
    }
}

closed_enum! {
    /// `RTCDtlsTransportState`.
    DtlsTransportState {
        /// Not started.
        New = "new",
        /// Handshaking.
        Connecting = "connecting",
        /// Encrypted and verified.
        Connected = "connected",
        /// Closed by either side.
        Closed = "closed",
        /// The handshake or verification failed.
        Failed = "failed",
    }
}

closed_enum! {
    /// `RTCIceTransportState`.
    IceTransportState {
        /// Gathering or waiting for candidates.
        New = "new",
        /// Checking pairs.
        Checking = "checking",
        /// A pair works.
        Connected = "connected",
        /// Checking is over and a pair works.
        Completed = "completed",
        /// Connectivity lost, perhaps for a moment.
        Disconnected = "disconnected",
        /// No pair works.
        Failed = "failed",
        /// Closed.
        Closed = "closed",
    }
}

closed_enum! {
    /// `RTCIceRole`.
    IceRole {
        /// Not determined yet.
        Unknown = "unknown",
        /// This side nominates the candidate pair.
        Controlling = "controlling",
        /// The other side nominates.
        Controlled = "controlled",
    }
}

closed_enum! {
    /// `RTCDataChannelState`.
    DataChannelState {
        /// Not open yet.
        Connecting = "connecting",
        /// Messages can be sent.
        Open = "open",
        /// Closing: no more sends, buffered messages still go out.
        Closing = "closing",
        /// Closed.
        Closed = "closed",
    }
}
