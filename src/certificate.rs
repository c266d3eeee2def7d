//! [`Certificate`]: a DTLS certificate (`RTCCertificate`) and the key algorithms to make one.

use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::attribute;
use crate::convert::{from_js, to_js};
use crate::error::Error;
use crate::sys;

/// A DTLS certificate to identify a connection across sessions, from
/// [`PeerConnection::generate_certificate`](crate::PeerConnection::generate_certificate).
///
/// Reuse one by putting it in [`Configuration::certificates`](crate::Configuration::certificates)
/// of each new connection: the remote side then sees the same fingerprint every time.
/// Cloning clones the handle, not the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Certificate {
    raw: web_sys::RtcCertificate,
}

/// `keygenAlgorithm` for [`PeerConnection::generate_certificate`](crate::PeerConnection::generate_certificate).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CertificateAlgorithm {
    /// ECDSA on P-256: small and fast, what browsers use by default.
    EcdsaP256,
    /// RSASSA-PKCS1-v1_5 with SHA-256, a 2048-bit modulus and public exponent 65537.
    Rsa2048,
}

/// A certificate fingerprint (`RTCDtlsFingerprint`), as it appears in SDP's `a=fingerprint`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The hash function, e.g. `"sha-256"`.
    pub algorithm: String,
    /// The fingerprint in upper-case hex pairs separated by colons.
    pub value: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct KeygenAlgorithm {
    name: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    named_curve: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modulus_length: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    public_exponent: Option<serde_bytes_like::Bytes>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hash: Option<&'static str>,
}

/// `publicExponent` must be a `Uint8Array`; serde-wasm-bindgen writes byte slices as one.
mod serde_bytes_like {
    use serde::{Serialize, Serializer};

    pub struct Bytes(pub &'static [u8]);

    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            s.serialize_bytes(self.0)
        }
    }
}

impl CertificateAlgorithm {
    fn to_js(self) -> Result<wasm_bindgen::JsValue, Error> {
        let algorithm = match self {
            CertificateAlgorithm::EcdsaP256 => KeygenAlgorithm {
                name: "ECDSA",
                named_curve: Some("P-256"),
                modulus_length: None,
                public_exponent: None,
                hash: None,
            },
            CertificateAlgorithm::Rsa2048 => KeygenAlgorithm {
                name: "RSASSA-PKCS1-v1_5",
                named_curve: None,
                modulus_length: Some(2048),
                public_exponent: Some(serde_bytes_like::Bytes(&[1, 0, 1])),
                hash: Some("SHA-256"),
            },
        };
        to_js(&algorithm)
    }
}

impl Certificate {
    /// `RTCPeerConnection.generateCertificate(algorithm)`.
    pub(crate) async fn generate(algorithm: CertificateAlgorithm) -> Result<Self, Error> {
        if !attribute::has_global("RTCPeerConnection") {
            return Err(Error::unsupported("RTCPeerConnection.generateCertificate"));
        }
        let promise = sys::PeerConnectionExt::generate_certificate(&algorithm.to_js()?)?;
        let raw = JsFuture::from(promise).await?;
        Ok(Certificate {
            raw: raw.unchecked_into(),
        })
    }

    /// When the certificate expires, in milliseconds since the Unix epoch.
    pub fn expires(&self) -> f64 {
        self.raw.expires()
    }

    /// The certificate's fingerprints (`getFingerprints()`).
    ///
    /// [`Error::Unsupported`] in browsers without `getFingerprints` (Firefox up to at least 128).
    pub fn get_fingerprints(&self) -> Result<Vec<Fingerprint>, Error> {
        let ext: &sys::CertificateExt = self.raw.unchecked_ref();
        if js_sys::Reflect::get(ext, &"getFingerprints".into()).map_or(true, |f| !f.is_function()) {
            return Err(Error::unsupported("RTCCertificate.getFingerprints"));
        }
        let list = ext.get_fingerprints()?;
        list.iter().map(|f| from_js(&f)).collect()
    }

    /// The browser's `RTCCertificate`.
    pub fn as_raw(&self) -> &web_sys::RtcCertificate {
        &self.raw
    }
}

impl From<web_sys::RtcCertificate> for Certificate {
    fn from(raw: web_sys::RtcCertificate) -> Self {
        Certificate { raw }
    }
}
