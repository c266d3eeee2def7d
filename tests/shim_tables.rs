//! The shims' tables, entry by entry: each legacy getUserMedia error name and constraint key, each
//! direction of the legacy offer options, each derived connection state. The scenario tests
//! (shim_fake_windows.rs) go through a few entries each; these go through all of them, calling
//! the shims' JavaScript directly.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(module = "/src/shim/patches.js")]
extern "C" {
    #[wasm_bindgen(js_name = mapError)]
    fn map_error(error: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = translateConstraints)]
    fn translate(constraints: &JsValue) -> JsValue;
    #[wasm_bindgen(js_name = derivedConnectionState)]
    fn current(pc: &JsValue) -> JsValue;
    fn sctp(proto: &JsValue, max_message_size: &js_sys::Function);
    #[wasm_bindgen(js_name = offerToReceiveKind)]
    fn offer_to_receive_kind(pc: &JsValue, kind: &str, receive: Option<bool>);
    /// `object[key]` (undefined where reading throws).
    #[wasm_bindgen(js_name = read)]
    fn get(object: &JsValue, key: &str) -> JsValue;
}

fn parse(text: &str) -> JsValue {
    js_sys::JSON::parse(text).unwrap()
}

fn json(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).unwrap().into()
}

#[wasm_bindgen_test]
fn every_legacy_error_name_maps_to_its_standard_name() {
    for (legacy, standard) in [
        ("PermissionDeniedError", "NotAllowedError"),
        ("PermissionDismissedError", "NotAllowedError"),
        ("MediaDeviceKillSwitchOn", "NotAllowedError"),
        ("DevicesNotFoundError", "NotFoundError"),
        ("ConstraintNotSatisfiedError", "OverconstrainedError"),
        ("TrackStartError", "NotReadableError"),
        ("MediaDeviceFailedDueToShutdown", "NotReadableError"),
        ("SourceUnavailableError", "NotReadableError"),
        ("TabCaptureError", "AbortError"),
        ("ScreenCaptureError", "AbortError"),
        ("DeviceCaptureError", "AbortError"),
    ] {
        let error = parse(&format!(
            r#"{{"name":"{legacy}","message":"why","constraintName":"width"}}"#
        ));
        let mapped = map_error(&error);
        assert!(mapped.is_instance_of::<web_sys::DomException>(), "{legacy}");
        assert_eq!(get(&mapped, "name"), standard, "{legacy}");
        assert_eq!(get(&mapped, "message"), "why", "{legacy}");
        assert_eq!(get(&mapped, "constraint"), "width", "{legacy}");
    }
    // A standard error is the very object it was; so is a thrown string.
    let standard = web_sys::DomException::new_with_message_and_name("no", "NotAllowedError")
        .unwrap()
        .into();
    assert_eq!(map_error(&standard), standard);
    assert_eq!(map_error(&"text".into()), "text");
}

#[wasm_bindgen_test]
fn every_legacy_constraint_key_is_translated() {
    let legacy = parse(
        r#"{"video":{"mandatory":{"minWidth":1,"maxWidth":2,"minHeight":3,"maxHeight":4,
        "minFrameRate":5,"maxFrameRate":6,"minAspectRatio":7,"maxAspectRatio":8,"sourceId":"s",
        "facingMode":"user"},"optional":[{"minWidth":9},{"echoCancellation":true}]},
        "audio":{"mandatory":{"googEchoCancellation":false,"googNoiseSuppression":true,
        "googAutoGainControl":false,"deviceId":"d"},"optional":[{"noiseSuppression":false},
        {"autoGainControl":true}]}}"#,
    );
    assert_eq!(
        json(&translate(&legacy)),
        json(&parse(
            r#"{"video":{"width":{"min":1,"max":2,"ideal":9},"height":{"min":3,"max":4},
            "frameRate":{"min":5,"max":6},"aspectRatio":{"min":7,"max":8},
            "deviceId":{"exact":"s"},"facingMode":{"exact":"user"},
            "echoCancellation":{"ideal":true}},
            "audio":{"echoCancellation":{"exact":false},"noiseSuppression":{"exact":true,"ideal":false},
            "autoGainControl":{"exact":false,"ideal":true},"deviceId":{"exact":"d"}}}"#
        ))
    );
    // Standard constraints are the page's own object, untouched.
    let standard = parse(r#"{"video":{"width":{"ideal":640}},"audio":true}"#);
    assert_eq!(translate(&standard), standard);
}

#[wasm_bindgen_test]
fn translation_leaves_the_pages_objects_as_they_were() {
    // A standard member and a legacy block for the same member: merged into a copy.
    let constraints = parse(r#"{"video":{"width":{"ideal":1280},"mandatory":{"minWidth":640}}}"#);
    let width = get(&get(&constraints, "video"), "width");
    js_sys::Object::freeze(width.unchecked_ref::<js_sys::Object>());
    let translated = translate(&constraints);
    assert_eq!(
        json(&translated),
        r#"{"video":{"width":{"ideal":1280,"min":640}}}"#
    );
    assert_eq!(json(&width), r#"{"ideal":1280}"#);
    assert_eq!(
        json(&constraints),
        r#"{"video":{"width":{"ideal":1280},"mandatory":{"minWidth":640}}}"#
    );
}

#[wasm_bindgen_test]
fn every_ice_state_has_its_connection_state() {
    for (ice, connection) in [
        ("new", "new"),
        ("checking", "connecting"),
        ("connected", "connected"),
        ("completed", "connected"),
        ("disconnected", "disconnected"),
        ("failed", "failed"),
        ("closed", "closed"),
        ("toString", "new"),
    ] {
        let pc = parse(&format!(r#"{{"iceConnectionState":"{ice}"}}"#));
        assert_eq!(current(&pc), connection, "{ice}");
    }
}

/// A connection with one audio transceiver in `direction`, recording added transceivers.
fn with_transceiver(direction: &str) -> JsValue {
    js_sys::Function::new_with_args(
        "direction",
        "const added = []; const t = { direction, receiver: { track: { kind: 'audio' } } };
         return { t, added, getTransceivers: () => [t],
                  addTransceiver: (kind, init) => added.push([kind, init.direction]) };",
    )
    .call1(&JsValue::NULL, &direction.into())
    .unwrap()
}

#[wasm_bindgen_test]
fn every_direction_of_the_legacy_offer_options() {
    for (direction, receive, wanted) in [
        ("sendonly", true, "sendrecv"),
        ("inactive", true, "recvonly"),
        ("sendrecv", true, "sendrecv"),
        ("recvonly", true, "recvonly"),
        ("sendrecv", false, "sendonly"),
        ("recvonly", false, "inactive"),
        ("sendonly", false, "sendonly"),
        ("inactive", false, "inactive"),
    ] {
        let pc = with_transceiver(direction);
        offer_to_receive_kind(&pc, "audio", Some(receive));
        assert_eq!(
            get(&get(&pc, "t"), "direction"),
            wanted,
            "{direction} {receive}"
        );
        assert_eq!(json(&get(&pc, "added")), "[]");
    }
    // No transceiver of the kind: one recvonly is added to receive, none not to.
    let pc = with_transceiver("sendrecv");
    offer_to_receive_kind(&pc, "video", Some(true));
    offer_to_receive_kind(&pc, "video", Some(false));
    assert_eq!(json(&get(&pc, "added")), r#"[["video","recvonly"]]"#);
    // A stopped transceiver is left alone and does not count.
    let pc = with_transceiver("stopped");
    offer_to_receive_kind(&pc, "audio", None);
    offer_to_receive_kind(&pc, "audio", Some(true));
    assert_eq!(get(&get(&pc, "t"), "direction"), "stopped");
    assert_eq!(json(&get(&pc, "added")), r#"[["audio","recvonly"]]"#);
}

#[wasm_bindgen_test]
fn a_frozen_sctp_object_still_reads() {
    let proto = js_sys::Object::new();
    sctp(
        &proto,
        &js_sys::Function::new_with_args("sdp", "return 262144"),
    );
    let pc = js_sys::Object::create(&proto);
    js_sys::Reflect::set(&pc, &"remoteDescription".into(), &parse(r#"{"sdp":"v=0"}"#)).unwrap();
    let first = get(&pc, "sctp");
    assert_eq!(get(&first, "maxMessageSize"), 262144);
    js_sys::Object::freeze(first.unchecked_ref::<js_sys::Object>());
    // Frozen by the page (a state library freezes what it stores): read, not rewritten.
    assert_eq!(get(&pc, "sctp"), first);
}
