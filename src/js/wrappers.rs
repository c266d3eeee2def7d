//! The wrappers' helpers for JavaScript (features `js` + `wrappers`): back-pressure-aware send,
//! DTMF that resolves once played, typed stats. Each works on the browser's own objects, which
//! JavaScript keeps owning: nothing here closes, re-configures or keeps them.

use std::pin::Pin;
use std::time::Duration;

use futures::Sink;
use serde::{Deserialize, Serialize};
use tsify::{Ts, Tsify};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::data_channel::{DataChannel, DEFAULT_HIGH_WATER_MARK, DEFAULT_LOW_WATER_MARK};
use crate::dtmf::DtmfSender;
use crate::error::Error;
use crate::rtp::{RtpReceiver, RtpSender};
use crate::stats::{connection_stats, StatsReport};
use crate::sys;

/// The thresholds of [`sendWithBackpressure`](send_with_backpressure), in bytes.
#[derive(Debug, Default, Serialize, Deserialize, Tsify)]
#[serde(rename_all = "camelCase", default)]
pub struct BackpressureOptions {
    /// Wait while `bufferedAmount` is at or above this (default 1 MiB).
    pub high: Option<u32>,
    /// Resume at the `bufferedamountlow` event: sets `bufferedAmountLowThreshold` to this. By
    /// default the channel's own threshold is kept if it is set (non-zero and below `high`),
    /// else it becomes 256 KiB.
    pub low: Option<u32>,
}

/// Sends `data` on `channel` once there is room: while `bufferedAmount` is at or above
/// `options.high` (default 1 MiB) it waits for `bufferedamountlow`, and while the channel is
/// still connecting it waits for `open`. Resolves when `data` is handed to `channel.send()`.
///
/// `data` is anything `send()` takes (string, `ArrayBuffer`, typed array or `DataView`,
/// `Blob`), passed through as it is, without a copy.
///
/// ```js
/// for (const chunk of chunks) await sendWithBackpressure(channel, chunk);
/// ```
///
/// When the channel is open and below `high`, `data` is sent at once, in the call (one step
/// into WebAssembly and JavaScript's own `send`), and the promise is already resolved: as
/// cheap as a hand-written check of `bufferedAmount`. Only a send that has to wait sets
/// `bufferedAmountLowThreshold` to `options.low` (by default the channel's own threshold if it
/// is set, non-zero and below `high`, else 256 KiB) and waits.
///
/// Rejects with `InvalidStateError` if the channel closes (or is closed) before there is room,
/// with what `send()` throws otherwise (a `TypeError` for a message over `maxMessageSize`), and
/// with a `TypeError` for options that are not numbers.
#[wasm_bindgen(js_name = sendWithBackpressure, unchecked_return_type = "Promise<void>")]
pub fn send_with_backpressure(
    channel: web_sys::RtcDataChannel,
    #[wasm_bindgen(unchecked_param_type = "string | ArrayBuffer | ArrayBufferView | Blob")]
    data: JsValue,
    options: Option<Ts<BackpressureOptions>>,
) -> js_sys::Promise {
    let options = options.map_or(JsValue::UNDEFINED, JsValue::from);
    match sys::send_if_room(&channel, &data, &options, DEFAULT_HIGH_WATER_MARK) {
        Ok(true) => js_sys::Promise::resolve(&JsValue::UNDEFINED),
        Ok(false) => wasm_bindgen_futures::future_to_promise(async move {
            send_when_room(channel, data, options).await?;
            Ok(JsValue::UNDEFINED)
        }),
        Err(thrown) => js_sys::Promise::reject(&Error::from(thrown).into()),
    }
}

/// [`send_with_backpressure`] when the channel has no room yet (or is not open, or `options`
/// need checking): validates `options`, waits, sends.
async fn send_when_room(
    channel: web_sys::RtcDataChannel,
    data: JsValue,
    options: JsValue,
) -> Result<(), Error> {
    let options: BackpressureOptions =
        super::options_from_js(options, "sendWithBackpressure options")?;
    let high = options.high.unwrap_or(DEFAULT_HIGH_WATER_MARK).max(1);
    let current = channel.buffered_amount_low_threshold();
    let low = options.low.unwrap_or(if current > 0 && current < high {
        current
    } else {
        DEFAULT_LOW_WATER_MARK
    });
    let mut view = DataChannel::borrowed(channel.clone());
    view.set_buffer_thresholds(low, high);
    futures::future::poll_fn(|cx| Pin::new(&mut view).poll_ready(cx)).await?;
    sys::call(&channel, "RTCDataChannel", "send", &[data])?;
    Ok(())
}

/// Plays DTMF `tones` on `sender` (an audio `RTCRtpSender`, or its `dtmf`) and resolves once
/// they have played: `insertDTMF` with its validation and clamping (`duration` 40–6000 ms,
/// default 100; `interToneGap` 30–6000 ms, default 70), then the `tonechange` that empties
/// the buffer.
///
/// ```js
/// await playDtmf(pc.getSenders().find((s) => s.track?.kind === 'audio'), '123#');
/// ```
///
/// Never hangs: rejects with `InvalidStateError` if the connection closes or the sender stops
/// being able to send DTMF, `TimeoutError` if the browser stops playing without saying so,
/// `InvalidCharacterError` for a character that is not a tone, `TypeError` if `sender` is
/// neither an `RTCRtpSender` nor an `RTCDTMFSender` (or is a video sender).
#[wasm_bindgen(js_name = playDtmf)]
pub async fn play_dtmf(
    #[wasm_bindgen(unchecked_param_type = "RTCRtpSender | RTCDTMFSender")] sender: JsValue,
    tones: String,
    duration: Option<f64>,
    #[wasm_bindgen(js_name = interToneGap)] inter_tone_gap: Option<f64>,
) -> Result<(), Error> {
    let dtmf = if let Some(rtp) = sender.dyn_ref::<web_sys::RtcRtpSender>() {
        RtpSender::from(rtp.clone()).dtmf()?.ok_or_else(|| {
            Error::Type("playDtmf: this sender has no DTMF sender (not an audio sender)".into())
        })?
    } else if let Some(raw) = sender.dyn_ref::<web_sys::RtcdtmfSender>() {
        DtmfSender::from(raw.clone())
    } else {
        return Err(Error::Type(
            "playDtmf: the sender must be an RTCRtpSender or an RTCDTMFSender".into(),
        ));
    };
    // `as u64` saturates and maps NaN to 0; `play` clamps to the spec's range.
    let ms = |value: Option<f64>, default: Duration| {
        value.map_or(default, |ms| Duration::from_millis(ms as u64))
    };
    let duration = ms(duration, DtmfSender::DEFAULT_DURATION);
    let gap = ms(inter_tone_gap, DtmfSender::DEFAULT_INTER_TONE_GAP);
    dtmf.play(&tones, duration, gap).await
}

/// `getStats()` of an `RTCPeerConnection`, `RTCRtpSender` or `RTCRtpReceiver`, typed: a `Map`
/// from id to plain stats objects, as `RTCStatsReport` is, each with the browser's own member
/// names. On a closed connection it is an empty `Map` in every browser (browsers otherwise
/// disagree: some reject, some return stale entries).
///
/// ```js
/// for (const stats of (await getStats(pc)).values()) {
///   if (stats.type === 'candidate-pair' && stats.nominated) console.log(stats.currentRoundTripTime);
/// }
/// ```
///
/// Rejects with a `TypeError` for any other argument.
#[wasm_bindgen(js_name = getStats, unchecked_return_type = "Map<string, Stats>")]
pub async fn get_stats(
    #[wasm_bindgen(unchecked_param_type = "RTCPeerConnection | RTCRtpSender | RTCRtpReceiver")]
    target: JsValue,
) -> Result<JsValue, Error> {
    let report = if target.has_type::<web_sys::RtcPeerConnection>() {
        connection_stats(&target).await?
    } else if let Some(sender) = target.dyn_ref::<web_sys::RtcRtpSender>() {
        RtpSender::from(sender.clone()).get_stats().await?
    } else if let Some(receiver) = target.dyn_ref::<web_sys::RtcRtpReceiver>() {
        RtpReceiver::from(receiver.clone()).get_stats().await?
    } else {
        return Err(Error::Type(
            "getStats: the target must be an RTCPeerConnection, RTCRtpSender or RTCRtpReceiver"
                .into(),
        ));
    };
    report_to_js(&report)
}

/// A report as a `Map` of plain objects, in id order.
fn report_to_js(report: &StatsReport) -> Result<JsValue, Error> {
    let map = js_sys::Map::new();
    for stats in report {
        map.set(
            &JsValue::from_str(stats.id()),
            &crate::convert::to_js(stats)?,
        );
    }
    Ok(map.into())
}
