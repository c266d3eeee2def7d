//! Typed WebRTC statistics: [`StatsReport`], the result of `getStats()`, with one [`Stats`]
//! variant per stats type of the W3C [WebRTC Statistics](https://www.w3.org/TR/webrtc-stats/)
//! spec.
//!
//! Each stats dictionary is a struct whose commonly used members are typed (`Option`s: browsers
//! leave out what they do not implement); every other member the browser reports is kept, as a
//! [`StatsValue`], in the struct's `other` map, and a type this crate does not know becomes
//! [`Stats::Unknown`] with all its members. Nothing a browser reports is lost: serializing a report
//! and deserializing it again gives an equal report, and the JSON has the browser's own member
//! names (camelCase, as MDN documents them).

mod dictionaries;
mod entry;
mod enums;
mod get_stats;
mod member;
mod rates;
#[cfg(test)]
mod rates_tests;
mod report;
mod samples;
#[cfg(test)]
mod tests;
mod value;

pub use dictionaries::*;
pub use entry::*;
pub use enums::*;
pub(crate) use get_stats::{connection_stats, stats_of};
use member::*;
pub use rates::*;
pub use report::*;
pub use samples::{StatsSample, StatsSamples};
pub use value::*;
