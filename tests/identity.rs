//! The Identity API where the browser has it (Firefox: an IdP that cannot be loaded is the
//! browser's typed `IdpError`, `idpLoginUrl` is unset, `peerIdentity` waits until the connection
//! closes), and a typed `Unsupported` naming each member where it does not (Chromium).
#![cfg(target_arch = "wasm32")]

mod common;

use common::*;
use wasm_bindgen_test::*;
use wasm_rtc::{Error, IdentityProviderOptions};

wasm_bindgen_test_configure!(run_in_browser);

fn is_firefox() -> bool {
    let user_agent = web_sys::window().unwrap().navigator().user_agent().unwrap();
    user_agent.contains("Firefox/")
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
