//! The demo site: one page per guide of the WebRTC docs, each on two connections of this tab
//! (no server needed), each able to test itself (`?selftest`: it runs on its own and puts
//! `SELFTEST PASS` or `SELFTEST FAIL: why` in the title).
//!
//! Pages are chosen by the address's fragment: `#/call`, `#/chat`, `#/files`, `#/dtmf`, `#/stats`, `#/photo`,
//! `#/screen`, `#/shim`.

mod call;
mod capture;
mod chat;
mod dtmf;
mod files;
mod photo;
mod screen;
mod selftest;
mod shim_report;
mod stats;
mod video_call;

use leptos::prelude::*;
use wasm_bindgen::prelude::wasm_bindgen;

/// Mounts the site on the page's body.
#[wasm_bindgen(start)]
pub fn main() {
    leptos::mount::mount_to_body(Site);
}

/// The site's pages: fragment, title in the menu, and what it shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    Call,
    Chat,
    Files,
    Dtmf,
    Stats,
    Photo,
    Screen,
    Shim,
}

impl Page {
    const ALL: [Page; 8] = [
        Page::Call,
        Page::Chat,
        Page::Files,
        Page::Dtmf,
        Page::Stats,
        Page::Photo,
        Page::Screen,
        Page::Shim,
    ];

    fn fragment(self) -> &'static str {
        match self {
            Page::Call => "#/call",
            Page::Chat => "#/chat",
            Page::Files => "#/files",
            Page::Dtmf => "#/dtmf",
            Page::Stats => "#/stats",
            Page::Photo => "#/photo",
            Page::Screen => "#/screen",
            Page::Shim => "#/shim",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Page::Call => "Video call",
            Page::Chat => "Chat",
            Page::Files => "File transfer",
            Page::Dtmf => "DTMF",
            Page::Stats => "Statistics",
            Page::Photo => "Photo",
            Page::Screen => "Screen capture",
            Page::Shim => "Shim report",
        }
    }

    /// The page the address names (the video call by default).
    fn current() -> Page {
        let hash = window().location().hash().unwrap_or_default();
        Page::ALL
            .into_iter()
            .find(|page| hash.split('?').next() == Some(page.fragment()))
            .unwrap_or(Page::Call)
    }
}

#[component]
fn Site() -> impl IntoView {
    let page = RwSignal::new(Page::current());
    let listener = window_event_listener(leptos::ev::hashchange, move |_| page.set(Page::current()));
    on_cleanup(move || listener.remove());
    view! {
        <header>
            <h1>"wasm-rtc " <span>"WebRTC for Rust in the browser"</span></h1>
            <nav>
                {Page::ALL.into_iter().map(|p| view! {
                    <a href=p.fragment() aria-current=move || (page.get() == p).then_some("page")>{p.title()}</a>
                }).collect_view()}
            </nav>
        </header>
        <main>
            {move || match page.get() {
                Page::Call => view! { <video_call::CallPage /> }.into_any(),
                Page::Chat => view! { <chat::ChatPage /> }.into_any(),
                Page::Files => view! { <files::FilesPage /> }.into_any(),
                Page::Dtmf => view! { <dtmf::DtmfPage /> }.into_any(),
                Page::Stats => view! { <stats::StatsPage /> }.into_any(),
                Page::Photo => view! { <photo::PhotoPage /> }.into_any(),
                Page::Screen => view! { <screen::ScreenPage /> }.into_any(),
                Page::Shim => view! { <shim_report::ShimPage /> }.into_any(),
            }}
        </main>
        <footer>
            "Each page runs on two connections of this tab. Add "
            <a href="?selftest">"?selftest"</a>
            " to the address (before the #) to have the page test itself."
        </footer>
    }
}
