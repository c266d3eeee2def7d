//! [`pump`]: a stream run into a callback on the page's event loop, until it ends, the callback
//! declines, or the returned handle aborts it — how the UI integrations (`leptos`, `yew`) feed a
//! signal or a hook's state from this crate's streams.

use futures::future::{AbortHandle, Abortable};
use futures::{Stream, StreamExt};

/// Spawns a task that passes each item of `stream` to `apply` until the stream ends or `apply`
/// returns `false` (what it feeds is gone). Aborting the returned handle stops it at once and
/// drops the stream (detaching its listeners); the UI calls it when the component goes.
pub(crate) fn pump<T: 'static>(
    stream: impl Stream<Item = T> + 'static,
    mut apply: impl FnMut(T) -> bool + 'static,
) -> AbortHandle {
    let (abort, registration) = AbortHandle::new_pair();
    let run = async move {
        let mut stream = std::pin::pin!(stream);
        while let Some(item) = stream.next().await {
            if !apply(item) {
                break;
            }
        }
    };
    wasm_bindgen_futures::spawn_local(async move {
        // Aborted: the component is gone, and the stream (its listeners) with it.
        let _ = Abortable::new(run, registration).await;
    });
    abort
}
