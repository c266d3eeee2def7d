//! [`FileTransfer`]: a file (a `Blob`) sent over a data channel in chunks, with progress,
//! back-pressure, cancel from either side, reassembly into a `Blob`, and a SHA-256 check.

use std::cell::Cell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use futures::channel::oneshot;
use futures::future::{AbortHandle, Abortable};
use futures::{FutureExt, SinkExt, StreamExt};
use serde::{Deserialize, Serialize};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::data_channel::{DataChannel, Message};
use crate::error::Error;
use crate::event::EventStream;

/// The largest chunk sent, whatever the connection allows: 256 KiB (Chromium's SCTP
/// `maxMessageSize`; Firefox allows far more, but a large message holds the channel's other
/// messages back while it goes).
pub const MAX_CHUNK_SIZE: u32 = 256 * 1024;

/// The first message of a transfer (text): what comes.
///
/// The wire format, one transfer at a time on a reliable, ordered channel:
///
/// ```json
/// {"type":"file","name":"photo.jpg","size":52428800,"mime":"image/jpeg","sha256":"9f86…","chunkSize":262144}
/// ```
///
/// then the file's bytes in binary messages of `chunkSize` bytes (the last one shorter), then
/// `{"type":"end"}` — or, from either side at any time, `{"type":"cancel"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FileHeader {
    /// The file's name.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
    /// Its MIME type (empty when unknown).
    pub mime: String,
    /// The SHA-256 of its bytes, in lowercase hex.
    pub sha256: String,
    /// The size of each binary message but the last.
    pub chunk_size: u32,
}

/// The text messages of the wire format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum Control {
    File(FileHeader),
    End,
    Cancel,
}

impl Control {
    /// Its text message (plain data: it always has a JSON form).
    fn message(&self) -> Message {
        let text = crate::convert::to_js(self)
            .ok()
            .and_then(|value| js_sys::JSON::stringify(&value).ok())
            .and_then(|text| text.as_string());
        Message::Text(text.unwrap_or_default())
    }
}

fn control(text: &str) -> Result<Control, Error> {
    let value = js_sys::JSON::parse(text)
        .map_err(|_| Error::Data(format!("a transfer message that is not JSON: {text:.80}")))?;
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| Error::Data(format!("not a transfer message ({e}): {text:.80}")))
}

/// How far a transfer is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TransferProgress {
    /// Bytes sent (handed to the channel) or received so far.
    pub bytes: u64,
    /// The file's size.
    pub total: u64,
    /// The average rate since the transfer began, in bytes per second.
    pub bytes_per_second: f64,
}

/// A file that arrived whole, its SHA-256 checked.
#[derive(Debug, Clone)]
pub struct ReceivedFile {
    /// What the sender said of it.
    pub header: FileHeader,
    /// Its bytes, reassembled.
    pub blob: web_sys::Blob,
}

/// One file going over a data channel, one way: [`send`](Self::send) on one side,
/// [`receive`](Self::receive) on the other. Await it for the outcome; [`progress`](Self::progress)
/// follows it; [`cancel`](Self::cancel) or a [`canceller`](Self::canceller) (or dropping it
/// unfinished) stops both sides.
///
/// Use a reliable, ordered channel, one transfer at a time (a channel of its own per file is
/// simplest), and read nothing else from it meanwhile: the receiving side reads every message,
/// and the sending side reads the receiver's `cancel`. Chunks are sized by the connection's SCTP `maxMessageSize` (at most
/// [`MAX_CHUNK_SIZE`]), and sending waits while the channel's buffer is over its high-water mark.
/// The sender reads the whole file once, for its SHA-256 (SubtleCrypto); the receiver keeps
/// the chunks until the end, makes the `Blob`, and checks its SHA-256 against the header's.
///
/// ```no_run
/// use futures::StreamExt;
/// use wasm_rtc::{DataChannel, FileTransfer};
///
/// async fn share(channel: &DataChannel, file: &web_sys::Blob) -> Result<(), wasm_rtc::Error> {
///     let transfer = FileTransfer::send(channel, file, "notes.txt");
///     let mut progress = transfer.progress();
///     wasm_bindgen_futures::spawn_local(async move {
///         while let Some(p) = progress.next().await {
///             web_sys::console::log_1(&format!("{} of {} bytes", p.bytes, p.total).into());
///         }
///     });
///     transfer.await
/// }
/// ```
pub struct FileTransfer<T> {
    shared: Rc<Shared>,
    outcome: oneshot::Receiver<Result<T, Error>>,
}

/// What a transfer and its [`TransferCanceller`]s share.
struct Shared {
    progress: EventStream<TransferProgress>,
    channel: DataChannel,
    task: AbortHandle,
    done: Cell<bool>,
    cancelled: Cell<bool>,
}

impl Shared {
    fn cancel(&self) {
        if self.done.get() || self.cancelled.replace(true) {
            return;
        }
        self.task.abort();
        self.progress.end();
        // The other side may be gone: then there is nobody to tell.
        let _ = self.channel.send_now(&Control::Cancel.message());
    }
}

/// Cancels a [`FileTransfer`] from elsewhere (a button, while a task awaits the transfer).
/// Cheap to clone; it does not keep the transfer going.
#[derive(Clone)]
pub struct TransferCanceller(Rc<Shared>);

impl TransferCanceller {
    /// As [`FileTransfer::cancel`].
    pub fn cancel(&self) {
        self.0.cancel();
    }
}

impl FileTransfer<()> {
    /// Sends `file` as `name` on `channel` (waiting for it to open). Resolves once the last
    /// chunk and `end` are handed to the channel; [`Error::Abort`] if the receiver cancels,
    /// [`Error::Closed`] if the channel closes first.
    pub fn send(channel: &DataChannel, file: &web_sys::Blob, name: &str) -> Self {
        let (file, name) = (file.clone(), name.to_owned());
        Self::start(channel, move |channel, progress| {
            send(channel, file, name, progress)
        })
    }
}

impl FileTransfer<ReceivedFile> {
    /// Receives the next file on `channel`. Resolves to the file once it is whole and its
    /// SHA-256 matches; [`Error::Data`] for a transfer that breaks the wire format, has more or
    /// fewer bytes than announced, or does not match its SHA-256; [`Error::Abort`] if the
    /// sender cancels; [`Error::Closed`] if the channel closes first.
    pub fn receive(channel: &DataChannel) -> Self {
        Self::start(channel, receive)
    }
}

impl<T: 'static> FileTransfer<T> {
    fn start<F, Fut>(channel: &DataChannel, run: F) -> Self
    where
        F: FnOnce(DataChannel, EventStream<TransferProgress>) -> Fut,
        Fut: Future<Output = Result<T, Error>> + 'static,
    {
        let progress = EventStream::new();
        let (report, outcome) = oneshot::channel();
        let (task, registration) = AbortHandle::new_pair();
        let work = run(channel.clone(), progress.clone());
        let shared = Rc::new(Shared {
            progress,
            channel: channel.clone(),
            task,
            done: Cell::new(false),
            cancelled: Cell::new(false),
        });
        let finished = Rc::downgrade(&shared);
        wasm_bindgen_futures::spawn_local(async move {
            if let Ok(result) = Abortable::new(work, registration).await {
                if let Some(shared) = finished.upgrade() {
                    shared.done.set(true);
                    shared.progress.end();
                }
                let _ = report.send(result);
            }
        });
        FileTransfer { shared, outcome }
    }

    /// The transfer's progress after each chunk (buffered; clones share one queue). Ends when
    /// the transfer does.
    pub fn progress(&self) -> EventStream<TransferProgress> {
        self.shared.progress.clone()
    }

    /// Stops the transfer and tells the other side (`cancel`), whose transfer ends with
    /// [`Error::Abort`]; this one does too. Nothing once it has finished.
    pub fn cancel(&self) {
        self.shared.cancel();
    }

    /// A handle that cancels this transfer from elsewhere.
    pub fn canceller(&self) -> TransferCanceller {
        TransferCanceller(self.shared.clone())
    }
}

impl<T> Future for FileTransfer<T> {
    type Output = Result<T, Error>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.outcome.poll_unpin(cx).map(|outcome| {
            outcome.unwrap_or_else(|_| Err(Error::Abort("the transfer was cancelled".into())))
        })
    }
}

impl<T> Drop for FileTransfer<T> {
    /// Dropped unfinished: cancelled (both sides).
    fn drop(&mut self) {
        self.shared.cancel();
    }
}

/// Tracks bytes and rate for [`TransferProgress`].
struct Meter {
    started: f64,
    bytes: u64,
    total: u64,
}

impl Meter {
    fn new(total: u64) -> Self {
        Meter {
            started: js_sys::Date::now(),
            bytes: 0,
            total,
        }
    }

    fn add(&mut self, bytes: usize) -> TransferProgress {
        self.bytes += bytes as u64;
        let seconds = ((js_sys::Date::now() - self.started) / 1000.0).max(0.001);
        TransferProgress {
            bytes: self.bytes,
            total: self.total,
            bytes_per_second: self.bytes as f64 / seconds,
        }
    }
}

async fn send(
    mut channel: DataChannel,
    file: web_sys::Blob,
    name: String,
    progress: EventStream<TransferProgress>,
) -> Result<(), Error> {
    channel.opened().await?;
    let buffer = JsFuture::from(file.array_buffer()).await?;
    let bytes = js_sys::Uint8Array::new(&buffer);
    let chunk_size = channel
        .max_message_size()
        .map_or(64 * 1024, |max| max.min(f64::from(MAX_CHUNK_SIZE)) as u32)
        .max(1);
    let header = FileHeader {
        name,
        size: u64::from(bytes.length()),
        mime: file.type_(),
        sha256: sha256_hex(&buffer).await?,
        chunk_size,
    };
    channel.send(Control::File(header).message()).await?;
    let mut meter = Meter::new(u64::from(bytes.length()));
    let mut offset = 0;
    while offset < bytes.length() {
        // The receiver may have cancelled; nothing else comes its way on this channel.
        if let Some(Some(Ok(Message::Text(text)))) = channel.next().now_or_never() {
            if control(&text)? == Control::Cancel {
                return Err(Error::Abort("the receiver cancelled".into()));
            }
        }
        let end = offset.saturating_add(chunk_size).min(bytes.length());
        let chunk = bytes.subarray(offset, end).to_vec();
        channel.send(Message::Binary(chunk)).await?;
        progress.push(meter.add((end - offset) as usize));
        offset = end;
    }
    channel.send(Control::End.message()).await
}

async fn receive(
    mut channel: DataChannel,
    progress: EventStream<TransferProgress>,
) -> Result<ReceivedFile, Error> {
    let header = match channel.next().await.ok_or(Error::Closed)?? {
        Message::Text(text) => match control(&text)? {
            Control::File(header) => header,
            Control::Cancel => return Err(Error::Abort("the sender cancelled".into())),
            Control::End => {
                return Err(Error::Data("a transfer that ends before it begins".into()))
            }
        },
        Message::Binary(_) => {
            return Err(Error::Data(
                "a transfer that begins with bytes, not its header".into(),
            ))
        }
    };
    let mut meter = Meter::new(header.size);
    let chunks = js_sys::Array::new();
    loop {
        match channel.next().await.ok_or(Error::Closed)?? {
            Message::Binary(chunk) => {
                if meter.bytes + chunk.len() as u64 > header.size {
                    return Err(Error::Data(format!(
                        "more than the {} bytes announced for {:?}",
                        header.size, header.name
                    )));
                }
                chunks.push(&js_sys::Uint8Array::from(&chunk[..]));
                progress.push(meter.add(chunk.len()));
            }
            Message::Text(text) => match control(&text)? {
                Control::End => break,
                Control::Cancel => return Err(Error::Abort("the sender cancelled".into())),
                Control::File(_) => {
                    return Err(Error::Data(
                        "a second header in the middle of a transfer".into(),
                    ))
                }
            },
        }
    }
    if meter.bytes != header.size {
        return Err(Error::Data(format!(
            "{} of the {} bytes announced for {:?}",
            meter.bytes, header.size, header.name
        )));
    }
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(&header.mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&chunks, &options)?;
    let sha256 = sha256_hex(&JsFuture::from(blob.array_buffer()).await?).await?;
    if sha256 != header.sha256 {
        return Err(Error::Data(format!(
            "{:?} arrived with SHA-256 {sha256}, not the {} announced",
            header.name, header.sha256
        )));
    }
    Ok(ReceivedFile { header, blob })
}

/// The SHA-256 of `buffer`'s bytes (SubtleCrypto), in lowercase hex.
async fn sha256_hex(buffer: &JsValue) -> Result<String, Error> {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &"crypto".into())?;
    let subtle: web_sys::SubtleCrypto = js_sys::Reflect::get(&crypto, &"subtle".into())?
        .dyn_into()
        .map_err(|_| Error::unsupported("crypto.subtle (a secure context)"))?;
    let source: &js_sys::Object = buffer.unchecked_ref();
    let digest =
        JsFuture::from(subtle.digest_with_str_and_buffer_source("SHA-256", source)?).await?;
    Ok(js_sys::Uint8Array::new(&digest)
        .to_vec()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}
