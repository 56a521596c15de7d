//! `claimgraph serve`: one process owns the store and answers a JSON HTTP API and a web
//! page for people, on axum and tokio.
//!
//! The store is opened once, by the caller, and shared by every request (`Arc<Store>`:
//! sled is thread-safe), so reads run concurrently; each query runs on tokio's blocking
//! pool under a time limit. Ingests (`POST /api/ingest`) run one at a time beside the
//! readers, through the pipeline the caller passes in ([`Ingest`]); the CLI's other read
//! commands (stories, timelines, pictures, exports) run through [`Commands`], also the
//! caller's. Modules: `api` (the read routes and their errors), `ingest` (the write
//! route), `commands` (the routes of the binary's other commands, and relinking), `access` (the token, the
//! Host check against DNS rebinding, security headers), `assets` (the page, its script and
//! the vendored visualisation libraries, embedded in the binary) and `endpoint` (the file
//! that tells the CLI's other commands where the running server is, and the client they
//! call it with). `docs/serve.md` is the reference and `docs/openapi.json` describes the
//! API.
#![warn(missing_docs)]

mod access;
mod api;
mod assets;
mod commands;
mod endpoint;
mod ingest;

pub use api::{API_ROUTES, TRUNCATED_HEADER, WARNING_HEADER};
pub use commands::{decode_note, encode_note, CommandError, Commands, Printed, COMMAND_ROUTES};
pub use endpoint::{call, ClientError, Endpoint, Reply, ENDPOINT_FILE};
pub use ingest::{Ingest, IngestReport, LineError, JSON_LINES_TYPES};

use axum::Router;
use claimgraph_store::Store;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

/// The OpenAPI description of the JSON API, as checked in (`docs/openapi.json`); served at
/// `/api/openapi.json`.
pub const OPENAPI: &str = include_str!("../../../docs/openapi.json");

/// Largest ingest body by default: big enough for thousands of articles, small enough
/// that a request never holds much memory.
pub const DEFAULT_MAX_INGEST_BYTES: usize = 32 << 20;

/// How the server listens and what it allows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServeOptions {
    /// Address and port to listen on; port 0 picks a free one.
    pub bind: SocketAddr,
    /// When set, every request must carry it (header, cookie or `token` parameter).
    pub token: Option<String>,
    /// Longest a query may run before the request is answered with an error.
    pub query_time_limit: Duration,
    /// Largest request body accepted (but an ingest's).
    pub max_request_bytes: usize,
    /// Largest JSON Lines body one `POST /api/ingest` accepts.
    pub max_ingest_bytes: usize,
    /// Longest query text accepted, in bytes.
    pub max_query_bytes: usize,
    /// Most claims a graph answer draws (the first in the query's order).
    pub max_graph_claims: usize,
}

impl Default for ServeOptions {
    fn default() -> Self {
        ServeOptions {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            token: None,
            query_time_limit: Duration::from_secs(10),
            max_request_bytes: 64 * 1024,
            max_ingest_bytes: DEFAULT_MAX_INGEST_BYTES,
            max_query_bytes: 16 * 1024,
            max_graph_claims: 300,
        }
    }
}

/// Why the server did not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// A non-loopback address without a token would open the store to the network.
    #[error(
        "refusing to listen on {bind} without a token: anyone who can reach it could read the \
         store; pass --token (or set CLAIMGRAPH_TOKEN), or bind to 127.0.0.1"
    )]
    TokenRequired {
        /// The address asked for.
        bind: SocketAddr,
    },
    /// The token cannot be carried in a header and a cookie unchanged.
    #[error(
        "the token must be 16 to 256 visible ASCII characters without spaces, quotes, `;`, `,` \
         or `\\`"
    )]
    BadToken,
    /// The address is taken, or not ours to listen on.
    #[error("cannot listen on {bind}: {source}")]
    Bind {
        /// The address asked for.
        bind: SocketAddr,
        /// What the system said.
        source: std::io::Error,
    },
    /// The runtime or the connection loop failed.
    #[error("the server failed: {0}")]
    Io(#[from] std::io::Error),
}

/// What the binary lends the server: its ingest pipeline and its other commands (this
/// crate links no extraction and no linking orchestration). Without them, the routes
/// that need them refuse.
#[derive(Clone, Default)]
pub struct Pipelines {
    /// Stores the bodies of `POST /api/ingest`.
    pub ingest: Option<Arc<dyn Ingest>>,
    /// Runs the read commands of [`COMMAND_ROUTES`] and `POST /api/relink`.
    pub commands: Option<Arc<dyn Commands>>,
}

/// What every request handler shares: the one open store, the options, the binary's
/// pipelines and the lock that lets one writer (an ingest, a linking) write at a time.
pub(crate) struct AppState {
    pub(crate) store: Store,
    pub(crate) options: ServeOptions,
    pub(crate) ingest: Option<Arc<dyn Ingest>>,
    pub(crate) commands: Option<Arc<dyn Commands>>,
    pub(crate) writer: std::sync::Mutex<()>,
}

/// Checks the options before anything listens.
fn check_options(options: &ServeOptions) -> Result<(), ServeError> {
    if let Some(token) = &options.token {
        if !access::token_is_well_formed(token) {
            return Err(ServeError::BadToken);
        }
    } else if !options.bind.ip().is_loopback() {
        return Err(ServeError::TokenRequired { bind: options.bind });
    }
    Ok(())
}

/// The whole application: API routes, page and assets, behind the access checks.
fn router(state: Arc<AppState>) -> Router {
    let max_body = state.options.max_request_bytes;
    api::routes(state.options.max_ingest_bytes)
        .merge(assets::routes())
        .layer(axum::extract::DefaultBodyLimit::max(max_body))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            access::check,
        ))
        .with_state(state)
}

/// Serves `store` until Ctrl-C (or SIGTERM). `pipelines` stores the bodies of
/// `POST /api/ingest` and runs the other commands (without them those routes refuse).
/// `on_ready` is called with the address
/// actually bound (port 0 resolved) once connections are accepted. While it serves, the
/// address is recorded in the store directory ([`ENDPOINT_FILE`]).
pub fn serve(
    store: Store,
    options: ServeOptions,
    pipelines: Pipelines,
    on_ready: impl FnOnce(SocketAddr) -> std::io::Result<()>,
) -> Result<(), ServeError> {
    check_options(&options)?;
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(workers)
        // Queries run here; more threads than a few per core only thrash the page cache.
        .max_blocking_threads(workers * 4)
        .enable_io()
        .enable_time()
        .build()?;
    let bind = options.bind;
    let store_dir = store.path().to_path_buf();
    let token = options.token.clone();
    let state = Arc::new(AppState {
        store,
        options,
        ingest: pipelines.ingest,
        commands: pipelines.commands,
        writer: std::sync::Mutex::new(()),
    });
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|source| ServeError::Bind { bind, source })?;
        let bound = listener.local_addr()?;
        // Removed when this scope ends: after a graceful shutdown, or an error.
        let _recorded = endpoint::Recorded::write(&store_dir, &Endpoint::of(bound, token))?;
        on_ready(bound)?;
        axum::serve(listener, router(state))
            .with_graceful_shutdown(shutdown_signal())
            .await?;
        Ok(())
    })
}

/// Resolves on Ctrl-C or SIGTERM, so the store is closed cleanly.
async fn shutdown_signal() {
    let interrupt = async {
        // Without a signal handler the server runs until killed, which is still safe.
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = interrupt => {},
                    _ = term.recv() => {},
                }
            }
            Err(_) => interrupt.await,
        }
    }
    #[cfg(not(unix))]
    interrupt.await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_public_address_needs_a_token() {
        let public = ServeOptions {
            bind: SocketAddr::from(([0, 0, 0, 0], 7878)),
            ..ServeOptions::default()
        };
        assert!(matches!(
            check_options(&public),
            Err(ServeError::TokenRequired { .. })
        ));
        let with_token = ServeOptions {
            token: Some("a-long-enough-token".into()),
            ..public
        };
        assert!(check_options(&with_token).is_ok());
        assert!(check_options(&ServeOptions::default()).is_ok());
        let short = ServeOptions {
            token: Some("short".into()),
            ..ServeOptions::default()
        };
        assert!(matches!(check_options(&short), Err(ServeError::BadToken)));
    }

    #[test]
    fn the_openapi_description_lists_exactly_the_routes() {
        let spec: serde_json::Value = serde_json::from_str(OPENAPI).unwrap();
        let paths = spec["paths"].as_object().unwrap();
        let mut described: Vec<&str> = paths.keys().map(String::as_str).collect();
        let mut served: Vec<&str> = API_ROUTES.to_vec();
        described.sort_unstable();
        served.sort_unstable();
        assert_eq!(described, served, "docs/openapi.json and API_ROUTES differ");
        for (path, item) in paths {
            let method = if matches!(path.as_str(), "/api/ingest" | "/api/relink") {
                "post"
            } else {
                "get"
            };
            assert!(item.get(method).is_some(), "{path}: no {method} described");
        }
    }
}
