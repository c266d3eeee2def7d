//! The JavaScript API of the npm package `wasm-rtc` (cargo feature `js`, off by default so that
//! Rust users' wasm binaries carry none of it).
//!
//! Thin on purpose: each export converts its arguments, calls the module that does the work
//! ([`shim`](crate::shim), [`candidate`](crate::CandidateFields), and with the `wrappers` feature
//! the data channel's `Sink`, [`DtmfSender::play`](crate::DtmfSender::play) and
//! [`StatsReport`](crate::StatsReport)) and converts the result. Errors are the crate's
//! [`Error`], thrown as JavaScript exceptions with the browser's `name` (`TypeError`,
//! `InvalidStateError`, …).
//!
//! Names are what a JavaScript developer expects (camelCase), and the TypeScript declarations
//! are generated from the Rust types by `tsify`.
//!
//! | export | does |
//! |---|---|
//! | `shim(options?)` | installs the shims on `globalThis`, returns the report |
//! | `shimSettled(options?)` | the same, resolved once every asynchronous probe has settled |
//! | `browserDetails()` | engine and major version |
//! | `parseCandidate(line)` | the fields of a candidate line, or throws a `SyntaxError` |
//! | `sendWithBackpressure(channel, data, {high, low}?)` | `channel.send(data)` once `bufferedAmount` is below `high` |
//! | `playDtmf(sender, tones, duration?, interToneGap?)` | `insertDTMF`, resolved once the tones have played |
//! | `getStats(pcOrSenderOrReceiver)` | typed stats, an empty report once the connection is closed |

mod convert;
#[cfg(feature = "wrappers")]
mod wrappers;

use wasm_bindgen::prelude::*;

use crate::candidate::CandidateFields;
use crate::error::Error;
use crate::shim;

/// A JavaScript options object as a Rust value: `undefined` and `null` give the defaults; a
/// value of the wrong shape is a `TypeError` naming `what`.
#[cfg(feature = "wrappers")]
fn options_from_js<T: serde::de::DeserializeOwned + Default>(
    value: JsValue,
    what: &str,
) -> Result<T, Error> {
    if value.is_undefined() || value.is_null() {
        return Ok(T::default());
    }
    serde_wasm_bindgen::from_value(value).map_err(|e| Error::Type(format!("{what}: {e}")))
}

/// Installs the shims on `globalThis` and returns what each one did: `applied`, `not-needed`
/// (the browser already follows the spec), `disabled` (turned off in `options`), `unavailable`
/// (the API is missing, e.g. no `RTCPeerConnection`), `failed` (with `detail`), or `pending`
/// (its probe needs a promise: [`shimSettled`](install_shims_settled) waits for it).
///
/// Nothing is patched until this is called, and calling it again adds nothing. Every shim is on
/// by default and applies only where feature detection finds the browser needs it; the legacy
/// ones are off unless asked for.
///
/// ```js
/// import init, { shim } from 'wasm-rtc/shim';
/// await init();
/// const report = shim({ getStats: false });
/// console.table(report.shims);
/// ```
///
/// Throws a `TypeError` if `options` is not an options object.
#[wasm_bindgen(js_name = shim, unchecked_return_type = "ShimReport")]
pub fn install_shims(
    #[wasm_bindgen(unchecked_optional_param_type = "ShimOptions | null")] options: Option<JsValue>,
) -> Result<JsValue, JsValue> {
    let options = convert::shim_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    Ok(convert::shim_report(&shim::install(
        &js_sys::global(),
        &options,
    )))
}

/// [`shim`](install_shims), then waits for the probes that only a promise can answer (a
/// `pending` entry in `shim()`'s report) and resolves to the report of what they found: no
/// entry is `pending`.
///
/// ```js
/// import init, { shimSettled } from 'wasm-rtc/shim';
/// await init();
/// const report = await shimSettled();
/// ```
///
/// Throws a `TypeError` if `options` is not an options object.
#[wasm_bindgen(js_name = shimSettled, unchecked_return_type = "Promise<ShimReport>")]
pub fn install_shims_settled(
    #[wasm_bindgen(unchecked_optional_param_type = "ShimOptions | null")] options: Option<JsValue>,
) -> Result<js_sys::Promise, JsValue> {
    let options = convert::shim_options(&options.unwrap_or(JsValue::UNDEFINED))?;
    let global = js_sys::global();
    shim::install(&global, &options);
    let report = crate::event::page_lifetime_function(move |_| {
        Ok(convert::shim_report(&shim::install(
            &js_sys::global(),
            &options,
        )))
    });
    Ok(shim::settled_then(&global, Some(&report)))
}

/// The engine running this page (`chromium`, `gecko`, `webkit` or `unknown`) and its major
/// version (`null` when unknown), found by feature detection first and the user agent second.
/// The shims never use it; it is for applications that want to know.
#[wasm_bindgen(js_name = browserDetails, unchecked_return_type = "BrowserDetails")]
pub fn browser_details() -> JsValue {
    convert::browser_details(&shim::browser_details())
}

/// Parses an ICE candidate line (`candidate:…`, with or without `a=`) into its fields, named as
/// in `RTCIceCandidate`: `foundation`, `component` (1 = RTP, 2 = RTCP), `protocol`, `priority`,
/// `address`, `port`, `type`, `relatedAddress`, `relatedPort`, `tcpType`, `usernameFragment`
/// (`null` when absent), and the other `extensions` as `[name, value]` pairs.
///
/// ```js
/// parseCandidate('candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host').port; // 54400
/// ```
///
/// Throws an error named `SyntaxError` for a line that is not a candidate.
#[wasm_bindgen(js_name = parseCandidate, unchecked_return_type = "CandidateFields")]
pub fn parse_candidate(line: &str) -> Result<JsValue, Error> {
    Ok(shim::ice_candidate_fields::to_js(&CandidateFields::parse(
        line,
    )?))
}
