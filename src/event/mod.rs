//! Event plumbing, and the only module that creates a `Closure`: [`Listener`] (an RAII event
//! listener) and [`EventStream`] (a `Stream` over recurring events) in `listen`, the tasks
//! waiting for an event in `wakers`, state streams in `state`, and the shim's page-lifetime
//! functions in `page_lifetime`.

#[cfg(feature = "wrappers")]
mod listen;
mod page_lifetime;
#[cfg(feature = "wrappers")]
mod state;
#[cfg(feature = "wrappers")]
mod wakers;

#[cfg(feature = "wrappers")]
pub use listen::*;
pub(crate) use page_lifetime::page_lifetime_function;
#[cfg(feature = "wrappers")]
pub(crate) use state::state_stream;
#[cfg(feature = "wrappers")]
pub(crate) use wakers::Wakers;
