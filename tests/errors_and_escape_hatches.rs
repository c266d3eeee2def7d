//! Error conversion both ways, `Unsupported` where the browser lacks an API, and the escape
//! hatches to the native objects.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use futures::{SinkExt, StreamExt};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use wasm_rtc::{
    Configuration, DataChannel, DataChannelOptions, Error, IceServer, Message, PeerConnection,
};

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn errors_become_javascript_exceptions_with_the_same_name() {
    let type_error: JsValue = Error::Type("too big".into()).into();
    assert!(type_error.is_instance_of::<js_sys::TypeError>());
    assert_eq!(
        type_error.unchecked_ref::<js_sys::Error>().message(),
        "too big"
    );

    let state: JsValue = Error::InvalidState("not now".into()).into();
    assert_eq!(
        state.unchecked_ref::<js_sys::Error>().name(),
        "InvalidStateError"
    );
    // A DOMException, as the browser throws it (and still an Error).
    assert!(state.is_instance_of::<web_sys::DomException>());
    assert!(state.is_instance_of::<js_sys::Error>());
    assert_eq!(
        state.unchecked_ref::<web_sys::DomException>().message(),
        "not now"
    );
    let other: JsValue = Error::Other {
        name: "Weird".into(),
        message: "?".into(),
    }
    .into();
    assert!(!other.is_instance_of::<web_sys::DomException>());
    assert_eq!(other.unchecked_ref::<js_sys::Error>().name(), "Weird");

    let over: JsValue = Error::Overconstrained {
        constraint: Some("width".into()),
        message: "no".into(),
    }
    .into();
    assert_eq!(
        js_sys::Reflect::get(&over, &"constraint".into()).unwrap(),
        "width"
    );
    // … and back.
    assert_eq!(
        Error::from(over),
        Error::Overconstrained {
            constraint: Some("width".into()),
            message: "no".into()
        }
    );
}

#[wasm_bindgen_test]
fn browser_exceptions_are_typed_with_their_message() {
    let dom = web_sys::DomException::new_with_message_and_name(
        "the browser said so",
        "InvalidAccessError",
    )
    .unwrap();
    assert_eq!(
        Error::from(JsValue::from(dom)),
        Error::InvalidAccess("the browser said so".into())
    );
    let range: JsValue = js_sys::RangeError::new("out").into();
    assert_eq!(Error::from(range), Error::Range("out".into()));
    assert!(matches!(
        Error::from(JsValue::from_str("thrown string")),
        Error::Other { .. }
    ));
}

/// Runs `f` while `object[name]` is hidden, as in a browser without that API. Synchronous, so no
/// other test in the page can observe the missing member.
fn without<T>(object: &JsValue, name: &str, f: impl FnOnce() -> T) -> T {
    let saved = js_sys::Reflect::get(object, &name.into()).unwrap();
    js_sys::Reflect::set(object, &name.into(), &JsValue::UNDEFINED).unwrap();
    let result = f();
    js_sys::Reflect::set(object, &name.into(), &saved).unwrap();
    result
}

#[wasm_bindgen_test]
fn missing_apis_are_unsupported_not_crashes() {
    let global = js_sys::global();
    let err = without(&global, "RTCPeerConnection", || {
        PeerConnection::new(&Configuration::new())
    })
    .unwrap_err();
    assert_eq!(err, Error::unsupported("RTCPeerConnection"));

    let pc = peer();
    let prototype = js_sys::Reflect::get(
        &js_sys::Reflect::get(&global, &"RTCPeerConnection".into()).unwrap(),
        &"prototype".into(),
    )
    .unwrap();
    let err = without(&prototype, "restartIce", || pc.restart_ice()).unwrap_err();
    assert_eq!(err, Error::unsupported("RTCPeerConnection.restartIce"));
    assert_eq!(pc.restart_ice(), Ok(()));
}

#[wasm_bindgen_test]
async fn native_objects_can_be_wrapped_and_reached() {
    within(60, "escape hatches", async {
        let raw_a = web_sys::RtcPeerConnection::new().unwrap();
        let raw_b = web_sys::RtcPeerConnection::new().unwrap();
        let (a, b) = (
            PeerConnection::adopt(raw_a.clone()),
            PeerConnection::adopt(raw_b),
        );
        assert_eq!(a.as_raw(), &raw_a);
        trickle(&a, &b);
        trickle(&b, &a);
        let raw_channel = a.as_raw().create_data_channel("native");
        let mut x = DataChannel::adopt(raw_channel.clone());
        assert_eq!(x.as_raw(), &raw_channel);
        negotiate(&a, &b).await;
        let mut y = b.data_channels().next().await.unwrap();
        x.opened().await.unwrap();
        x.send(Message::Binary(vec![1, 2, 3])).await.unwrap();
        assert_eq!(y.next().await, Some(Ok(Message::Binary(vec![1, 2, 3]))));
    })
    .await;
}

/// A STUN server on a closed local port: the browser reports an `icecandidateerror`.
#[wasm_bindgen_test]
async fn unreachable_stun_server_reports_a_candidate_error() {
    within(60, "icecandidateerror", async {
        let config = Configuration::new().ice_server(IceServer::new("stun:127.0.0.1:3479"));
        let pc = PeerConnection::new(&config).unwrap();
        let mut errors = pc.ice_candidate_errors();
        let _ch = pc
            .create_data_channel("e", &DataChannelOptions::new())
            .unwrap();
        pc.set_local_description(None).await.unwrap();
        let error = errors.next().await.expect("an icecandidateerror");
        assert!(error.url.starts_with("stun:127.0.0.1"), "{error:?}");
        assert!(error.error_code >= 300, "{error:?}");
    })
    .await;
}

/// An `RTCError` keeps what WebRTC says of the failure — `errorDetail`, `sdpLineNumber`,
/// `sctpCauseCode`, `receivedAlert`, `sentAlert` — both ways: read off the browser's exception,
/// and written back onto the exception made from it (an `RTCError` where the browser has the
/// constructor, else an `OperationError` carrying the same members).
#[wasm_bindgen_test]
fn rtc_errors_keep_their_details() {
    let made = js_sys::eval(
        "typeof RTCError === 'function' \
           ? new RTCError({ errorDetail: 'sdp-syntax-error', sdpLineNumber: 7, sctpCauseCode: 12, receivedAlert: 40, sentAlert: 42 }, 'bad line') \
           : Object.assign(new DOMException('bad line', 'OperationError'), { errorDetail: 'sdp-syntax-error', sdpLineNumber: 7, sctpCauseCode: 12, receivedAlert: 40, sentAlert: 42 })",
    )
    .unwrap();
    let error = Error::from(made);
    let Error::Rtc(details) = &error else {
        panic!("not an RTC error: {error:?}");
    };
    assert_eq!(details.error_detail, "sdp-syntax-error");
    assert_eq!(details.sdp_line_number, Some(7));
    assert_eq!(details.sctp_cause_code, Some(12));
    assert_eq!(details.received_alert, Some(40));
    assert_eq!(details.sent_alert, Some(42));
    assert_eq!(error.name(), "OperationError");
    assert_eq!(error.message(), "bad line");
    assert!(error.to_string().contains("sdp-syntax-error"), "{error}");

    let back: JsValue = error.clone().into();
    let member = |name: &str| js_sys::Reflect::get(&back, &name.into()).unwrap();
    assert_eq!(member("name"), "OperationError");
    assert_eq!(member("message"), "bad line");
    assert_eq!(member("errorDetail"), "sdp-syntax-error");
    assert_eq!(member("sdpLineNumber"), 7);
    assert_eq!(member("sentAlert"), 42);
    assert_eq!(Error::from(back), error, "and back again");
    // A plain OperationError stays one.
    let plain = js_sys::eval("new DOMException('no', 'OperationError')").unwrap();
    assert_eq!(Error::from(plain), Error::Operation("no".into()));
}
