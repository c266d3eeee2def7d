//! The shim in real browsers: what it reports, that it changes nothing until installed and
//! nothing the second time, and that standard-API code passes with it as well as without it.
#![cfg(target_arch = "wasm32")]

mod common;

use common::within;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use wasm_rtc::shim::{browser_details, install, install_settled, Engine, ShimOptions, ShimStatus};

wasm_bindgen_test_configure!(run_in_browser);

/// The differential suite's scenario (npm/test/pages/differential.js), run here before and after
/// install in one page.
#[wasm_bindgen(module = "/npm/test/pages/differential.js")]
extern "C" {
    #[wasm_bindgen(catch)]
    fn subclassing() -> Result<js_sys::Promise, JsValue>;
}

#[wasm_bindgen(module = "/tests/standard_scenarios.js")]
extern "C" {
    #[wasm_bindgen(js_name = twoPeersWithPromises, catch)]
    fn two_peers_with_promises() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = isNative)]
    fn is_native(object: &JsValue, name: &str) -> bool;
    #[wasm_bindgen(js_name = legacyConstraints, catch)]
    fn legacy_constraints() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = dataChannelAtAndOverMaxMessageSize, catch)]
    fn data_channel_at_and_over_max_message_size() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = ontrackFields, catch)]
    fn ontrack_fields() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = dtmfTones, catch)]
    fn dtmf_tones() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = offerToReceive, catch)]
    fn offer_to_receive() -> Result<js_sys::Promise, JsValue>;
    #[wasm_bindgen(js_name = getUserMediaFacts)]
    fn get_user_media_facts() -> JsValue;
}

/// The npm test pages' snapshot of every WebRTC and media-capture member (one for both):
/// `(snapshot, diff)`.
fn snapshot_functions() -> (js_sys::Function, js_sys::Function) {
    let source = include_str!("../npm/test/pages/snapshot.js");
    let both = js_sys::eval(&format!(
        "{source}\n;[wasmRtcTestSnapshot, wasmRtcTestDiff]"
    ))
    .unwrap();
    let both = js_sys::Array::from(&both);
    (
        both.get(0).dyn_into().unwrap(),
        both.get(1).dyn_into().unwrap(),
    )
}

/// A snapshot of the platform (see `snapshot_functions`).
fn platform_snapshot() -> JsValue {
    snapshot_functions().0.call0(&JsValue::NULL).unwrap()
}

/// What changed between two snapshots, apart from the shim's install record on the global (a
/// registered symbol, its only trace there).
fn platform_changes(before: &JsValue, after: &JsValue) -> Vec<String> {
    let lines = snapshot_functions()
        .1
        .call2(&JsValue::NULL, before, after)
        .unwrap();
    js_sys::Array::from(&lines)
        .iter()
        .filter_map(|line| line.as_string())
        .filter(|line| {
            !(line.starts_with("global symbols:")
                && line.ends_with("-> Symbol(wasm-rtc.shim.applied)"))
        })
        .collect()
}

fn json(value: &JsValue) -> String {
    String::from(js_sys::JSON::stringify(value).unwrap())
}

/// What each standard scenario returned, to compare without and with the shim.
async fn media_scenarios() -> Vec<String> {
    let mut results = Vec::new();
    let ontrack = run(ontrack_fields()).await;
    let events = js_sys::Array::from(&get(&ontrack, "events"));
    assert_eq!(events.length(), 2, "one ontrack event per track");
    for event in events.iter() {
        assert_eq!(
            get(&event, "inSentStream"),
            true,
            "the remote stream has the sender's stream id"
        );
        assert_eq!(get(&event, "receiverTrackIsTrack"), true);
        assert_eq!(get(&event, "transceiverReceiverIsReceiver"), true);
    }
    results.push(json(&events));
    let dtmf = run(dtmf_tones()).await;
    assert_eq!(get(&dtmf, "tones"), "1|2|#|");
    results.push(json(&dtmf));
    results
}

fn get(object: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(object.clone(), |o, key| {
        js_sys::Reflect::get(&o, &key.into()).unwrap()
    })
}

async fn run(scenario: Result<js_sys::Promise, JsValue>) -> JsValue {
    match JsFuture::from(scenario.unwrap()).await {
        Ok(result) => result,
        Err(e) => panic!("the standard scenario failed: {e:?}"),
    }
}

/// Everything in one test, in order, because installing patches this page for good: the
/// scenario without the shim, then install, then the same scenario with it.
#[wasm_bindgen_test]
async fn standard_code_passes_with_the_shim_as_well_as_without() {
    within(90, "shim in a real browser", async {
        let window = js_sys::global();
        let pc_proto = get(&window, "RTCPeerConnection.prototype");
        // Loading the module changed nothing.
        assert!(
            is_native(&pc_proto, "getStats"),
            "getStats patched before install()"
        );
        assert!(is_native(
            &get(&window, "navigator.mediaDevices"),
            "getUserMedia"
        ));
        let subclass_before = run(subclassing()).await;
        let without = run(two_peers_with_promises()).await;
        let media_without = media_scenarios().await;
        let limit_without = run(data_channel_at_and_over_max_message_size()).await;
        let receive_only_without = run(offer_to_receive()).await;
        assert_eq!(
            get(&limit_without, "received"),
            get(&limit_without, "atLimit")
        );

        let before = platform_snapshot();
        let gum_before = get_user_media_facts();

        // Two probes watch behaviour only a promise shows: pending until they settle.
        let first = install(&window, &ShimOptions::default());
        for name in ["getUserMedia", "getStats"] {
            assert_eq!(
                first.status(name),
                Some(ShimStatus::Pending),
                "{name}: {first:?}"
            );
        }
        let report = install_settled(&window, &ShimOptions::default()).await;
        // Current Chrome and Firefox need none of the standard shims; the legacy ones are off.
        let legacy = [
            "legacyGetUserMedia",
            "legacyConstraints",
            "legacyCallbacks",
            "legacyStreams",
            "legacyPrefixes",
        ];
        for entry in &report.shims {
            let expected = if legacy.contains(&entry.name.as_str()) {
                ShimStatus::Disabled
            } else {
                ShimStatus::NotNeeded
            };
            assert_eq!(entry.status, expected, "{}: {report:?}", entry.name);
        }
        // … so the platform is exactly the browser's own: no member added, replaced or moved,
        // every method still native.
        let changes = platform_changes(&before, &platform_snapshot());
        assert!(
            changes.is_empty(),
            "the shim changed the platform: {changes:#?}"
        );
        assert_eq!(json(&get_user_media_facts()), json(&gum_before));

        // Installing again adds nothing and reports the same.
        assert_eq!(install(&window, &ShimOptions::default()), report);
        assert!(platform_changes(&before, &platform_snapshot()).is_empty());

        // The same standard code gives the same results.
        let with = run(two_peers_with_promises()).await;
        assert_eq!(json(&with), json(&without));
        assert_eq!(
            media_scenarios().await,
            media_without,
            "media code behaves exactly as without the shim"
        );
        let receive_only = run(offer_to_receive()).await;
        assert_eq!(
            receive_only, receive_only_without,
            "offerToReceive gives the offer the browser gave"
        );
        assert_eq!(
            receive_only,
            "m=audio a=recvonly m=video a=recvonly | closed: rejected InvalidStateError true"
        );
        let limit = run(data_channel_at_and_over_max_message_size()).await;
        assert_eq!(json(&limit), json(&limit_without));
        assert_eq!(
            get(&limit, "received"),
            get(&limit, "atLimit"),
            "exactly maxMessageSize goes through"
        );
        // The browser enforces the limit it reports (what dataChannelSendLimit's signal relies on).
        if get(&limit, "max").as_f64().unwrap() <= 262144.0 {
            assert_eq!(
                get(&limit, "over"),
                "TypeError",
                "one byte over throws TypeError"
            );
            assert_eq!(
                get(&limit, "overString"),
                "TypeError",
                "a string over the limit in UTF-8 bytes throws TypeError"
            );
            assert_eq!(
                get(&limit, "overWhileConnecting"),
                "InvalidStateError",
                "a channel not open yet throws InvalidStateError"
            );
        }
        assert_eq!(
            get(&limit, "stateAfter"),
            "open",
            "and the channel stays open"
        );

        // The constructor is untouched: subclassing, instanceof, length, toStringTag, statics.
        let subclass_after = run(subclassing()).await;
        assert_eq!(
            js_sys::JSON::stringify(&subclass_after).unwrap(),
            js_sys::JSON::stringify(&subclass_before).unwrap()
        );
        assert_eq!(get(&subclass_after, "instanceOfNative"), true);
        assert_eq!(get(&subclass_after, "instanceOfSubclass"), true);
        assert_eq!(get(&subclass_after, "length"), 0);
        assert_eq!(get(&subclass_after, "constructorProperty"), true);
        assert_eq!(
            get(&subclass_after, "toStringTag"),
            "[object RTCPeerConnection]"
        );
        assert_eq!(
            get(&subclass_after, "staticGenerateCertificate"),
            "function"
        );

        // A configuration with the legacy `url` constructs, as `urls`.
        let legacy =
            js_sys::JSON::parse(r#"{"iceServers":[{"url":"stun:stun.example.org:3478"}]}"#)
                .unwrap();
        let class: js_sys::Function = get(&window, "RTCPeerConnection").dyn_into().unwrap();
        let pc =
            js_sys::Reflect::construct(&class, &js_sys::Array::of1(&legacy)).expect("url accepted");
        let get_configuration: js_sys::Function = get(&pc, "getConfiguration").dyn_into().unwrap();
        let configuration = get_configuration.call0(&pc).unwrap();
        let urls = get(
            &js_sys::Array::from(&get(&configuration, "iceServers")).get(0),
            "urls",
        );
        assert!(js_sys::JSON::stringify(&urls)
            .unwrap()
            .as_string()
            .unwrap()
            .contains("stun:stun.example.org:3478"));
        assert_eq!(get(&pc, "constructor"), get(&window, "RTCPeerConnection"));
        let close: js_sys::Function = get(&pc, "close").dyn_into().unwrap();
        close.call0(&pc).unwrap();

        // Asked for, the legacy constraint syntax works on a current browser (which ignores it
        // on its own), and the wrap sits where the browser's method sits.
        let legacy = install(
            &window,
            &ShimOptions {
                legacy_constraints: true,
                ..Default::default()
            },
        );
        assert_eq!(
            legacy.status("legacyConstraints"),
            Some(ShimStatus::Applied)
        );
        // The snapshot sees a wrap: exactly that one method, no longer the browser's own.
        assert_eq!(
            platform_changes(&before, &platform_snapshot()),
            [
                "MediaDevices.prototype.getUserMedia: value changed",
                "MediaDevices.prototype.getUserMedia: value no longer looks native",
            ]
        );
        let facts = get_user_media_facts();
        assert_eq!(
            get(&facts, "ownEnumerable"),
            false,
            "not an own member of the instance"
        );
        assert_eq!(
            get(&facts, "onPrototype"),
            true,
            "on MediaDevices.prototype"
        );
        assert_eq!(get(&facts, "name"), get(&gum_before, "name"));
        assert_eq!(get(&facts, "length"), get(&gum_before, "length"));
        let camera = run(legacy_constraints()).await;
        assert_eq!(get(&camera, "tracks"), 1);
        assert!(get(&camera, "width").as_f64().unwrap() >= 320.0);
    })
    .await;
}

#[wasm_bindgen_test]
fn browser_details_name_the_engine() {
    let details = browser_details();
    let ua = get(&js_sys::global(), "navigator.userAgent")
        .as_string()
        .unwrap();
    let expected = if ua.contains("Firefox/") {
        Engine::Gecko
    } else {
        Engine::Chromium
    };
    assert_eq!(details.engine, expected, "{ua}");
    assert!(details.version.unwrap_or(0) >= 100, "{details:?}");
}
