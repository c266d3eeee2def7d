//! [`StatsSamples`]: a connection's stats taken every so often, each with the rates since the
//! one before — the stream behind [`PeerConnection::stats_every`](crate::PeerConnection::stats_every).

use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use futures::future::{select, Either, FutureExt};
use futures::stream::{FusedStream, LocalBoxStream, Stream, StreamExt};
use wasm_bindgen::JsValue;

use super::*;
use crate::error::Error;
use crate::operation::Closed;
use crate::timer::timer;

/// One sample of [`StatsSamples`]: the report, and the rates since the sample before.
#[derive(Debug, Clone, PartialEq)]
pub struct StatsSample {
    /// The connection's `getStats()` report at this sample.
    pub report: StatsReport,
    /// The rates from the previous sample's report to this one; `None` for the first sample.
    pub rates: Option<StatsRates>,
}

/// A connection's stats every period: see
/// [`PeerConnection::stats_every`](crate::PeerConnection::stats_every).
///
/// Nothing runs between polls: each sample is taken when the stream is polled after the period,
/// so a stream nobody polls costs nothing, and dropping it stops it. It ends when the
/// connection is closed or its last handle dropped; it does not keep the connection open.
pub struct StatsSamples {
    samples: LocalBoxStream<'static, Result<StatsSample, Error>>,
    ended: bool,
}

/// What the sampling keeps from one sample to the next.
struct Sampler {
    raw: JsValue,
    closed: Closed,
    period: Duration,
    /// Whether a sample (or an error) was given: the next waits a period.
    started: bool,
    previous: Option<StatsReport>,
}

impl StatsSamples {
    /// Samples the stats of the native connection `raw` every `period` until `closed`.
    pub(crate) fn new(raw: JsValue, closed: Closed, period: Duration) -> Self {
        let sampler = Sampler {
            raw,
            closed,
            period,
            started: false,
            previous: None,
        };
        let samples = futures::stream::unfold(sampler, Sampler::next).boxed_local();
        StatsSamples {
            samples,
            ended: false,
        }
    }
}

impl Sampler {
    /// The next sample (the first at once, each later one a period after the one before; an
    /// error in its place when the browser fails to give the stats), or `None` once the
    /// connection is closed.
    async fn next(mut self) -> Option<(Result<StatsSample, Error>, Sampler)> {
        if self.started {
            let tick = timer(self.period);
            if let Either::Right(_) = select(Box::pin(tick), self.closed.clone()).await {
                return None;
            }
        }
        if self.closed.peek().is_some() || crate::sys::is_closed(&self.raw) {
            return None;
        }
        self.started = true;
        let raw = self.raw.clone();
        let taken = select(connection_stats(&raw).boxed_local(), self.closed.clone()).await;
        let report = match taken {
            Either::Left((Ok(report), _)) => report,
            // Closed while the browser was reading them: a closed connection has no stats.
            Either::Right(_) => return None,
            Either::Left((Err(error), _)) => return Some((Err(error), self)),
        };
        if crate::sys::is_closed(&self.raw) {
            return None;
        }
        let rates = self
            .previous
            .as_ref()
            .map(|previous| StatsRates::between(previous, &report));
        self.previous = Some(report.clone());
        Some((Ok(StatsSample { report, rates }), self))
    }
}

impl Stream for StatsSamples {
    type Item = Result<StatsSample, Error>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        if self.ended {
            return Poll::Ready(None);
        }
        let next = self.samples.poll_next_unpin(cx);
        if let Poll::Ready(None) = next {
            self.ended = true;
        }
        next
    }
}

impl FusedStream for StatsSamples {
    fn is_terminated(&self) -> bool {
        self.ended
    }
}
