//! `navigator.mediaDevices.getUserMedia`, the same everywhere.
//!
//! * Browsers with only the callback API (`navigator.webkitGetUserMedia` in Chrome < 53,
//!   `navigator.mozGetUserMedia` in Firefox < 36, `navigator.getUserMedia`): the promise API is
//!   provided over it. `webkitGetUserMedia` understands only the legacy syntax, so standard
//!   constraints are translated to it there (`{width: {min: 640}}` → `{mandatory: {minWidth:
//!   640}}`, `ideal` → `optional`).
//! * Code written with the legacy constraint syntax (`{mandatory: {minWidth: 640}, optional:
//!   [{minFrameRate: 30}]}`, `sourceId`): translated to the standard form, which every current
//!   browser understands and silently ignores the legacy one.
//! * `undefined` members are removed (Safari rejects `{width: undefined}`).
//! * Legacy error names are mapped to the standard ones (`PermissionDeniedError` →
//!   `NotAllowedError`, `DevicesNotFoundError` → `NotFoundError`,
//!   `ConstraintNotSatisfiedError` → `OverconstrainedError`, `TrackStartError` →
//!   `NotReadableError`, …).
//!
//! The legacy shim (opt-in) provides `navigator.getUserMedia(constraints, onSuccess, onError)`
//! over the promise API, for old code.
//!
//! Rust finds which API the browser has; the translation, the error mapping and the functions
//! installed are in the `get_user_media.rs` section of `patches.js`.

use wasm_bindgen::prelude::*;

use super::{get, Need, Scope};

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = getUserMedia, catch)]
    fn patch(devices: &JsValue) -> Result<(), JsValue>;
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

/// Needed wherever there is any getUserMedia: every browser mis-handles one of legacy syntax,
/// `undefined` members or legacy error names, and the wrapper leaves standard calls untouched.
pub(super) fn need(scope: &Scope) -> Need {
    if media_devices_with_get_user_media(scope).is_some() || legacy_function(scope).is_some() {
        Need::Needed
    } else {
        Need::Unavailable
    }
}

pub(super) fn apply(scope: &Scope) -> Result<(), JsValue> {
    if let Some(devices) = media_devices_with_get_user_media(scope) {
        return patch(&devices);
    }
    // Only a callback API: provide the promise one over it.
    let navigator = scope
        .navigator()
        .ok_or_else(|| super::missing("navigator"))?;
    let (legacy, legacy_syntax) =
        legacy_function(scope).ok_or_else(|| super::missing("getUserMedia"))?;
    provide(&navigator, &legacy, legacy_syntax)
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
