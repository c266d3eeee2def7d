//! The Identity API of `RTCPeerConnection` (WebRTC Identity): asserting this side's identity
//! through an identity provider (IdP) and learning the remote side's verified one. Firefox has
//! it; Chromium and Safari do not, and every call there is [`Error::Unsupported`].
//!
//! The identity events of older drafts (`peeridentity`, `idpassertionerror`,
//! `idpvalidationerror`) left the spec, and no browser fires them (Firefox 153 has none): an
//! IdP's failures come through the methods below, as its `IdpError`.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::PeerConnection;
use crate::convert::{from_js, to_js};
use crate::error::Error;
use crate::sys;

/// `RTCIdentityProviderOptions`: how [`PeerConnection::set_identity_provider`] uses the IdP.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IdentityProviderOptions {
    /// The IdP's protocol: its proxy is loaded from
    /// `https://DOMAIN/.well-known/idp-proxy/PROTOCOL` (`"default"` when `None`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protocol: Option<String>,
    /// A hint of the user's name at the IdP.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_hint: Option<String>,
    /// The identity the remote side must prove, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peer_identity: Option<String>,
}

/// `RTCIdentityAssertion`: a verified identity — the IdP's domain and the name it vouches for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityAssertion {
    /// The domain of the IdP that verified it.
    pub idp: String,
    /// The identity, e.g. `"alice@example.org"`.
    pub name: String,
}

impl PeerConnection {
    /// `setIdentityProvider(domain, options)`: the IdP at `domain` asserts this side's identity
    /// in the offers and answers it makes from now on.
    ///
    /// [`Error::Unsupported`] where the browser has no Identity API (Chromium, Safari);
    /// [`Error::Closed`] after close.
    pub fn set_identity_provider(
        &self,
        domain: &str,
        options: &IdentityProviderOptions,
    ) -> Result<(), Error> {
        self.check_open()?;
        sys::call(
            self.as_raw(),
            "RTCPeerConnection",
            "setIdentityProvider",
            &[JsValue::from_str(domain), to_js(options)?],
        )
        .map(drop)
    }

    /// `getIdentityAssertion()`: asks the IdP for an assertion of this side's identity (which
    /// the next offer or answer carries), and returns it.
    ///
    /// The IdP's failure is the browser's error — in Firefox an [`Error::Other`] named
    /// `"IdpError"` with its message (an IdP that cannot be loaded, one that refuses);
    /// [`Error::Unsupported`] where there is no Identity API; [`Error::Closed`] once closed.
    pub async fn get_identity_assertion(&self) -> Result<String, Error> {
        self.check_open()?;
        let promise = sys::call(
            self.as_raw(),
            "RTCPeerConnection",
            "getIdentityAssertion",
            &[],
        )?;
        let assertion = self.settle(Ok(js_sys::Promise::resolve(&promise))).await?;
        Ok(assertion.as_string().unwrap_or_default())
    }

    /// `peerIdentity`: the remote side's identity, once an assertion in its description has been
    /// verified by its IdP. Waits until then: [`Error::Closed`] when the connection closes
    /// first, the browser's error when the assertion does not verify, [`Error::Unsupported`]
    /// where there is no Identity API.
    pub async fn peer_identity(&self) -> Result<IdentityAssertion, Error> {
        let promise = self.identity_attribute("peerIdentity")?;
        let identity = self.settle(Ok(js_sys::Promise::resolve(&promise))).await?;
        from_js(&identity)
    }

    /// `idpLoginUrl`: where the user must log in to the IdP when it needs a login, if it said so
    /// (`None` otherwise). [`Error::Unsupported`] where there is no Identity API.
    pub fn idp_login_url(&self) -> Result<Option<String>, Error> {
        Ok(self.identity_attribute("idpLoginUrl")?.as_string())
    }

    /// An attribute of the Identity API, or [`Error::Unsupported`] where the browser lacks it.
    fn identity_attribute(&self, name: &str) -> Result<JsValue, Error> {
        let raw: &JsValue = self.as_raw();
        if !js_sys::Reflect::has(raw, &JsValue::from_str(name)).unwrap_or(false) {
            return Err(Error::unsupported(format!("RTCPeerConnection.{name}")));
        }
        Ok(js_sys::Reflect::get(raw, &JsValue::from_str(name))?)
    }
}
