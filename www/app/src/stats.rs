//! The statistics page (MDN: "WebRTC Statistics API"): Alice sends video to Bob; once a second,
//! `getStats` gives the bitrate, round-trip time and packet loss, drawn as lines over time.

use std::time::Duration;

use leptos::prelude::*;
use wasm_rtc::leptos::stats;
use wasm_rtc::synthetic::video_pattern;
use wasm_rtc::TrackKind;

use crate::call::Call;
use crate::selftest;

/// The points kept: two minutes.
const KEPT: usize = 120;
const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 160.0;

/// One second of the call, as Alice sees it.
#[derive(Debug, Clone, Copy, Default)]
struct Point {
    kilobits_per_second: f64,
    round_trip_ms: f64,
    lost_per_second: f64,
}

#[component]
pub fn StatsPage() -> impl IntoView {
    let call = RwSignal::new_local(None::<Call>);
    let error = RwSignal::new(None::<String>);
    leptos::task::spawn_local(async move {
        match async { Call::connect(video_pattern(320, 240, 30)?).await }.await {
            Ok(connected) => call.set(Some(connected)),
            Err(e) => error.set(Some(format!("The call failed: {e}"))),
        }
    });
    view! {
        <p class="intro">"Alice sends a synthetic video to Bob. Every second her connection's getStats() gives
            the video's bitrate, the candidate pair's round-trip time and the packets lost, drawn here."</p>
        <p class="error" role="alert">{move || error.get()}</p>
        {move || call.with(|call| call.as_ref().map(|call| view! { <Chart pc=call.alice.clone() /> }))}
    }
}

#[component]
fn Chart(pc: wasm_rtc::PeerConnection) -> impl IntoView {
    let samples = stats(&pc, Duration::from_secs(1));
    let points = RwSignal::new(Vec::<Point>::new());
    let error = RwSignal::new(None::<String>);
    Effect::new(move |_| match samples.get() {
        Some(Ok(sample)) => {
            let Some(rates) = sample.rates else { return };
            let video = rates.outbound.iter().find(|s| s.kind == Some(TrackKind::Video));
            let point = Point {
                kilobits_per_second: video.and_then(|v| v.bits_per_second).unwrap_or(0.0) / 1000.0,
                round_trip_ms: rates
                    .candidate_pair
                    .and_then(|p| p.current_round_trip_time)
                    .unwrap_or(0.0)
                    * 1000.0,
                lost_per_second: video.and_then(|v| v.packets_lost_per_second).unwrap_or(0.0),
            };
            points.update(|points| {
                points.push(point);
                if points.len() > KEPT {
                    points.remove(0);
                }
            });
        }
        Some(Err(e)) => error.set(Some(format!("getStats failed: {e}"))),
        None => {}
    });
    if selftest::requested() {
        Effect::new(move |_| {
            // The first samples may have nothing sent yet: three with video going are enough.
            let points = points.get();
            let flowing = points.iter().filter(|p| p.kilobits_per_second > 0.0).count();
            if flowing >= 3 {
                let last = points[points.len() - 1];
                selftest::report(Ok(format!(
                    "{} points, {flowing} with video; last {:.0} kbit/s, RTT {:.1} ms",
                    points.len(),
                    last.kilobits_per_second,
                    last.round_trip_ms
                )));
            }
            if let Some(e) = error.get() {
                selftest::report(Err(e));
            }
        });
    }
    // The x axis grows with the call up to two minutes, so a young chart is not a sliver.
    let line = move |value: fn(&Point) -> f64| {
        move || {
            let points = points.get();
            let top = points.iter().map(value).fold(1.0_f64, f64::max) * 1.1;
            let span = points.len().clamp(30, KEPT) - 1;
            points
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    format!(
                        "{:.1},{:.1}",
                        i as f64 * WIDTH / span as f64,
                        HEIGHT - value(p) / top * HEIGHT
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        }
    };
    let last = move |value: fn(&Point) -> f64, unit: &'static str| {
        move || {
            points
                .get()
                .last()
                .map(|p| format!("{:.1} {unit}", value(p)))
                .unwrap_or_default()
        }
    };
    view! {
        <p class="error" role="alert">{move || error.get()}</p>
        {[
            ("bitrate", "Video bitrate", "kbit/s", (|p: &Point| p.kilobits_per_second) as fn(&Point) -> f64),
            ("rtt", "Round-trip time", "ms", |p: &Point| p.round_trip_ms),
            ("loss", "Packets lost", "per second", |p: &Point| p.lost_per_second),
        ].into_iter().map(|(name, caption, unit, value)| view! {
            <figure class="chart">
                <figcaption>{caption} ": " <b id=format!("{name}-now")>{last(value, unit)}</b></figcaption>
                <svg id=format!("{name}-chart") viewBox=format!("0 0 {WIDTH} {HEIGHT}") preserveAspectRatio="none" role="img"
                    aria-label=format!("{caption} over the last two minutes")>
                    <polyline points=line(value) fill="none" stroke="currentColor" stroke-width="2" />
                </svg>
            </figure>
        }).collect_view()}
    }
}
