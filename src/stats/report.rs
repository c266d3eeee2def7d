//! [`StatsReport`]: the result of `getStats()`, entries by id.

use std::collections::{btree_map, BTreeMap};
use std::fmt;

use serde::de::{Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, Serializer};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::*;
use crate::error::Error;

/// `RTCStatsReport`: the stats of a connection (or of one sender or receiver), by id.
///
/// Look entries up by id ([`get`](Self::get), [`get_as`](Self::get_as)), by type
/// ([`of_type`](Self::of_type), or [`inbound_rtp`](Self::inbound_rtp),
/// [`transports`](Self::transports), … one per type), or find the candidate pair in use with
/// [`selected_candidate_pair`](Self::selected_candidate_pair). Entries iterate in id order.
///
/// Serializes to a JSON array of the browser's stats objects, and deserializes from that or from
/// an object of them by id (`Object.fromEntries(report)` in JavaScript). The round trip gives an
/// equal report through serde-wasm-bindgen (JavaScript objects) and through JSON text read by a
/// correctly rounding parser (JavaScript's `JSON.parse`; serde_json with its `float_roundtrip`
/// feature). serde_json without that feature may read a 17-digit number (Chrome's candidate-pair
/// `priority`, Firefox's timestamps) one unit in the last place off.
///
/// ```
/// use wasm_rtc::{CandidatePairState, StatsReport, TransportStats};
/// let report: StatsReport = serde_json::from_str(r#"[
///   {"id":"T01","timestamp":1.0,"type":"transport","selectedCandidatePairId":"CP1","dtlsState":"connected"},
///   {"id":"CP1","timestamp":1.0,"type":"candidate-pair","state":"succeeded","nominated":true,
///    "localCandidateId":"L1","remoteCandidateId":"R1","currentRoundTripTime":0.002,"priority":42},
///   {"id":"L1","timestamp":1.0,"type":"local-candidate","address":"192.0.2.1","port":5000,"candidateType":"host"},
///   {"id":"R1","timestamp":1.0,"type":"remote-candidate","address":"192.0.2.2","port":6000,"candidateType":"host"}
/// ]"#).unwrap();
/// assert_eq!(report.len(), 4);
/// let selected = report.selected_candidate_pair().unwrap();
/// assert_eq!(selected.pair.state, Some(CandidatePairState::Succeeded));
/// assert_eq!(selected.pair.current_round_trip_time, Some(0.002));
/// assert_eq!(selected.remote.and_then(|c| c.port), Some(6000));
/// // Members the crate does not type are kept, and survive a round trip.
/// assert_eq!(selected.pair.other["priority"].as_f64(), Some(42.0));
/// let again: StatsReport = serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
/// assert_eq!(again, report);
/// assert!(report.get_as::<TransportStats>("T01").is_some());
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct StatsReport {
    entries: BTreeMap<String, Stats>,
}

/// The candidate pair a transport is using, with its candidates: see
/// [`StatsReport::selected_candidate_pair`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SelectedCandidatePair<'a> {
    /// The pair.
    pub pair: &'a IceCandidatePairStats,
    /// Its `"local-candidate"` entry, if the report has it.
    pub local: Option<&'a IceCandidateStats>,
    /// Its `"remote-candidate"` entry, if the report has it.
    pub remote: Option<&'a IceCandidateStats>,
    /// Its transport, if the report has it.
    pub transport: Option<&'a TransportStats>,
}

/// The entries of a [`StatsReport`], in id order.
#[derive(Debug, Clone)]
pub struct StatsIter<'a>(btree_map::Values<'a, String, Stats>);

impl<'a> Iterator for StatsIter<'a> {
    type Item = &'a Stats;

    fn next(&mut self) -> Option<&'a Stats> {
        self.0.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for StatsIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.0.next_back()
    }
}

impl ExactSizeIterator for StatsIter<'_> {}

impl StatsReport {
    /// An empty report.
    pub fn new() -> Self {
        Self::default()
    }

    /// The number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the report has no entries (as for a closed connection).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every entry, in id order.
    pub fn iter(&self) -> StatsIter<'_> {
        StatsIter(self.entries.values())
    }

    /// The entry with `id`.
    pub fn get(&self, id: &str) -> Option<&Stats> {
        self.entries.get(id)
    }

    /// The entry with `id`, if it is a `T`: e.g. `report.get_as::<CodecStats>(codec_id)` to
    /// follow a stream's `codecId`.
    pub fn get_as<T: StatsType>(&self, id: &str) -> Option<&T> {
        self.get(id).and_then(T::from_stats)
    }

    /// Every entry that is a `T`, in id order: `report.of_type::<TransportStats>()`.
    /// [`IceCandidateStats`] gives local and remote candidates (see
    /// [`local_candidates`](Self::local_candidates) and
    /// [`remote_candidates`](Self::remote_candidates) for one side).
    pub fn of_type<T: StatsType>(&self) -> impl Iterator<Item = &T> + '_ {
        self.iter().filter_map(T::from_stats)
    }

    /// The `"peer-connection"` entry (a connection's report has exactly one).
    pub fn peer_connection(&self) -> Option<&PeerConnectionStats> {
        self.peer_connections().next()
    }

    /// Entries of types this crate does not know.
    pub fn unknown(&self) -> impl Iterator<Item = &UnknownStats> + '_ {
        self.of_type::<UnknownStats>()
    }

    /// Adds `stats`, replacing (and returning) the entry with the same id.
    pub fn insert(&mut self, stats: Stats) -> Option<Stats> {
        self.entries.insert(stats.id().to_owned(), stats)
    }

    /// Removes and returns the entry with `id`.
    pub fn remove(&mut self, id: &str) -> Option<Stats> {
        self.entries.remove(id)
    }

    /// The ICE candidate pair in use, with its local and remote candidates and its transport.
    ///
    /// The pair a transport names in `selectedCandidatePairId`; where no transport names one
    /// (some Firefox versions have no such member), the pair Firefox flags `selected`; failing
    /// that, the nominated pair in state `succeeded` with the highest priority (ICE selects the
    /// highest-priority nominated pair), then the one that received a packet last. With several
    /// transports (no bundling), the first transport's pair. `None` before ICE connects.
    pub fn selected_candidate_pair(&self) -> Option<SelectedCandidatePair<'_>> {
        let by_transport = self
            .transports()
            .filter_map(|t| t.selected_candidate_pair_id.as_deref())
            .find_map(|id| self.get_as::<IceCandidatePairStats>(id));
        let flagged = || {
            self.candidate_pairs()
                .find(|p| p.other.get("selected").and_then(StatsValue::as_bool) == Some(true))
        };
        let nominated = || {
            self.candidate_pairs()
                .filter(|p| {
                    p.nominated == Some(true) && p.state == Some(CandidatePairState::Succeeded)
                })
                .max_by(|a, b| {
                    let key = |p: &IceCandidatePairStats| {
                        let priority = p
                            .other
                            .get("priority")
                            .and_then(StatsValue::as_f64)
                            .unwrap_or(0.0);
                        (priority, p.last_packet_received_timestamp.unwrap_or(0.0))
                    };
                    let (ka, kb) = (key(a), key(b));
                    ka.0.total_cmp(&kb.0).then(ka.1.total_cmp(&kb.1))
                })
        };
        let pair = by_transport.or_else(flagged).or_else(nominated)?;
        let candidate = |id: &Option<String>, local: bool| {
            id.as_deref().and_then(|id| match self.get(id)? {
                Stats::LocalCandidate(c) if local => Some(c),
                Stats::RemoteCandidate(c) if !local => Some(c),
                _ => None,
            })
        };
        Some(SelectedCandidatePair {
            pair,
            local: candidate(&pair.local_candidate_id, true),
            remote: candidate(&pair.remote_candidate_id, false),
            transport: pair
                .transport_id
                .as_deref()
                .and_then(|id| self.get_as::<TransportStats>(id)),
        })
    }

    /// Decodes an `RTCStatsReport` the browser returned: any maplike or iterable of
    /// `[id, stats]` entries, or a plain object of stats by id.
    ///
    /// Errors: [`Error::Type`] for a value that is none of those, or an entry whose `id` or
    /// `type` is not a string or whose `timestamp` is not a number.
    pub fn from_js(report: &JsValue) -> Result<Self, Error> {
        let mut out = StatsReport::new();
        if let Some(iter) = js_sys::try_iter(report)? {
            for entry in iter {
                let entry = entry?;
                let (key, value) = match entry.dyn_ref::<js_sys::Array>() {
                    Some(pair) if pair.length() == 2 => (pair.get(0).as_string(), pair.get(1)),
                    _ => (None, entry),
                };
                out.insert_js(key, &value)?;
            }
        } else if report.is_object() {
            for entry in js_sys::Object::entries(report.unchecked_ref()).iter() {
                let pair: js_sys::Array = entry.unchecked_into();
                out.insert_js(pair.get(0).as_string(), &pair.get(1))?;
            }
        } else {
            return Err(Error::Operation(format!(
                "the browser returned no RTCStatsReport: {report:?}"
            )));
        }
        Ok(out)
    }

    fn insert_js(&mut self, key: Option<String>, value: &JsValue) -> Result<(), Error> {
        let mut stats: Stats = serde_wasm_bindgen::from_value(value.clone()).map_err(|e| {
            Error::Operation(format!(
                "the browser returned an unexpected stats entry {}: {e}",
                key.as_deref().unwrap_or("?")
            ))
        })?;
        if let Some(key) = key.filter(|_| stats.id().is_empty()) {
            *stats.id_mut() = key;
        }
        self.insert(stats);
        Ok(())
    }
}

impl<'a> IntoIterator for &'a StatsReport {
    type Item = &'a Stats;
    type IntoIter = StatsIter<'a>;

    fn into_iter(self) -> StatsIter<'a> {
        self.iter()
    }
}

impl FromIterator<Stats> for StatsReport {
    fn from_iter<I: IntoIterator<Item = Stats>>(iter: I) -> Self {
        let mut report = StatsReport::new();
        for stats in iter {
            report.insert(stats);
        }
        report
    }
}

impl Serialize for StatsReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.len()))?;
        for stats in self {
            seq.serialize_element(stats)?;
        }
        seq.end()
    }
}

struct ReportVisitor;

impl<'de> Visitor<'de> for ReportVisitor {
    type Value = StatsReport;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of stats objects, or an object of them by id")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<StatsReport, A::Error> {
        let mut report = StatsReport::new();
        while let Some(stats) = seq.next_element::<Stats>()? {
            report.insert(stats);
        }
        Ok(report)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<StatsReport, A::Error> {
        let mut report = StatsReport::new();
        while let Some((key, mut stats)) = map.next_entry::<String, Stats>()? {
            if stats.id().is_empty() {
                *stats.id_mut() = key;
            }
            report.insert(stats);
        }
        Ok(report)
    }
}

impl<'de> Deserialize<'de> for StatsReport {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ReportVisitor)
    }
}
