//! [`Stats`]: one entry of a report, any of the dictionaries.

use std::collections::BTreeMap;

use serde::de::{self, Deserializer};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};

use super::*;

/// Defines [`Stats`] over the dictionaries, and one iterator per type on [`StatsReport`].
macro_rules! stats_variants {
    ($( $(#[$doc:meta])* $variant:ident($ty:ident) = $type_name:literal, $method:ident; )+) => {
        /// One entry of a [`StatsReport`] (`RTCStats`), by its `type`.
        ///
        /// Serializes to the browser's object (`{"id": …, "timestamp": …, "type": …, …}`, every
        /// member included) and deserializes from it.
        #[derive(Debug, Clone, PartialEq)]
        #[cfg_attr(feature = "js", derive(tsify::Tsify), serde(tag = "type"))]
        #[non_exhaustive]
        // The media variants are large, but entries are made once per `getStats` and matched
        // often: boxing them would cost every `match` a `*` for a few hundred bytes each.
        #[allow(clippy::large_enum_variant)]
        pub enum Stats {
            $( $(#[$doc])* #[cfg_attr(feature = "js", serde(rename = $type_name))] $variant($ty), )+
            /// A type this crate does not know. (Not in the TypeScript union, where its `type:
            /// string` would defeat narrowing on `type`: such entries are `UnknownStats`.)
            #[cfg_attr(feature = "js", serde(skip))]
            Unknown(UnknownStats),
        }

        impl Stats {
            /// Builds the entry from all its members, `type`, `id` and `timestamp` included.
            ///
            /// Errors (as text) when `id` or `type` is not a string, or `timestamp` not a number.
            pub(super) fn from_members(mut members: BTreeMap<String, StatsValue>) -> Result<Self, String> {
                let id = match members.remove("id") {
                    None => String::new(),
                    Some(StatsValue::String(id)) => id,
                    Some(other) => return Err(format!("stats member `id` is not a string: {other:?}")),
                };
                let stats_type = match members.remove("type") {
                    None => String::new(),
                    Some(StatsValue::String(t)) => t,
                    Some(other) => return Err(format!("stats {id:?}: member `type` is not a string: {other:?}")),
                };
                let timestamp = match members.remove("timestamp") {
                    None => 0.0,
                    Some(StatsValue::Number(t)) => t,
                    Some(other) => return Err(format!("stats {id:?}: member `timestamp` is not a number: {other:?}")),
                };
                Ok(match stats_type.as_str() {
                    $( $type_name => Stats::$variant($ty::from_members(id, timestamp, members)), )+
                    _ => Stats::Unknown(UnknownStats { stats_type, id, timestamp, other: members }),
                })
            }

            /// `type`: the spec's name of this entry's type, e.g. `"candidate-pair"`.
            pub fn stats_type(&self) -> &str {
                match self {
                    $( Stats::$variant(_) => $type_name, )+
                    Stats::Unknown(s) => &s.stats_type,
                }
            }

            /// `id`: unique within the report.
            pub fn id(&self) -> &str {
                match self {
                    $( Stats::$variant(s) => &s.id, )+
                    Stats::Unknown(s) => &s.id,
                }
            }

            pub(super) fn id_mut(&mut self) -> &mut String {
                match self {
                    $( Stats::$variant(s) => &mut s.id, )+
                    Stats::Unknown(s) => &mut s.id,
                }
            }

            /// `timestamp`, in milliseconds since the Unix epoch.
            pub fn timestamp(&self) -> f64 {
                match self {
                    $( Stats::$variant(s) => s.timestamp, )+
                    Stats::Unknown(s) => s.timestamp,
                }
            }

            /// The members this crate does not type (see the `other` field of each struct).
            pub fn other(&self) -> &BTreeMap<String, StatsValue> {
                match self {
                    $( Stats::$variant(s) => &s.other, )+
                    Stats::Unknown(s) => &s.other,
                }
            }

            /// Every member, typed or not, `id`, `timestamp` and `type` included: the object the
            /// browser reported.
            pub fn members(&self) -> BTreeMap<String, StatsValue> {
                let mut out = self.other().clone();
                match self {
                    $( Stats::$variant(s) => s.write_members(&mut out), )+
                    Stats::Unknown(_) => {}
                }
                out.insert("id".to_owned(), StatsValue::String(self.id().to_owned()));
                out.insert("timestamp".to_owned(), StatsValue::Number(self.timestamp()));
                out.insert("type".to_owned(), StatsValue::String(self.stats_type().to_owned()));
                out
            }
        }

        impl StatsReport {
            $(
                #[doc = concat!("Every `\"", $type_name, "\"` entry, by id.")]
                pub fn $method(&self) -> impl Iterator<Item = &$ty> + '_ {
                    self.iter().filter_map(|s| match s {
                        Stats::$variant(x) => Some(x),
                        _ => None,
                    })
                }
            )+
        }
    };
}

stats_variants! {
    /// `"codec"`.
    Codec(CodecStats) = "codec", codecs;
    /// `"inbound-rtp"`.
    InboundRtp(InboundRtpStreamStats) = "inbound-rtp", inbound_rtp;
    /// `"outbound-rtp"`.
    OutboundRtp(OutboundRtpStreamStats) = "outbound-rtp", outbound_rtp;
    /// `"remote-inbound-rtp"`.
    RemoteInboundRtp(RemoteInboundRtpStreamStats) = "remote-inbound-rtp", remote_inbound_rtp;
    /// `"remote-outbound-rtp"`.
    RemoteOutboundRtp(RemoteOutboundRtpStreamStats) = "remote-outbound-rtp", remote_outbound_rtp;
    /// `"media-source"`.
    MediaSource(MediaSourceStats) = "media-source", media_sources;
    /// `"media-playout"`.
    MediaPlayout(AudioPlayoutStats) = "media-playout", media_playouts;
    /// `"peer-connection"`.
    PeerConnection(PeerConnectionStats) = "peer-connection", peer_connections;
    /// `"data-channel"`.
    DataChannel(DataChannelStats) = "data-channel", data_channels;
    /// `"transport"`.
    Transport(TransportStats) = "transport", transports;
    /// `"candidate-pair"`.
    CandidatePair(IceCandidatePairStats) = "candidate-pair", candidate_pairs;
    /// `"local-candidate"`.
    LocalCandidate(IceCandidateStats) = "local-candidate", local_candidates;
    /// `"remote-candidate"`.
    RemoteCandidate(IceCandidateStats) = "remote-candidate", remote_candidates;
    /// `"certificate"`.
    Certificate(CertificateStats) = "certificate", certificates;
}

impl Stats {
    /// The struct inside, if it is a `T`: `stats.downcast::<TransportStats>()`.
    pub fn downcast<T: StatsType>(&self) -> Option<&T> {
        T::from_stats(self)
    }

    /// One member, typed or not, as the browser reported it (`"type"`, `"id"` and
    /// `"timestamp"` included).
    pub fn member(&self, name: &str) -> Option<StatsValue> {
        self.members().remove(name)
    }
}

impl Serialize for Stats {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let members = self.members();
        let mut map = serializer.serialize_map(Some(members.len()))?;
        for (k, v) in &members {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Stats {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let members = BTreeMap::<String, StatsValue>::deserialize(d)?;
        Stats::from_members(members).map_err(de::Error::custom)
    }
}
