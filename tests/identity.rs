//! The Identity API where the browser has it, and a typed `Unsupported` naming each member where
//! it does not (Chromium).
//!
//! Firefox: a full round trip through test IdPs that nginx serves over HTTPS on loopback
//! (tests/idp, scripts/idp_server.py; `scripts/test.sh` compiles its port in) — each side's
//! `peerIdentity` is the name the other's IdP asserted — and typed errors: an IdP that refuses
//! to assert, one whose assertion does not verify (the call goes on), one that cannot be loaded;
//! `idpLoginUrl` unset; `peerIdentity` waits until the connection closes.
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen_test::*;
use wasm_rtc::{
    DataChannelOptions, Error, IdentityAssertion, IdentityProviderOptions, PeerConnection,
    SignalingState,
};

wasm_bindgen_test_configure!(run_in_browser);

fn is_firefox() -> bool {
    let user_agent = web_sys::window().unwrap().navigator().user_agent().unwrap();
    user_agent.contains("Firefox/")
}

const NOT_CONFIGURED: &str = "WASM_RTC_IDP_PORT is unset: run the identity tests through \
    scripts/test.sh, which starts nginx serving tests/idp over HTTPS (scripts/idp_server.py)";

/// The test IdPs' domain: nginx on loopback.
fn idp_domain() -> String {
    match option_env!("WASM_RTC_IDP_PORT") {
        Some(port) => format!("127.0.0.1:{port}"),
        None => panic!("{NOT_CONFIGURED}"),
    }
}

/// The test IdP `protocol` (a file in tests/idp/.well-known/idp-proxy), with a name hint.
fn test_idp(protocol: &str, name: &str) -> IdentityProviderOptions {
    IdentityProviderOptions {
        protocol: Some(protocol.into()),
        username_hint: Some(name.into()),
        peer_identity: None,
    }
}

/// In Chromium, the round-trip tests check that the API is `Unsupported` (and stop there).
fn unsupported_here(pc: &PeerConnection) -> bool {
    if is_firefox() {
        return false;
    }
    let result = pc.set_identity_provider(&idp_domain(), &test_idp("asserts-hint.js", "a@b"));
    assert_eq!(
        result,
        Err(Error::unsupported("RTCPeerConnection.setIdentityProvider"))
    );
    true
}

/// Asserts `result` is Firefox's `IdpError` and its message says `says`.
fn idp_error(result: Result<(), Error>, says: &str) {
    match result {
        Err(Error::Other { name, message }) => {
            assert_eq!(name, "IdpError");
            assert!(message.contains(says), "{message:?} says {says:?}");
        }
        other => panic!("expected the IdP's error ({says}): {other:?}"),
    }
}

fn options() -> IdentityProviderOptions {
    IdentityProviderOptions {
        protocol: Some("wasm-rtc-test".into()),
        username_hint: Some("alice@example.org".into()),
        peer_identity: None,
    }
}

#[wasm_bindgen_test]
async fn the_identity_api_is_typed_where_the_browser_has_it_and_unsupported_elsewhere() {
    within(30, "identity", async {
        let pc = peer();
        if !is_firefox() {
            let unsupported = |result: Result<(), Error>, member: &str| match result {
                Err(Error::Unsupported { feature }) => {
                    assert_eq!(feature, format!("RTCPeerConnection.{member}"))
                }
                other => panic!("{member}: {other:?}"),
            };
            unsupported(
                pc.set_identity_provider("idp.example.org", &options()),
                "setIdentityProvider",
            );
            unsupported(
                pc.get_identity_assertion().await.map(drop),
                "getIdentityAssertion",
            );
            unsupported(pc.peer_identity().await.map(drop), "peerIdentity");
            unsupported(pc.idp_login_url().map(drop), "idpLoginUrl");
            return;
        }
        // Firefox: an IdP on a port nothing serves cannot be loaded.
        pc.set_identity_provider("127.0.0.1:1", &options()).unwrap();
        match pc.get_identity_assertion().await {
            Err(Error::Other { name, message }) => {
                assert_eq!(name, "IdpError");
                assert!(!message.is_empty());
            }
            other => panic!("an IdP that cannot be loaded: {other:?}"),
        }
        assert_eq!(pc.idp_login_url(), Ok(None));
        // No remote identity comes; closing ends the wait.
        let waiting = pc.clone();
        let identity = async move { waiting.peer_identity().await };
        let closer = async {
            sleep_ms(200).await;
            pc.close();
        };
        let (identity, ()) = futures::join!(identity, closer);
        assert_eq!(identity, Err(Error::Closed));
        assert_eq!(
            pc.set_identity_provider("idp.example.org", &options()),
            Err(Error::Closed)
        );
    })
    .await;
}

#[wasm_bindgen_test]
async fn each_side_learns_the_identity_the_others_idp_asserted() {
    within(30, "an identity round trip", async {
        let (alice, bob) = (peer(), peer());
        if unsupported_here(&alice) {
            return;
        }
        let domain = idp_domain();
        alice
            .set_identity_provider(&domain, &test_idp("asserts-hint.js", "alice@127.0.0.1"))
            .unwrap();
        bob.set_identity_provider(&domain, &test_idp("asserts-hint.js", "bob@127.0.0.1"))
            .unwrap();
        let assertion = alice.get_identity_assertion().await.unwrap();
        assert!(!assertion.is_empty());
        let _channel = alice
            .create_data_channel("x", &DataChannelOptions::new())
            .unwrap();
        let offer = alice.set_local_description(None).await.unwrap();
        assert!(
            offer.sdp.contains("a=identity:"),
            "the offer carries the assertion"
        );
        bob.set_remote_description(&offer).await.unwrap();
        let answer = bob.set_local_description(None).await.unwrap();
        assert!(answer.sdp.contains("a=identity:"), "so does the answer");
        alice.set_remote_description(&answer).await.unwrap();
        assert_eq!(
            bob.peer_identity().await,
            Ok(IdentityAssertion {
                idp: domain.clone(),
                name: "alice@127.0.0.1".into()
            })
        );
        assert_eq!(
            alice.peer_identity().await,
            Ok(IdentityAssertion {
                idp: domain,
                name: "bob@127.0.0.1".into()
            })
        );
        assert_eq!(alice.idp_login_url(), Ok(None));
    })
    .await;
}

#[wasm_bindgen_test]
async fn an_idp_that_refuses_or_disowns_is_a_typed_error_and_the_call_goes_on() {
    within(30, "failing IdPs", async {
        let nobody = peer();
        if unsupported_here(&nobody) {
            return;
        }
        let domain = idp_domain();
        nobody
            .set_identity_provider(&domain, &test_idp("refuses.js", "nobody@127.0.0.1"))
            .unwrap();
        idp_error(
            nobody.get_identity_assertion().await.map(drop),
            "no such user",
        );

        // An assertion its own IdP does not verify: the remote description still applies, and
        // `peerIdentity` is the IdP's error.
        let (mallory, carol) = (peer(), peer());
        mallory
            .set_identity_provider(&domain, &test_idp("forged.js", "mallory@127.0.0.1"))
            .unwrap();
        let _channel = mallory
            .create_data_channel("x", &DataChannelOptions::new())
            .unwrap();
        let offer = mallory.set_local_description(None).await.unwrap();
        assert!(offer.sdp.contains("a=identity:"));
        let (identity, applied) =
            futures::join!(carol.peer_identity(), carol.set_remote_description(&offer));
        applied.unwrap();
        idp_error(identity.map(drop), "this assertion is not ours");
        let answer = carol.set_local_description(None).await.unwrap();
        mallory.set_remote_description(&answer).await.unwrap();
        assert_eq!(carol.signaling_state(), SignalingState::Stable);
        assert_eq!(mallory.signaling_state(), SignalingState::Stable);
    })
    .await;
}
