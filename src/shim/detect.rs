//! [`browser_details`]: which engine runs the page, and its version, for users who want to know.
//! The shims themselves never use it: they probe the API they fix.
//!
//! The engine is found by features first (Gecko's `mozInnerScreenX`, Chromium's
//! `userAgentData` brands), then by the user agent string, so odd strings, iOS browsers (all
//! WebKit, whatever their name) and a missing or partial `navigator.userAgentData` still give an
//! answer, and never an error.

use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};

use super::get;

/// A browser engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify))]
#[serde(rename_all = "lowercase")]
pub enum Engine {
    /// Chrome, Edge, Opera, Brave, … (Blink).
    Chromium,
    /// Firefox.
    Gecko,
    /// Safari, and every browser on iOS.
    Webkit,
    /// Something else.
    Unknown,
}

impl Engine {
    /// The engine as JavaScript sees it (the serde name): `"chromium"`, `"gecko"`, ….
    #[cfg_attr(not(feature = "js"), allow(dead_code))] // the npm exports write it with it
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Engine::Chromium => "chromium",
            Engine::Gecko => "gecko",
            Engine::Webkit => "webkit",
            Engine::Unknown => "unknown",
        }
    }
}

/// The engine and its major version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "js", derive(tsify::Tsify), tsify(missing_as_null))]
pub struct BrowserDetails {
    /// The engine.
    pub engine: Engine,
    /// The major version of the browser (Chrome, Firefox) or of Safari / iOS for WebKit.
    pub version: Option<u32>,
}

/// Where `needle` first occurs in `text`: `text.find(needle)` without core's two-way string
/// searcher, which a handful of short user-agent markers do not need.
fn find(text: &str, needle: &str) -> Option<usize> {
    text.as_bytes()
        .windows(needle.len())
        .position(|window| window == needle.as_bytes())
}

fn contains(text: &str, needle: &str) -> bool {
    find(text, needle).is_some()
}

/// The number right after `marker` in `text`, if any (`None` past `u32::MAX`).
fn number_after(text: &str, marker: &str) -> Option<u32> {
    let start = find(text, marker)? + marker.len();
    let digits = text
        .as_bytes()
        .get(start..)?
        .iter()
        .take_while(|b| b.is_ascii_digit());
    let mut number: Option<u32> = None;
    for digit in digits {
        number = Some(
            number
                .unwrap_or(0)
                .checked_mul(10)?
                .checked_add(u32::from(digit - b'0'))?,
        );
    }
    number
}

/// Reads engine and version from a user agent string alone.
pub(crate) fn from_user_agent(ua: &str) -> BrowserDetails {
    let ios = contains(ua, "iPhone") || contains(ua, "iPad") || contains(ua, "iPod");
    if ios {
        let version = number_after(ua, "Version/").or_else(|| number_after(ua, "OS "));
        return BrowserDetails {
            engine: Engine::Webkit,
            version,
        };
    }
    if let Some(version) = number_after(ua, "Firefox/") {
        return BrowserDetails {
            engine: Engine::Gecko,
            version: Some(version),
        };
    }
    if let Some(version) = number_after(ua, "Chrome/").or_else(|| number_after(ua, "Chromium/")) {
        return BrowserDetails {
            engine: Engine::Chromium,
            version: Some(version),
        };
    }
    if contains(ua, "AppleWebKit/") && contains(ua, "Safari/") {
        return BrowserDetails {
            engine: Engine::Webkit,
            version: number_after(ua, "Version/"),
        };
    }
    BrowserDetails {
        engine: Engine::Unknown,
        version: None,
    }
}

/// Chromium's major version from `navigator.userAgentData.brands`, when present and sane.
fn chromium_brand_version(navigator: &JsValue) -> Option<u32> {
    let brands = get(&get(navigator, "userAgentData")?, "brands")?;
    let brands: js_sys::Array = brands.dyn_into().ok()?;
    brands.iter().find_map(|brand| {
        let name = get(&brand, "brand")?.as_string()?;
        if name == "Chromium" || name == "Google Chrome" {
            get(&brand, "version")?
                .as_string()?
                .split('.')
                .next()?
                .parse()
                .ok()
        } else {
            None
        }
    })
}

/// The engine and version of the browser running `global` (normally `window`).
pub(crate) fn details_of(global: &JsValue) -> BrowserDetails {
    let navigator = get(global, "navigator");
    let ua = navigator
        .as_ref()
        .and_then(|n| get(n, "userAgent"))
        .and_then(|u| u.as_string())
        .unwrap_or_default();
    let from_ua = from_user_agent(&ua);
    if get(global, "mozInnerScreenX").is_some() {
        return BrowserDetails {
            engine: Engine::Gecko,
            version: number_after(&ua, "Firefox/"),
        };
    }
    if let Some(version) = navigator.as_ref().and_then(chromium_brand_version) {
        return BrowserDetails {
            engine: Engine::Chromium,
            version: Some(version),
        };
    }
    from_ua
}

/// The engine and version of the browser running this page.
pub fn browser_details() -> BrowserDetails {
    details_of(&js_sys::global())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents() {
        let cases = [
            ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36", Engine::Chromium, Some(156)),
            ("Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0", Engine::Gecko, Some(153)),
            ("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", Engine::Webkit, Some(17)),
            // Chrome and Firefox on iOS are WebKit.
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1", Engine::Webkit, Some(17)),
            ("Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/126.0 Mobile/15E148 Safari/605.1.15", Engine::Webkit, Some(16)),
            ("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/125.0.0.0 Safari/537.36 Edg/125.0.0.0", Engine::Chromium, Some(125)),
            ("", Engine::Unknown, None),
            ("Chrome/", Engine::Unknown, None),
            ("Firefox/abc Chrome/9x", Engine::Chromium, Some(9)),
            ("🦀 totally custom agent", Engine::Unknown, None),
            ("Firefox/4294967295", Engine::Gecko, Some(u32::MAX)),
            ("Firefox/4294967296", Engine::Unknown, None),
            ("Firefox/007 é", Engine::Gecko, Some(7)),
        ];
        for (ua, engine, version) in cases {
            assert_eq!(
                from_user_agent(ua),
                BrowserDetails { engine, version },
                "{ua}"
            );
        }
    }

    #[test]
    fn engine_names_are_the_serde_names() {
        for engine in [
            Engine::Chromium,
            Engine::Gecko,
            Engine::Webkit,
            Engine::Unknown,
        ] {
            assert_eq!(serde_json::to_value(engine).unwrap(), engine.as_str());
        }
    }
}
