//! The opt-in legacy shims in real browsers: old callback-and-stream code runs once asked for.
//! (Its own test binary: installing patches the page for good.)
#![cfg(target_arch = "wasm32")]

mod common;

use common::within;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use wasm_rtc::shim::{install, ShimOptions, ShimStatus};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/legacy_scenarios.js")]
extern "C" {
    #[wasm_bindgen(js_name = oldCode, catch)]
    fn old_code() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = nativeLegacy)]
    fn native_legacy() -> JsValue;
}

fn get(object: &JsValue, key: &str) -> JsValue {
    js_sys::Reflect::get(object, &key.into()).unwrap()
}

#[wasm_bindgen_test]
async fn old_callback_and_stream_code_runs_with_the_legacy_shims() {
    within(60, "legacy code", async {
        // Applied exactly where the browser no longer has the legacy API (Firefox), not needed
        // where it still does (Chrome keeps most of it).
        let native = native_legacy();
        let expect = |has_it: bool| {
            if has_it {
                ShimStatus::NotNeeded
            } else {
                ShimStatus::Applied
            }
        };
        let options = ShimOptions {
            legacy_callbacks: true,
            legacy_streams: true,
            legacy_prefixes: true,
            legacy_get_user_media: true,
            ..Default::default()
        };
        let report = install(&js_sys::global(), &options);
        assert_eq!(
            report.status("legacyCallbacks"),
            Some(ShimStatus::Applied),
            "{report:?}"
        );
        assert_eq!(
            report.status("legacyPrefixes"),
            Some(expect(get(&native, "prefixes") == true)),
            "{report:?}"
        );
        assert_eq!(
            report.status("legacyStreams"),
            Some(expect(get(&native, "streams") == true)),
            "{report:?}"
        );
        assert_eq!(
            report.status("legacyGetUserMedia"),
            Some(expect(get(&native, "getUserMedia") == true)),
            "{report:?}"
        );

        let facts = match JsFuture::from(old_code().unwrap()).await {
            Ok(facts) => facts,
            Err(e) => panic!("old code failed with the legacy shims: {e:?}"),
        };
        assert_eq!(
            get(&facts, "remoteStreamId"),
            true,
            "addstream carries the sender's stream"
        );
        assert_eq!(get(&facts, "localStreams"), 1);
        assert_eq!(get(&facts, "remoteStreams"), 1);
        assert_eq!(get(&facts, "remoteIsListed"), true);
        assert_eq!(get(&facts, "localAfterRemove"), 0);
        assert_eq!(
            get(&facts, "sendersWithTrack"),
            0,
            "removeStream removed the stream's senders"
        );
        assert!(
            get(&facts, "failureCallback")
                .as_string()
                .is_some_and(|n| !n.is_empty()),
            "the failure callback got the error"
        );
        assert_eq!(get(&facts, "camera"), 1);
    })
    .await;
}
