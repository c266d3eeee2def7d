//! The enums of the stats dictionaries that are not the connection's own (those are in
//! `crate::enums`).

use serde::{Deserialize, Serialize};

use super::*;

/// An enum of spec strings that never fails to parse: a value this crate does not know becomes
/// `Unknown`, spelled as the browser spelled it.
macro_rules! stats_enum {
    ($(#[$doc:meta])* $name:ident { $($body:tt)* }) => {
        crate::enums::spec_enum! { $(#[$doc])* $name { $($body)* } }

        impl Member for $name {
            fn from_value(value: &StatsValue) -> Option<Self> {
                value.as_str().map($name::parse)
            }
            fn to_value(&self) -> StatsValue {
                StatsValue::String(self.as_str().to_owned())
            }
        }
    };
}

stats_enum! {
    /// `RTCStatsIceCandidatePairState`: how far the connectivity checks of a candidate pair got.
    ///
    /// Firefox also reports the pre-standard `"cancelled"` (as [`Unknown`](Self::Unknown)).
    CandidatePairState {
        /// Checks are not started and wait for another pair with the same foundation.
        Frozen = "frozen",
        /// Checks will start when the pair's turn comes.
        Waiting = "waiting",
        /// A check was sent and no answer has come yet.
        InProgress = "in-progress",
        /// The checks failed.
        Failed = "failed",
        /// A check succeeded: the pair works.
        Succeeded = "succeeded",
    }
}

stats_enum! {
    /// `RTCDtlsRole`: which side of the DTLS handshake this transport plays. The spec's
    /// `"unknown"` (not determined yet) is [`Unknown`](Self::Unknown)`("unknown")`.
    DtlsRole {
        /// The DTLS client.
        Client = "client",
        /// The DTLS server.
        Server = "server",
    }
}

stats_enum! {
    /// `RTCQualityLimitationReason`: what limits an outgoing video's resolution or frame rate.
    QualityLimitationReason {
        /// Nothing.
        None = "none",
        /// The CPU.
        Cpu = "cpu",
        /// The estimated bandwidth.
        Bandwidth = "bandwidth",
        /// Something else.
        Other = "other",
    }
}
