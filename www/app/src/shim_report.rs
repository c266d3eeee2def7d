//! The shim's page (MDN: "Improving compatibility using WebRTC adapter.js"): what wasm-rtc's
//! shim finds and does in the browser at hand, shim by shim — applied, not needed, unavailable.

use leptos::prelude::*;
use wasm_rtc::shim::{browser_details, install_settled, ShimOptions, ShimReport, ShimStatus};

use crate::selftest;

#[component]
pub fn ShimPage() -> impl IntoView {
    let report = RwSignal::new(None::<ShimReport>);
    leptos::task::spawn_local(async move {
        let found = install_settled(&js_sys::global(), &ShimOptions::default()).await;
        if selftest::requested() {
            selftest::report(verdict(&found));
        }
        report.set(Some(found));
    });
    let browser = browser_details();
    view! {
        <p class="intro">"The shim normalizes the standard WebRTC API where a browser strays from the spec (like
            adapter.js), and leaves alone what already behaves: in a current browser most shims are not needed."</p>
        <p>"This browser: " <b id="browser">{format!("{:?} {}", browser.engine, browser.version.map(|v| v.to_string()).unwrap_or_default())}</b></p>
        {move || report.get().map(|report| view! {
            <table class="report" id="shim-report">
                <thead><tr><th>"shim"</th><th>"status"</th><th>"detail"</th></tr></thead>
                <tbody>
                    {report.shims.into_iter().map(|entry| view! {
                        <tr data-status=entry.status.as_str()>
                            <td><code>{entry.name}</code></td>
                            <td>{entry.status.as_str()}</td>
                            <td>{entry.detail.unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        })}
    }
}

/// The self-test: every shim has a verdict (none pending or failed).
fn verdict(report: &ShimReport) -> Result<String, String> {
    let undecided: Vec<&str> = report
        .shims
        .iter()
        .filter(|e| matches!(e.status, ShimStatus::Pending | ShimStatus::Failed))
        .map(|e| e.name.as_str())
        .collect();
    if report.shims.is_empty() || !undecided.is_empty() {
        return Err(format!(
            "shims without a verdict: {undecided:?} of {}",
            report.shims.len()
        ));
    }
    let applied = report.shims.iter().filter(|e| e.status == ShimStatus::Applied).count();
    Ok(format!("{} shims, {applied} applied", report.shims.len()))
}
