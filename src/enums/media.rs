//! The media enums: track kind and state, device kind, transceiver direction.

use serde::{Deserialize, Serialize};

closed_enum! {
    /// `MediaDeviceKind`.
    DeviceKind {
        /// A microphone.
        Audioinput = "audioinput",
        /// A speaker or headset output.
        Audiooutput = "audiooutput",
        /// A camera.
        Videoinput = "videoinput",
    }
}

closed_enum! {
    /// A track's kind (`MediaStreamTrack.kind`).
    TrackKind {
        /// Audio.
        Audio = "audio",
        /// Video.
        Video = "video",
    }
}

closed_enum! {
    /// `MediaStreamTrackState`.
    TrackState {
        /// Producing media (possibly muted or disabled).
        Live = "live",
        /// Ended for good: stopped, or its source went away.
        Ended = "ended",
    }
}

spec_enum! {
    /// `RTCRtpTransceiverDirection` (the spec has grown it before: `stopped` came later, so a
    /// value this version does not know is kept as `Unknown`).
    Direction {
        /// Send and receive.
        Sendrecv = "sendrecv",
        /// Send only.
        Sendonly = "sendonly",
        /// Receive only.
        Recvonly = "recvonly",
        /// Neither.
        Inactive = "inactive",
        /// Stopped for good.
        Stopped = "stopped",
    }
}
