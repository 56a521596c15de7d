//! Commands on a store held by a running `claimgraph serve`. Every open is exclusive, so a
//! second process gets "store is in use"; when the holder is a server, it has recorded its
//! address in the store directory (`claimgraph.serve`), and the read commands (`query`,
//! `explain`, `claims`, `actors`, `stats`, `articles`, `stories`, `statements`, `links`,
//! `figures`, `timeline`, `dot`, `export`), `ingest` and `relink` ask it instead, printing
//! what they would print locally. A recorded server that does not answer gives the original
//! error with a hint; a command that cannot go through the server says so and what to do
//! ([`held_by_server`]).

use super::{store_error, CliError, Context};
use claimgraph_serve::{call, ClientError, Endpoint, IngestReport, Reply, ENDPOINT_FILE};
use claimgraph_store::{Store, StoreError};
use std::time::Duration;

/// How long to wait for a recorded server to accept a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(2);

/// The store, opened here, or the running server that holds it.
pub(crate) enum Opened {
    Local(Store),
    Server(Endpoint),
}

/// Opens the store for reading, or finds the server holding it.
pub(crate) fn open(ctx: &Context) -> Result<Opened, CliError> {
    open_with(ctx, Store::open_existing(&ctx.store))
}

/// The store `opened` gave, or the server holding it.
pub(crate) fn open_with(
    ctx: &Context,
    opened: Result<Store, StoreError>,
) -> Result<Opened, CliError> {
    match opened {
        Ok(store) => Ok(Opened::Local(store)),
        Err(e) => server_for(ctx, e).map(Opened::Server),
    }
}

/// Opens the store (linked first when articles arrived since the last linking, as the
/// cross-article commands read it), or finds the server holding it (which links itself).
pub(crate) fn open_linked(ctx: &Context) -> Result<Opened, CliError> {
    match open(ctx)? {
        Opened::Local(store) => {
            super::link::link_when_stale(&store)?;
            Ok(Opened::Local(store))
        }
        server => Ok(server),
    }
}

/// The error of a command that cannot go through a running server, when `error` says a
/// server holds the store: what holds it and what to do.
pub(crate) fn held_by_server(ctx: &Context, error: StoreError, command: &str) -> CliError {
    let in_use = matches!(error, StoreError::InUse { .. });
    match Endpoint::read(&ctx.store) {
        Some(endpoint) if in_use => CliError::Unusable(format!(
            "{error}\nhint: the claimgraph server at http://{} (process {}) holds the store, \
             and `{command}` does not go through it (`query`, `claims`, `stories`, `timeline`, \
             `dot`, `export` and the other read commands do); stop the server (Ctrl-C where it \
             runs, or `kill {}`) and run the command again",
            endpoint.addr, endpoint.pid, endpoint.pid
        )),
        _ => store_error(error),
    }
}

/// The server recorded in the store directory when `error` says the store is in use and
/// that server answers; otherwise the error (with a hint when the record is stale).
pub(crate) fn server_for(ctx: &Context, error: StoreError) -> Result<Endpoint, CliError> {
    if !matches!(error, StoreError::InUse { .. }) {
        return Err(store_error(error));
    }
    let Some(endpoint) = Endpoint::read(&ctx.store) else {
        return Err(store_error(error));
    };
    if std::net::TcpStream::connect_timeout(&endpoint.addr, CONNECT_TIMEOUT).is_err() {
        return Err(CliError::Unusable(format!(
            "{error}\nhint: {} names a claimgraph server at {} (process {}), but nothing \
             answers there: the record is stale (the server was killed); it is replaced when \
             a server starts on this store",
            ctx.store.join(ENDPOINT_FILE).display(),
            endpoint.addr,
            endpoint.pid
        )));
    }
    Ok(endpoint)
}

/// `text` as a URL query value.
fn encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A path with its query string: the parameters that have a value.
pub(crate) fn path(route: &str, params: &[(&str, Option<&str>)]) -> String {
    let query: Vec<String> = params
        .iter()
        .filter_map(|(name, value)| value.map(|v| format!("{name}={}", encode(v))))
        .collect();
    format!("{route}?{}", query.join("&"))
}

/// The CSV style as the API names it.
pub(crate) fn csv_param(ctx: &Context) -> Option<&'static str> {
    match ctx.csv {
        claimgraph_export::CsvStyle::Raw => Some("raw"),
        claimgraph_export::CsvStyle::Safe => None,
    }
}

/// Sends a request; an answer other than success becomes the error the local command
/// would give.
fn send(
    server: &Endpoint,
    method: &str,
    path: &str,
    body: Option<(&str, Vec<u8>)>,
) -> Result<Reply, CliError> {
    let reply = call(server, method, path, body, CONNECT_TIMEOUT).map_err(|e| match e {
        ClientError::Unreachable { .. } => CliError::Unusable(format!(
            "the claimgraph server holding the store went away: {e}"
        )),
        ClientError::Protocol { .. } => CliError::Internal(e.to_string()),
    })?;
    // 422: an ingest that refused some lines, reported like any other.
    if (200..300).contains(&reply.status) || reply.status == 422 {
        return Ok(reply);
    }
    let error: serde_json::Value = serde_json::from_slice(&reply.body).unwrap_or_default();
    let field = |name: &str| error["error"][name].as_str().map(str::to_string);
    let message = field("message").unwrap_or_else(|| format!("HTTP status {}", reply.status));
    Err(match field("kind").as_deref() {
        // A command's own message, as it prints it locally.
        Some("command") => CliError::User(message),
        Some("query") => CliError::User(format!(
            "invalid query\n{}",
            field("rendered").unwrap_or(message)
        )),
        Some("store") => CliError::Unusable(message),
        Some("internal") => CliError::Internal(message),
        _ => CliError::User(format!("the claimgraph server refused: {message}")),
    })
}

/// A GET through the server; prints the lines of its warning headers (a speaker no actor
/// is called, a cap) on stderr, as the local command does.
pub(crate) fn get(server: &Endpoint, path: &str) -> Result<Reply, CliError> {
    let reply = send(server, "GET", path, None)?;
    for (name, value) in &reply.headers {
        if name.eq_ignore_ascii_case(claimgraph_serve::WARNING_HEADER) {
            eprintln!("{}", claimgraph_serve::decode_note(value));
        }
    }
    Ok(reply)
}

/// Runs read command `command` on the server with its options (`q` for its query), and
/// returns what it printed (its notes already on stderr).
pub(crate) fn run_there(
    ctx: &Context,
    server: &Endpoint,
    command: &str,
    params: &[(&str, Option<&str>)],
) -> Result<Vec<u8>, CliError> {
    let mut params = params.to_vec();
    params.push(("csv", csv_param(ctx)));
    Ok(get(server, &path(&format!("/api/{command}"), &params))?.body)
}

/// `relink` on the server: the line it printed, if it linked. With `when_stale`, as
/// `ingest` links: only when articles arrived since the last linking.
pub(crate) fn relink_there(
    server: &Endpoint,
    when_stale: bool,
) -> Result<Option<String>, CliError> {
    let path = if when_stale {
        "/api/relink?when_stale=true"
    } else {
        "/api/relink"
    };
    let reply = send(server, "POST", path, None)?;
    let answer: serde_json::Value = serde_json::from_slice(&reply.body)
        .map_err(|e| CliError::Internal(format!("the server's relink answer: {e}")))?;
    Ok(answer["summary"].as_str().map(str::to_string))
}

/// Posts JSON Lines records to the server's ingest.
/// Linking waits for the end (`relink_there`), as a local ingest links once.
pub(crate) fn post_ingest(server: &Endpoint, body: Vec<u8>) -> Result<IngestReport, CliError> {
    let content_type = claimgraph_serve::JSON_LINES_TYPES[0];
    let reply = send(
        server,
        "POST",
        "/api/ingest?link=false",
        Some((content_type, body)),
    )?;
    serde_json::from_slice(&reply.body)
        .map_err(|e| CliError::Internal(format!("the server's ingest report: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_encoded_and_empty_ones_left_out() {
        assert_eq!(
            path(
                "/api/claims",
                &[("speaker", Some("phe nổi dậy & co")), ("about", None)]
            ),
            "/api/claims?speaker=phe%20n%E1%BB%95i%20d%E1%BA%ADy%20%26%20co"
        );
    }
}
