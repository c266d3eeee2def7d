//! `navigator.mediaDevices.getUserMedia`, the same everywhere.
//!
//! * Browsers with only the callback API (`navigator.webkitGetUserMedia` in Chrome < 53,
//!   `navigator.mozGetUserMedia` in Firefox < 36, `navigator.getUserMedia`): the promise API is
//!   provided over it. `webkitGetUserMedia` understands only the legacy syntax, so standard
//!   constraints are translated to it there (`{width: {min: 640}}` → `{mandatory: {minWidth:
//!   640}}`, `ideal` → `optional`).
//! * Browsers whose promise API still fails with the names from before the standard ones
//!   (Chrome 53–63): legacy error names are mapped to the standard ones
//!   (`PermissionDeniedError` → `NotAllowedError`, `DevicesNotFoundError` → `NotFoundError`,
//!   `ConstraintNotSatisfiedError` → `OverconstrainedError`, `TrackStartError` →
//!   `NotReadableError`, …), the legacy constraint syntax they understood is translated to the
//!   standard one, and `undefined` members are removed (old Safari rejected `{width:
//!   undefined}`). Detected by behaviour, asynchronously: `getUserMedia({})` (no media asked for,
//!   the one failure a page can cause without a device, a prompt or a permission) must reject
//!   with the spec's `TypeError`; browsers from before it answer otherwise.
//!
//! Opt-in, for old code:
//! * `legacyConstraints`: code written with the legacy constraint syntax (`{mandatory:
//!   {minWidth: 640}, optional: [{minFrameRate: 30}]}`, `sourceId`) translated to the standard
//!   form in every browser (current ones ignore the legacy syntax);
//! * `legacyGetUserMedia`: `navigator.getUserMedia(constraints, onSuccess, onError)` over the
//!   promise API.
//!
//! Rust finds which API the browser has; the translation, the error mapping and the functions
//! installed are in the `get_user_media.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{get, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = getUserMedia, catch)]
    fn patch(devices: &JsValue, map_errors: bool) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = probeGetUserMedia)]
    fn probe(devices: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(js_name = provideGetUserMedia, catch)]
    fn provide(navigator: &JsValue, legacy: &JsValue, legacy_syntax: bool) -> Result<(), JsValue>;
    #[wasm_bindgen(js_name = legacyGetUserMedia, catch)]
    fn patch_legacy(navigator: &JsValue, devices: &JsValue) -> Result<(), JsValue>;
}

const LEGACY_FUNCTIONS: [&str; 3] = ["getUserMedia", "webkitGetUserMedia", "mozGetUserMedia"];

/// `navigator.mediaDevices`, where it has a `getUserMedia` function.
fn media_devices_with_get_user_media(scope: &Scope) -> Option<JsValue> {
    let devices = get(&scope.navigator()?, "mediaDevices")?;
    get(&devices, "getUserMedia")
        .filter(|f| f.is_function())
        .map(|_| devices)
}

/// The callback-style function, and whether it speaks the legacy constraint syntax.
fn legacy_function(scope: &Scope) -> Option<(JsValue, bool)> {
    let navigator = scope.navigator()?;
    LEGACY_FUNCTIONS.iter().find_map(|name| {
        let function = get(&navigator, name).filter(|f| f.is_function())?;
        Some((function, *name == "webkitGetUserMedia"))
    })
}

/// Needed where only a callback API exists; probed where the promise API does.
pub(super) fn need(scope: &Scope) -> Need {
    if let Some(devices) = media_devices_with_get_user_media(scope) {
        Need::Probe(probe(&devices))
    } else if legacy_function(scope).is_some() {
        Need::Needed
    } else {
        Need::Unavailable
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    if let Some(devices) = media_devices_with_get_user_media(scope) {
        return patch(&devices, true);
    }
    // Only a callback API: provide the promise one over it.
    let navigator = scope
        .navigator()
        .ok_or_else(|| super::missing("navigator"))?;
    let (legacy, legacy_syntax) =
        legacy_function(scope).ok_or_else(|| super::missing("getUserMedia"))?;
    provide(&navigator, &legacy, legacy_syntax)
}

/// The legacy constraint syntax, opt-in: needed wherever the promise API exists.
pub(super) fn legacy_constraints_need(scope: &Scope) -> Need {
    match media_devices_with_get_user_media(scope) {
        Some(_) => Need::Needed,
        None => Need::Unavailable,
    }
}

pub(super) fn legacy_constraints_apply(scope: &Scope) -> Result<(), JsValue> {
    let devices =
        media_devices_with_get_user_media(scope).ok_or_else(|| super::missing("getUserMedia"))?;
    patch(&devices, false)
}

/// The legacy `navigator.getUserMedia(constraints, onSuccess, onError)`: needed where it is
/// missing and the promise API exists.
pub(super) fn legacy_need(scope: &Scope) -> Need {
    let has_legacy = scope
        .navigator()
        .and_then(|n| get(&n, "getUserMedia"))
        .is_some();
    match (
        has_legacy,
        media_devices_with_get_user_media(scope).is_some(),
    ) {
        (true, _) => Need::NotNeeded,
        (false, true) => Need::Needed,
        (false, false) => Need::Unavailable,
    }
}

pub(super) fn legacy_apply(scope: &Scope) -> Result<(), JsValue> {
    let navigator = scope
        .navigator()
        .ok_or_else(|| super::missing("navigator"))?;
    let devices = get(&navigator, "mediaDevices").ok_or_else(|| super::missing("mediaDevices"))?;
    patch_legacy(&navigator, &devices)
}
