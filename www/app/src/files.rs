//! The file-transfer page (MDN: "Using WebRTC data channels"): Alice sends a file to Bob, each
//! file on a channel of its own, with a progress bar and rate on both sides, cancel, and Bob's
//! copy checked against its SHA-256 and offered for download.

use futures::StreamExt;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_rtc::{loopback, Configuration, DataChannel, DataChannelOptions, Error, FileTransfer};
use wasm_rtc::{PeerConnection, ReceivedFile, TransferCanceller, TransferProgress};

use crate::selftest;

/// The size of the generated test file (and of the self-test's).
const TEST_FILE_BYTES: usize = 8 * 1024 * 1024;

/// What Bob got, for the page.
#[derive(Clone)]
struct Arrived {
    name: String,
    size: u64,
    sha256: String,
    url: String,
}

#[component]
pub fn FilesPage() -> impl IntoView {
    let config = Configuration::new();
    let (alice, bob) = match (PeerConnection::new(&config), PeerConnection::new(&config)) {
        (Ok(alice), Ok(bob)) => (alice, bob),
        (Err(e), _) | (_, Err(e)) => {
            return view! { <p class="error" role="alert">{format!("Could not start: {e}")}</p> }.into_any()
        }
    };
    let ready = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    let sent = RwSignal::new(None::<TransferProgress>);
    let received = RwSignal::new(None::<TransferProgress>);
    let arrived = RwSignal::new(None::<Result<Arrived, String>>);
    let canceller = StoredValue::new_local(None::<TransferCanceller>);
    let files_sent = StoredValue::new(0u32);

    // The first channel makes the connection's SCTP transport; each file then has its own.
    let first = alice.create_data_channel("files", &DataChannelOptions::new());
    {
        let (alice, bob) = (alice.clone(), bob.clone());
        leptos::task::spawn_local(async move {
            let result = async {
                let _first = first?;
                loopback::connect(&alice, &bob).await?;
                Ok::<_, Error>(())
            };
            match result.await {
                Ok(()) => ready.set(true),
                Err(e) => error.set(Some(format!("The connection failed: {e}"))),
            }
        });
    }
    // Bob receives every file on the channel it came on.
    {
        let mut channels = bob.data_channels();
        leptos::task::spawn_local(async move {
            while let Some(channel) = channels.next().await {
                if channel.label() == "files" {
                    continue;
                }
                received.set(None);
                arrived.set(None);
                let transfer = FileTransfer::receive(&channel);
                follow(transfer.progress(), received);
                arrived.set(Some(transfer.await.map(offer).map_err(|e| e.to_string())));
            }
        });
    }

    let alice = StoredValue::new_local(alice);
    let _bob = StoredValue::new_local(bob);
    let send = move |file: web_sys::Blob, name: String| {
        let n = files_sent.get_value() + 1;
        files_sent.set_value(n);
        let channel =
            alice.with_value(|alice| alice.create_data_channel(&format!("file-{n}"), &DataChannelOptions::new()));
        let channel: DataChannel = match channel {
            Ok(channel) => channel,
            Err(e) => return error.set(Some(format!("Could not open a channel: {e}"))),
        };
        sent.set(None);
        let transfer = FileTransfer::send(&channel, &file, &name);
        canceller.set_value(Some(transfer.canceller()));
        follow(transfer.progress(), sent);
        leptos::task::spawn_local(async move {
            if let Err(e) = transfer.await {
                error.set(Some(format!("{name} was not sent: {e}")));
            }
            canceller.set_value(None);
        });
    };
    let picked = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = e.target().unwrap().unchecked_into();
        if let Some(file) = input.files().and_then(|files| files.get(0)) {
            error.set(None);
            send(file.clone().into(), file.name());
        }
    };
    let generated = move |_| {
        error.set(None);
        match test_file(TEST_FILE_BYTES) {
            Ok(file) => send(file, "test-file.bin".into()),
            Err(e) => error.set(Some(format!("Could not make the test file: {e:?}"))),
        }
    };
    let cancel = move |_| {
        canceller.with_value(|c| {
            if let Some(c) = c {
                c.cancel();
            }
        })
    };

    if selftest::requested() {
        Effect::new(move |_| {
            if ready.get() && files_sent.get_value() == 0 {
                generated(());
            }
            match arrived.get() {
                Some(Ok(file)) if file.size == TEST_FILE_BYTES as u64 => selftest::report(Ok(format!(
                    "{} bytes arrived, SHA-256 {}…",
                    file.size,
                    &file.sha256[..12]
                ))),
                Some(Ok(file)) => selftest::report(Err(format!("{} bytes arrived", file.size))),
                Some(Err(e)) => selftest::report(Err(e)),
                None => {}
            }
            if let Some(e) = error.get() {
                selftest::report(Err(e));
            }
        });
    }

    view! {
        <p class="intro">"Alice sends a file to Bob over a data channel of its own: chunks sized by the connection's
            SCTP max message size, sent as fast as the channel drains, put back together and checked
            (SHA-256) on arrival."</p>
        <p class="error" role="alert">{move || error.get()}</p>
        <div class="panes">
            <section class="pane">
                <h2>"alice"</h2>
                <label class="file">"Send a file: "
                    <input id="file-input" type="file" on:change=picked disabled=move || !ready.get() />
                </label>
                <p>
                    <button id="send-test-file" on:click=move |_| generated(()) disabled=move || !ready.get()>
                        {format!("Send a {} MB test file", TEST_FILE_BYTES >> 20)}
                    </button>
                    " "
                    <button id="cancel" on:click=cancel>"Cancel"</button>
                </p>
                <Meter id="sent" progress=sent />
            </section>
            <section class="pane">
                <h2>"bob"</h2>
                <Meter id="received" progress=received />
                {move || arrived.get().map(|result| match result {
                    Ok(file) => view! {
                        <p id="arrived" class="ok">
                            {format!("{} ({} bytes) arrived whole: SHA-256 {}… checked. ", file.name, file.size, &file.sha256[..16])}
                            <a href=file.url.clone() download=file.name.clone()>"Save it"</a>
                        </p>
                    }.into_any(),
                    Err(e) => view! { <p id="arrived" class="error" role="alert">{format!("Not received: {e}")}</p> }.into_any(),
                })}
            </section>
        </div>
    }
    .into_any()
}

/// A progress bar with bytes and rate.
#[component]
fn Meter(id: &'static str, progress: RwSignal<Option<TransferProgress>>) -> impl IntoView {
    view! {
        <progress id=id max=move || progress.get().map_or(1.0, |p| p.total.max(1) as f64)
            value=move || progress.get().map_or(0.0, |p| p.bytes as f64)></progress>
        <p class="meter">{move || progress.get().map(|p| format!(
            "{:.1} of {:.1} MB · {:.1} MB/s",
            p.bytes as f64 / 1e6,
            p.total as f64 / 1e6,
            p.bytes_per_second / 1e6
        ))}</p>
    }
}

/// Puts each progress item of `stream` in `into`.
fn follow(mut stream: wasm_rtc::EventStream<TransferProgress>, into: RwSignal<Option<TransferProgress>>) {
    leptos::task::spawn_local(async move {
        while let Some(progress) = stream.next().await {
            into.set(Some(progress));
        }
    });
}

/// Bob's copy, with an object URL to save it.
fn offer(file: ReceivedFile) -> Arrived {
    let url = web_sys::Url::create_object_url_with_blob(&file.blob).unwrap_or_default();
    Arrived {
        name: file.header.name,
        size: file.header.size,
        sha256: file.header.sha256,
        url,
    }
}

/// `size` bytes of a pattern, as a file to send.
fn test_file(size: usize) -> Result<web_sys::Blob, wasm_bindgen::JsValue> {
    let bytes: Vec<u8> = (0..size)
        .map(|i| (i as u32).wrapping_mul(2_654_435_761).rotate_right(13) as u8)
        .collect();
    let parts = js_sys::Array::of1(&js_sys::Uint8Array::from(&bytes[..]));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/octet-stream");
    web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
}
