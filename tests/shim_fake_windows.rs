//! Each shim against a hand-made window of the old browser that needed it: the quirk before,
//! the standard behaviour after.
#![cfg(target_arch = "wasm32")]

mod common;

use common::within;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::*;
use wasm_rtc::shim::{install, install_settled, ShimOptions, ShimStatus};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/tests/fake_windows.js")]
extern "C" {
    fn chrome47() -> JsValue;
    fn chrome60() -> JsValue;
    fn chrome70() -> JsValue;
    fn safari13() -> JsValue;
    fn frozen() -> JsValue;
    #[wasm_bindgen(js_name = sealedGlobal)]
    fn sealed_global() -> JsValue;
    fn construct(class: &JsValue, arg: &JsValue) -> JsValue;
}

fn get(object: &JsValue, path: &str) -> JsValue {
    path.split('.').fold(object.clone(), |o, key| {
        js_sys::Reflect::get(&o, &key.into()).unwrap()
    })
}

fn call(object: &JsValue, path: &str, args: &[JsValue]) -> JsValue {
    let (owner, method) = path
        .rsplit_once('.')
        .map_or((object.clone(), path), |(o, m)| (get(object, o), m));
    let f: js_sys::Function = get(&owner, method).dyn_into().unwrap();
    js_sys::Reflect::apply(&f, &owner, &args.iter().collect()).unwrap()
}

async fn settle(promise: JsValue) -> Result<JsValue, JsValue> {
    JsFuture::from(js_sys::Promise::resolve(&promise)).await
}

fn json(value: &JsValue) -> String {
    String::from(js_sys::JSON::stringify(value).unwrap())
}

fn parse(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

#[wasm_bindgen_test]
async fn get_user_media_over_the_chrome_47_callback_api() {
    within(10, "chrome47", async {
        let fake = chrome47();
        let window = get(&fake, "window");
        assert!(get(&window, "navigator.mediaDevices.getUserMedia").is_undefined(), "the quirk: no promise API");

        let report = install(&window, &ShimOptions::default());
        assert_eq!(report.status("getUserMedia"), Some(ShimStatus::Applied));
        let stream = settle(call(&window, "navigator.mediaDevices.getUserMedia", &[parse(r#"{"video":true}"#)])).await.unwrap();
        assert_eq!(get(&stream, "id"), "stream-from-webkitGetUserMedia");

        // Standard constraints go out in the legacy syntax this API reads; legacy ones unchanged;
        // legacy error names come back standard.
        let standard = parse(r#"{"video":{"width":{"min":640,"ideal":1280},"deviceId":{"exact":"denied"}}}"#);
        let err = settle(call(&window, "navigator.mediaDevices.getUserMedia", &[standard])).await.unwrap_err();
        assert_eq!(get(&err, "name"), "NotAllowedError");
        let calls = || js_sys::Array::from(&get(&fake, "calls"));
        assert_eq!(json(&calls().get(1)), r#"{"video":{"mandatory":{"minWidth":640,"sourceId":"denied"},"optional":[{"minWidth":1280}]}}"#);
        let legacy = parse(r#"{"video":{"mandatory":{"sourceId":"denied"}}}"#);
        let err = settle(call(&window, "navigator.mediaDevices.getUserMedia", std::slice::from_ref(&legacy))).await.unwrap_err();
        assert_eq!(get(&err, "name"), "NotAllowedError");
        assert_eq!(json(&calls().get(2)), json(&legacy));
    })
    .await;
}

#[wasm_bindgen_test]
async fn legacy_constraints_undefined_members_and_error_names_on_chrome_60() {
    within(10, "chrome60", async {
        let fake = chrome60();
        let window = get(&fake, "window");
        // Before: the legacy names reach the page.
        let missing = parse(r#"{"video":{"deviceId":{"exact":"missing"}}}"#);
        let err = settle(call(&window, "navigator.mediaDevices.getUserMedia", std::slice::from_ref(&missing))).await.unwrap_err();
        assert_eq!(get(&err, "name"), "DevicesNotFoundError");

        // Its probe (getUserMedia({}) must reject with TypeError) needs a promise.
        assert_eq!(install(&window, &ShimOptions::default()).status("getUserMedia"), Some(ShimStatus::Pending));
        assert_eq!(install_settled(&window, &ShimOptions::default()).await.status("getUserMedia"), Some(ShimStatus::Applied));
        let err = settle(call(&window, "navigator.mediaDevices.getUserMedia", &[missing])).await.unwrap_err();
        assert_eq!(get(&err, "name"), "NotFoundError");
        assert_eq!(get(&err, "message"), "Requested device not found");

        // Legacy syntax translated; `undefined` members (Safari rejects them) dropped.
        let legacy = js_sys::eval(
            "({ audio: undefined, video: { mandatory: { minWidth: 640, maxHeight: 720, sourceId: 'cam' }, \
               optional: [{ minFrameRate: 30 }], height: undefined } })",
        )
        .unwrap();
        settle(call(&window, "navigator.mediaDevices.getUserMedia", &[legacy])).await.unwrap();
        let calls: js_sys::Array = get(&fake, "calls").dyn_into().unwrap();
        let sent = calls.get(calls.length() - 1);
        assert_eq!(
            json(&sent),
            r#"{"video":{"width":{"min":640},"height":{"max":720},"deviceId":{"exact":"cam"},"frameRate":{"ideal":30}}}"#
        );
        // One level down too: constraint values are flat objects.
        let nested = js_sys::eval("({ video: { width: { min: 640, ideal: undefined }, frameRate: 30 } })").unwrap();
        settle(call(&window, "navigator.mediaDevices.getUserMedia", &[nested])).await.unwrap();
        let sent = calls.get(calls.length() - 1);
        assert_eq!(json(&sent), r#"{"video":{"width":{"min":640},"frameRate":30}}"#);
        // (JSON leaves `undefined` out by itself: ask the object.)
        let width = get(&sent, "video.width");
        assert!(!js_sys::Reflect::has(&width, &"ideal".into()).unwrap(), "the undefined member is gone");
        // Standard constraints reach the browser as the very object the page passed (inherited
        // members and getters included, which a copy would lose).
        let standard = parse(r#"{"audio":true,"video":{"width":{"ideal":1280}}}"#);
        settle(call(&window, "navigator.mediaDevices.getUserMedia", std::slice::from_ref(&standard))).await.unwrap();
        assert!(js_sys::Object::is(&calls.get(calls.length() - 1), &standard), "the page's own object");
        // Chromium's own legacy keys (tab and desktop capture in extensions and Electron) have no
        // standard form: that track is left as the page wrote it.
        let desktop = parse(
            r#"{"audio":false,"video":{"mandatory":{"chromeMediaSource":"desktop","chromeMediaSourceId":"screen:0","minWidth":1280}}}"#,
        );
        settle(call(&window, "navigator.mediaDevices.getUserMedia", std::slice::from_ref(&desktop))).await.unwrap();
        assert_eq!(json(&calls.get(calls.length() - 1)), json(&desktop));
    })
    .await;
}

#[wasm_bindgen_test]
async fn end_of_candidates_and_parameterless_set_local_description_on_chrome_70() {
    within(10, "chrome70", async {
        let fake = chrome70();
        let window = get(&fake, "window");
        let pc = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
        // Before: both reject.
        assert!(settle(call(&pc, "addIceCandidate", &[JsValue::NULL]))
            .await
            .is_err());
        assert!(settle(call(&pc, "setLocalDescription", &[])).await.is_err());

        let report = install(&window, &ShimOptions::default());
        assert_eq!(report.status("addIceCandidate"), Some(ShimStatus::Applied));
        assert_eq!(
            report.status("setLocalDescription"),
            Some(ShimStatus::Applied)
        );
        for end in [
            JsValue::NULL,
            JsValue::UNDEFINED,
            parse(r#"{"candidate":""}"#),
        ] {
            settle(call(&pc, "addIceCandidate", &[end])).await.unwrap();
        }
        let real = parse(
            r#"{"candidate":"candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host","sdpMid":"0"}"#,
        );
        settle(call(&pc, "addIceCandidate", &[real])).await.unwrap();
        assert_eq!(
            js_sys::Array::from(&get(&fake, "added")).length(),
            1,
            "real candidates still reach the browser"
        );

        settle(call(&pc, "setLocalDescription", &[])).await.unwrap();
        let set = || js_sys::Array::from(&get(&fake, "set"));
        assert_eq!(json(&set().get(0)), r#"{"type":"offer","sdp":"v=0 offer"}"#);
        assert_eq!(get(&pc, "signalingState"), "have-local-offer");
        js_sys::Reflect::set(&pc, &"signalingState".into(), &"have-remote-offer".into()).unwrap();
        settle(call(&pc, "setLocalDescription", &[])).await.unwrap();
        assert_eq!(
            get(&set().get(1), "type"),
            "answer",
            "in have-remote-offer it answers"
        );

        // The wrapped methods keep their names and lengths.
        let method = get(&window, "RTCPeerConnection.prototype.addIceCandidate");
        assert_eq!(get(&method, "name"), "addIceCandidate");
        assert_eq!(get(&method, "length"), 1);
    })
    .await;
}

#[wasm_bindgen_test]
fn ice_candidate_fields_on_chrome_70() {
    let fake = chrome70();
    let window = get(&fake, "window");
    let init = parse(
        r#"{"candidate":"candidate:3 1 udp 1686052607 203.0.113.4 61665 typ srflx raddr 192.0.2.33 rport 51823 generation 0 ufrag EsAw","sdpMid":"0","sdpMLineIndex":0}"#,
    );
    let before = construct(&get(&window, "RTCIceCandidate"), &init);
    assert!(
        get(&before, "port").is_undefined(),
        "the quirk: no parsed fields"
    );

    assert_eq!(
        install(&window, &ShimOptions::default()).status("iceCandidateFields"),
        Some(ShimStatus::Applied)
    );
    let c = construct(&get(&window, "RTCIceCandidate"), &init);
    assert_eq!(get(&c, "foundation"), "3");
    assert_eq!(get(&c, "component"), "rtp");
    assert_eq!(get(&c, "priority"), 1686052607u32);
    assert_eq!(get(&c, "address"), "203.0.113.4");
    assert_eq!(get(&c, "port"), 61665);
    assert_eq!(get(&c, "type"), "srflx");
    assert_eq!(get(&c, "protocol"), "udp");
    assert_eq!(get(&c, "relatedAddress"), "192.0.2.33");
    assert_eq!(get(&c, "relatedPort"), 51823);
    assert!(get(&c, "tcpType").is_null());
    assert_eq!(get(&c, "usernameFragment"), "EsAw");
    assert!(get(&c, "relayProtocol").is_null());
    let garbage = construct(
        &get(&window, "RTCIceCandidate"),
        &parse(r#"{"candidate":"garbage","sdpMid":"0"}"#),
    );
    assert!(
        get(&garbage, "port").is_null(),
        "an unparsable line gives null fields"
    );
}

#[wasm_bindgen_test]
async fn get_stats_on_a_closed_connection_on_safari_13() {
    within(10, "safari13", async {
        let fake = safari13();
        let window = get(&fake, "window");
        let pc = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
        call(&pc, "close", &[]);
        assert!(
            settle(call(&pc, "getStats", &[])).await.is_err(),
            "the quirk: it rejects"
        );

        assert_eq!(
            install_settled(&window, &ShimOptions::default())
                .await
                .status("getStats"),
            Some(ShimStatus::Applied)
        );
        let report = settle(call(&pc, "getStats", &[])).await.unwrap();
        assert_eq!(get(&report, "size"), 0);
        let open = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
        assert_eq!(
            get(&settle(call(&open, "getStats", &[])).await.unwrap(), "size"),
            1,
            "open connections unchanged"
        );
    })
    .await;
}

/// A shim its asynchronous probe finds needed but cannot apply (a frozen prototype) reports
/// `failed` with the reason once settled, and leaves the method as it was.
#[wasm_bindgen_test]
async fn an_asynchronous_probe_that_cannot_patch_reports_failed() {
    within(10, "safari13 frozen", async {
        let fake = safari13();
        let window = get(&fake, "window");
        let proto = get(&window, "RTCPeerConnection.prototype");
        let native = get(&proto, "getStats");
        js_sys::Object::freeze(proto.unchecked_ref::<js_sys::Object>());
        assert_eq!(
            install(&window, &ShimOptions::default()).status("getStats"),
            Some(ShimStatus::Pending)
        );
        let report = install_settled(&window, &ShimOptions::default()).await;
        assert_failed(&report, "getStats", "TypeError");
        assert_eq!(
            get(&proto, "getStats"),
            native,
            "the method is the browser's own"
        );
    })
    .await;
}

#[wasm_bindgen_test]
fn installing_twice_adds_nothing_and_options_disable() {
    let fake = chrome70();
    let window = get(&fake, "window");
    let first = install(&window, &ShimOptions::default());
    let method = get(&window, "RTCPeerConnection.prototype.getStats");
    let second = install(&window, &ShimOptions::default());
    assert_eq!(first, second);
    assert_eq!(
        get(&window, "RTCPeerConnection.prototype.getStats"),
        method,
        "not wrapped twice"
    );

    let other = get(&chrome70(), "window");
    let report = install(
        &other,
        &ShimOptions {
            get_stats: false,
            add_ice_candidate: false,
            ..Default::default()
        },
    );
    assert_eq!(report.status("getStats"), Some(ShimStatus::Disabled));
    assert_eq!(report.status("addIceCandidate"), Some(ShimStatus::Disabled));
    assert_eq!(
        report.status("legacyGetUserMedia"),
        Some(ShimStatus::Disabled),
        "legacy shims are opt-in"
    );
    assert_eq!(
        report.status("getUserMedia"),
        Some(ShimStatus::Unavailable),
        "no getUserMedia of any kind"
    );
}

/// Asserts that `report` says shim `name` failed, with `why` in its detail.
fn assert_failed(report: &wasm_rtc::shim::ShimReport, name: &str, why: &str) {
    let entry = report.shims.iter().find(|e| e.name == name).unwrap();
    assert_eq!(entry.status, ShimStatus::Failed);
    assert!(
        entry.detail.as_deref().unwrap_or_default().contains(why),
        "{entry:?}"
    );
}

/// Where the global cannot carry the record of what was installed, a second install could not
/// know what the first patched: nothing is patched, and the report says why.
#[wasm_bindgen_test]
fn a_non_extensible_global_gets_no_patch_and_an_honest_report() {
    let fake = sealed_global();
    let window = get(&fake, "window");
    for _ in 0..2 {
        let report = install(&window, &ShimOptions::default());
        assert_failed(&report, "addIceCandidate", "not extensible");
        assert_eq!(report.status("legacyCallbacks"), Some(ShimStatus::Disabled));
    }
    assert_eq!(
        get(&window, "RTCPeerConnection.prototype.addIceCandidate"),
        get(&fake, "addIceCandidate"),
        "the method is the browser's own, patched neither once nor twice"
    );
}

#[wasm_bindgen_test]
fn a_frozen_prototype_fails_one_shim_without_crashing_install() {
    let window = get(&frozen(), "window");
    let report = install(&window, &ShimOptions::default());
    assert_failed(&report, "addIceCandidate", "TypeError");
    assert_eq!(
        report.status("iceCandidateFields"),
        Some(ShimStatus::Applied),
        "other shims still apply"
    );
}

#[wasm_bindgen_test]
async fn legacy_navigator_get_user_media_only_when_asked() {
    within(10, "legacy getUserMedia", async {
        let fake = chrome60();
        let window = get(&fake, "window");
        let options = ShimOptions {
            legacy_get_user_media: true,
            ..Default::default()
        };
        assert_eq!(
            install(&window, &options).status("legacyGetUserMedia"),
            Some(ShimStatus::Applied)
        );
        let got = js_sys::Promise::new(&mut |resolve, reject| {
            call(
                &window,
                "navigator.getUserMedia",
                &[parse(r#"{"video":true}"#), resolve.into(), reject.into()],
            );
        });
        let stream = JsFuture::from(got).await.unwrap();
        assert_eq!(get(&stream, "id"), "stream-from-mediaDevices");
    })
    .await;
}

#[wasm_bindgen(module = "/tests/fake_windows.js")]
extern "C" {
    fn chrome55() -> JsValue;
    fn chrome65() -> JsValue;
    fn firefox112() -> JsValue;
    fn chrome75(remote_sdp: &str) -> JsValue;
    #[wasm_bindgen(js_name = lockedAddEventListener)]
    fn locked_add_event_listener() -> JsValue;
    #[wasm_bindgen(js_name = handleEventListener)]
    fn handle_event_listener(target: &JsValue, event: &str) -> js_sys::Array;
    #[wasm_bindgen(js_name = setHandler)]
    fn set_handler(target: &JsValue, name: &str, record: &js_sys::Array);
}

#[wasm_bindgen_test]
async fn track_events_from_addstream_on_chrome_55() {
    within(10, "chrome55", async {
        let window = get(&chrome55(), "window");
        assert_eq!(
            install(&window, &ShimOptions::default()).status("trackEvent"),
            Some(ShimStatus::Applied)
        );
        let pc = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
        let by_handler = js_sys::Array::new();
        set_handler(&pc, "ontrack", &by_handler);
        let by_object = handle_event_listener(&pc, "track"); // a `handleEvent` listener object
        settle(call(
            &pc,
            "setRemoteDescription",
            &[parse(r#"{"type":"offer","sdp":"v=0"}"#)],
        ))
        .await
        .unwrap();
        common::sleep_ms(10).await;
        assert_eq!(
            by_handler.length(),
            2,
            "one track event per track of the added stream"
        );
        assert_eq!(by_object.length(), 2);
        let event = by_handler.get(1);
        assert_eq!(get(&event, "track.kind"), "video");
        assert_eq!(
            get(&js_sys::Array::from(&get(&event, "streams")).get(0), "id"),
            "remote-stream"
        );
        assert_eq!(get(&event, "receiver.track"), get(&event, "track"));
        assert_eq!(get(&event, "transceiver.receiver"), get(&event, "receiver"));
        // Replacing the handler detaches the old one.
        let second = js_sys::Array::new();
        set_handler(&pc, "ontrack", &second);
        settle(call(
            &pc,
            "setRemoteDescription",
            &[parse(r#"{"type":"offer","sdp":"v=0"}"#)],
        ))
        .await
        .unwrap();
        common::sleep_ms(10).await;
        assert_eq!((by_handler.length(), second.length()), (2, 2));
    })
    .await;
}

#[wasm_bindgen_test]
fn transceiver_on_chrome_65_track_events() {
    let fake = chrome65();
    let window = get(&fake, "window");
    assert_eq!(
        install(&window, &ShimOptions::default()).status("trackEvent"),
        Some(ShimStatus::Applied)
    );
    let pc = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
    let seen = handle_event_listener(&pc, "track");
    call(&pc, "fireTrack", &[]);
    assert_eq!(get(&seen.get(0), "transceiver"), get(&fake, "transceiver"));
}

#[wasm_bindgen_test]
async fn connection_state_on_firefox_112() {
    within(10, "firefox112", async {
        let window = get(&firefox112(), "window");
        let pc = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
        assert!(get(&pc, "connectionState").is_undefined(), "the quirk");
        assert_eq!(
            install(&window, &ShimOptions::default()).status("connectionState"),
            Some(ShimStatus::Applied)
        );
        let handled = js_sys::Array::new();
        set_handler(&pc, "onconnectionstatechange", &handled);
        let objects = handle_event_listener(&pc, "connectionstatechange");
        assert_eq!(get(&pc, "connectionState"), "new");
        settle(call(
            &pc,
            "setLocalDescription",
            &[parse(r#"{"type":"offer","sdp":"v=0"}"#)],
        ))
        .await
        .unwrap();
        call(&pc, "iceGoes", &["checking".into()]);
        assert_eq!(get(&pc, "connectionState"), "connecting");
        call(&pc, "iceGoes", &["connected".into()]);
        call(&pc, "iceGoes", &["completed".into()]); // still "connected": no event
        assert_eq!(get(&pc, "connectionState"), "connected");
        assert_eq!((handled.length(), objects.length()), (2, 2));
        call(&pc, "iceGoes", &["failed".into()]);
        assert_eq!(get(&pc, "connectionState"), "failed");
        assert_eq!(handled.length(), 3);
    })
    .await;
}

#[wasm_bindgen_test]
async fn max_message_size_and_send_limit_on_chrome_75() {
    within(10, "chrome75", async {
        let fake = chrome75("");
        let window = get(&fake, "window");
        let report = install(&window, &ShimOptions::default());
        assert_eq!(report.status("sctp"), Some(ShimStatus::Applied));
        assert_eq!(report.status("dataChannelSendLimit"), Some(ShimStatus::Applied));
        let pc = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
        assert!(get(&pc, "sctp").is_null(), "no SCTP before a remote description");
        let channel = call(&pc, "createDataChannel", &["x".into()]);
        let sdp = "v=0\r\nm=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\na=sctp-port:5000\r\na=max-message-size:1000\r\n";
        let description = js_sys::Object::new();
        js_sys::Reflect::set(&description, &"type".into(), &"answer".into()).unwrap();
        js_sys::Reflect::set(&description, &"sdp".into(), &sdp.into()).unwrap();
        settle(call(&pc, "setRemoteDescription", &[description.into()])).await.unwrap();
        assert_eq!(get(&pc, "sctp.maxMessageSize"), 1000);
        assert_eq!(get(&pc, "sctp"), get(&pc, "sctp"), "one object per connection");

        let send: js_sys::Function = get(&channel, "send").dyn_into().unwrap();
        send.call1(&channel, &"x".repeat(1000).into()).unwrap();
        let err = send.call1(&channel, &"x".repeat(1001).into()).unwrap_err();
        assert!(err.is_instance_of::<js_sys::TypeError>(), "{err:?}");
        let bytes = js_sys::Uint8Array::new_with_length(1001);
        assert!(send.call1(&channel, &bytes).unwrap_err().is_instance_of::<js_sys::TypeError>());
        assert_eq!(get(&channel, "readyState"), "open");
        assert_eq!(js_sys::Array::from(&get(&fake, "sent")).length(), 1, "only the message within the limit went out");
    })
    .await;
}

#[wasm_bindgen_test]
fn a_non_writable_add_event_listener_does_not_break_install() {
    let window = get(&locked_add_event_listener(), "window");
    let report = install(&window, &ShimOptions::default());
    assert_eq!(
        report.status("connectionState"),
        Some(ShimStatus::Applied),
        "{report:?}"
    );
    assert!(
        report.shims.iter().all(|e| e.status != ShimStatus::Failed),
        "{report:?}"
    );
}

#[wasm_bindgen(module = "/tests/fake_windows.js")]
extern "C" {
    fn firefox43() -> JsValue;
}

#[wasm_bindgen_test]
fn unprefixed_constructors_on_firefox_43() {
    let window = get(&firefox43(), "window");
    assert!(get(&window, "RTCPeerConnection").is_undefined());
    assert_eq!(
        install(&window, &ShimOptions::default()).status("unprefixed"),
        Some(ShimStatus::Applied)
    );
    for name in [
        "RTCPeerConnection",
        "RTCSessionDescription",
        "RTCIceCandidate",
    ] {
        assert_eq!(
            get(&window, name),
            get(&window, &format!("moz{name}")),
            "{name}"
        );
    }
}

#[wasm_bindgen(module = "/tests/fake_windows.js")]
extern "C" {
    #[wasm_bindgen(js_name = strictIceServers)]
    fn strict_ice_servers() -> JsValue;
    #[wasm_bindgen(js_name = lenientIceServers)]
    fn lenient_ice_servers(failure: Option<&str>) -> JsValue;
    #[wasm_bindgen(js_name = subclassFacts, catch)]
    fn subclass_facts(class: &JsValue, configuration: &JsValue) -> Result<JsValue, JsValue>;
}

#[wasm_bindgen_test]
fn legacy_url_on_a_spec_strict_browser_keeps_the_constructor_transparent() {
    let fake = strict_ice_servers();
    let window = get(&fake, "window");
    let native = get(&window, "RTCPeerConnection");
    let legacy = parse(r#"{"iceServers":[{"url":"stun:stun.example.org"}]}"#);
    assert!(
        subclass_facts(&native, &legacy).is_err(),
        "the quirk: url is a TypeError"
    );
    let before = subclass_facts(&native, &JsValue::UNDEFINED).unwrap();

    assert_eq!(
        install(&window, &ShimOptions::default()).status("iceServerUrls"),
        Some(ShimStatus::Applied)
    );
    let shimmed = get(&window, "RTCPeerConnection");
    assert_ne!(shimmed, native, "a stand-in constructor");
    assert_eq!(
        get(&shimmed, "prototype"),
        get(&native, "prototype"),
        "with the browser's own prototype object"
    );
    let after = subclass_facts(&shimmed, &legacy).expect("url accepted");
    assert_eq!(
        json(&after),
        json(&before),
        "subclassing, instanceof, length, name, toStringTag, statics unchanged"
    );
    assert_eq!(
        get(&after, "constructorLength"),
        get(&native, "length"),
        "length copied from the native constructor"
    );
    let made = js_sys::Array::from(&get(&fake, "made"));
    let last = made.get(made.length() - 1);
    assert_eq!(
        json(&get(&last, "configuration")),
        r#"{"iceServers":[{"urls":"stun:stun.example.org"}]}"#
    );
    // Instances made by the native constructor before the shim still pass instanceof.
    let old = construct(&native, &JsValue::UNDEFINED);
    assert!(old
        .dyn_ref::<js_sys::Object>()
        .unwrap()
        .is_instance_of::<js_sys::Object>());
    assert!(
        js_sys::Reflect::get_prototype_of(&old).unwrap()
            == get(&shimmed, "prototype").unchecked_into::<js_sys::Object>()
    );
}

/// The probe asks for a connection that no browser makes (its second server's URL is malformed):
/// it runs once per page, makes no connection, and only a `TypeError` (the dictionary's missing
/// `urls`) replaces the constructor.
#[wasm_bindgen_test]
fn ice_server_url_probe_runs_once_and_replaces_nothing_on_a_guess() {
    let fake = lenient_ice_servers(None);
    let window = get(&fake, "window");
    let native = get(&window, "RTCPeerConnection");
    for _ in 0..2 {
        assert_eq!(
            install(&window, &ShimOptions::default()).status("iceServerUrls"),
            Some(ShimStatus::NotNeeded)
        );
    }
    assert_eq!(
        js_sys::Array::from(&get(&fake, "made")).length(),
        0,
        "no probe connection made at all"
    );
    assert_eq!(
        get(&window, "RTCPeerConnection"),
        native,
        "the constructor is untouched"
    );

    let exhausted = lenient_ice_servers(Some("Cannot create so many PeerConnections"));
    let window = get(&exhausted, "window");
    let native = get(&window, "RTCPeerConnection");
    assert_eq!(
        install(&window, &ShimOptions::default()).status("iceServerUrls"),
        Some(ShimStatus::NotNeeded)
    );
    assert_eq!(
        get(&window, "RTCPeerConnection"),
        native,
        "not replaced on a guess"
    );
}

#[wasm_bindgen(module = "/tests/fake_windows.js")]
extern "C" {
    fn safari12() -> JsValue;
}

#[wasm_bindgen_test]
async fn offer_to_receive_on_safari_12() {
    within(10, "safari12", async {
        let window = get(&safari12(), "window");
        let options = parse(r#"{"offerToReceiveAudio":true,"offerToReceiveVideo":true}"#);
        let before = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
        let offer = settle(call(&before, "createOffer", std::slice::from_ref(&options)))
            .await
            .unwrap();
        assert_eq!(
            get(&offer, "sdp"),
            "",
            "the quirk: nothing to receive is offered"
        );

        assert_eq!(
            install_settled(&window, &ShimOptions::default())
                .await
                .status("offerToReceive"),
            Some(ShimStatus::Applied)
        );
        let pc = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
        let offer = settle(call(&pc, "createOffer", std::slice::from_ref(&options)))
            .await
            .unwrap();
        assert_eq!(get(&offer, "sdp"), "m=audio a=recvonly|m=video a=recvonly");
        // Again: the existing transceivers already receive, nothing is added.
        let offer = settle(call(&pc, "createOffer", &[options])).await.unwrap();
        assert_eq!(get(&offer, "sdp"), "m=audio a=recvonly|m=video a=recvonly");
        // Not receiving any more: recvonly becomes inactive.
        let offer = settle(call(
            &pc,
            "createOffer",
            &[parse(r#"{"offerToReceiveVideo":false}"#)],
        ))
        .await
        .unwrap();
        assert_eq!(get(&offer, "sdp"), "m=audio a=recvonly|m=video a=inactive");
    })
    .await;
}

#[wasm_bindgen(module = "/tests/fake_windows.js")]
extern "C" {
    fn chrome90() -> JsValue;
}

/// Where the getStats shim applies (Chrome 90), the legacy `getStats(callback)` form still works
/// as the browser's own: it returns nothing and calls back.
#[wasm_bindgen_test]
async fn get_stats_shim_leaves_the_legacy_callback_form_alone_on_chrome_90() {
    within(10, "chrome90", async {
        let fake = chrome90();
        let window = get(&fake, "window");
        assert_eq!(
            install_settled(&window, &ShimOptions::default())
                .await
                .status("getStats"),
            Some(ShimStatus::Applied)
        );
        let pc = construct(&get(&window, "RTCPeerConnection"), &JsValue::UNDEFINED);
        let called = js_sys::Promise::new(&mut |resolve, _| {
            let returned = call(&pc, "getStats", &[resolve.into()]);
            assert!(returned.is_undefined(), "the legacy form returns nothing");
        });
        let report = JsFuture::from(called).await.unwrap();
        assert!(get(&report, "result").is_function());
        call(&pc, "close", &[]);
        let closed = settle(call(&pc, "getStats", &[])).await.unwrap();
        assert_eq!(
            get(&closed, "size"),
            0,
            "a closed connection's stats resolve, empty"
        );
    })
    .await;
}
