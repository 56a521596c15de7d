//! Where a running server can be reached, for the CLI's other commands: while
//! `claimgraph serve` holds a store it records its address (and token, if any) in
//! `claimgraph.serve` inside the store directory, readable by its owner only, and removes
//! the file on shutdown. A command that finds the store in use reads the file and asks the
//! server instead ([`call`]), so "store is in use" is not a dead end.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The file's name inside the store directory.
pub const ENDPOINT_FILE: &str = "claimgraph.serve";

/// A running server's address, as recorded in [`ENDPOINT_FILE`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    /// `host:port` to connect to (a wildcard bind is recorded as the loopback address).
    pub addr: SocketAddr,
    /// The token requests must carry, when the server has one.
    pub token: Option<String>,
    /// The server's process id.
    pub pid: u32,
}

/// Why a request to the server failed before it answered.
#[derive(Debug, thiserror::Error)]
pub enum ClientError {
    /// Nothing answers at the address (the server is gone: the file is stale).
    #[error("nothing answers at {addr}: {source}")]
    Unreachable {
        /// The recorded address.
        addr: SocketAddr,
        /// What the connection attempt said.
        source: std::io::Error,
    },
    /// The connection broke or the answer was not HTTP.
    #[error("the server at {addr} failed to answer: {reason}")]
    Protocol {
        /// The recorded address.
        addr: SocketAddr,
        /// What went wrong.
        reason: String,
    },
}

/// A server's answer.
#[derive(Debug, Clone)]
pub struct Reply {
    /// The HTTP status code.
    pub status: u16,
    /// Response headers, names lower-case.
    pub headers: Vec<(String, String)>,
    /// The body.
    pub body: Vec<u8>,
}

impl Reply {
    /// The first value of a header.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl Endpoint {
    /// The endpoint recorded in `store_dir`, if a readable one is there.
    pub fn read(store_dir: &Path) -> Option<Endpoint> {
        let text = std::fs::read_to_string(store_dir.join(ENDPOINT_FILE)).ok()?;
        serde_json::from_str(&text).ok()
    }

    /// The endpoint of a server bound to `bound`: a wildcard address is reached through the
    /// loopback address of its family.
    pub(crate) fn of(bound: SocketAddr, token: Option<String>) -> Endpoint {
        let mut addr = bound;
        if addr.ip().is_unspecified() {
            addr.set_ip(match addr {
                SocketAddr::V4(_) => std::net::Ipv4Addr::LOCALHOST.into(),
                SocketAddr::V6(_) => std::net::Ipv6Addr::LOCALHOST.into(),
            });
        }
        Endpoint {
            addr,
            token,
            pid: std::process::id(),
        }
    }
}

/// The endpoint file while the server runs: written readable by its owner only (it may
/// hold the token), removed when dropped.
pub(crate) struct Recorded {
    path: PathBuf,
}

impl Recorded {
    pub(crate) fn write(store_dir: &Path, endpoint: &Endpoint) -> std::io::Result<Recorded> {
        let path = store_dir.join(ENDPOINT_FILE);
        let json = serde_json::to_vec(endpoint).map_err(std::io::Error::other)?;
        // A file left by a killed server is replaced, never appended to.
        let _ = std::fs::remove_file(&path);
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&path)?;
        file.write_all(&json)?;
        file.sync_all()?;
        Ok(Recorded { path })
    }
}

impl Drop for Recorded {
    fn drop(&mut self) {
        // Only our own: a later server may have replaced it.
        let ours = std::fs::read_to_string(&self.path)
            .ok()
            .and_then(|t| serde_json::from_str::<Endpoint>(&t).ok())
            .is_some_and(|e| e.pid == std::process::id());
        if ours {
            let _ = std::fs::remove_file(&self.path);
        }
    }
}

/// Sends one request to the server and waits for the whole answer. `path` includes the
/// query string; `body`, when given, is `(content type, bytes)`. A connection that cannot
/// be made within `connect_timeout` is [`ClientError::Unreachable`].
pub fn call(
    endpoint: &Endpoint,
    method: &str,
    path: &str,
    body: Option<(&str, Vec<u8>)>,
    connect_timeout: Duration,
) -> Result<Reply, ClientError> {
    let addr = endpoint.addr;
    let protocol = |reason: String| ClientError::Protocol { addr, reason };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| protocol(e.to_string()))?;
    runtime.block_on(async {
        let stream =
            match tokio::time::timeout(connect_timeout, tokio::net::TcpStream::connect(addr)).await
            {
                Ok(Ok(stream)) => stream,
                Ok(Err(source)) => return Err(ClientError::Unreachable { addr, source }),
                Err(_) => {
                    return Err(ClientError::Unreachable {
                        addr,
                        source: std::io::ErrorKind::TimedOut.into(),
                    })
                }
            };
        let (mut sender, connection) =
            hyper::client::conn::http1::handshake(hyper_util::rt::TokioIo::new(stream))
                .await
                .map_err(|e| protocol(e.to_string()))?;
        tokio::spawn(connection);
        let mut request = hyper::Request::builder()
            .method(method)
            .uri(path)
            .header(hyper::header::HOST, addr.to_string());
        if let Some(token) = &endpoint.token {
            request = request.header(hyper::header::AUTHORIZATION, format!("Bearer {token}"));
        }
        let bytes = match body {
            Some((content_type, bytes)) => {
                request = request.header(hyper::header::CONTENT_TYPE, content_type);
                bytes
            }
            None => Vec::new(),
        };
        let request = request
            .body(http_body_util::Full::new(hyper::body::Bytes::from(bytes)))
            .map_err(|e| protocol(e.to_string()))?;
        let response = sender
            .send_request(request)
            .await
            .map_err(|e| protocol(e.to_string()))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let body = http_body_util::BodyExt::collect(response.into_body())
            .await
            .map_err(|e| protocol(e.to_string()))?
            .to_bytes()
            .to_vec();
        Ok(Reply {
            status,
            headers,
            body,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_is_private_and_removed_when_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let endpoint = Endpoint::of(
            "0.0.0.0:7878".parse().unwrap(),
            Some("a-long-enough-token".into()),
        );
        assert_eq!(endpoint.addr, "127.0.0.1:7878".parse().unwrap());
        let recorded = Recorded::write(dir.path(), &endpoint).unwrap();
        assert_eq!(Endpoint::read(dir.path()), Some(endpoint));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(ENDPOINT_FILE))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        drop(recorded);
        assert!(!dir.path().join(ENDPOINT_FILE).exists());
        assert_eq!(Endpoint::read(dir.path()), None);
    }

    #[test]
    fn a_server_that_is_gone_is_unreachable() {
        // A port that was free a moment ago: nothing listens there.
        let addr = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap();
        let endpoint = Endpoint {
            addr,
            token: None,
            pid: 1,
        };
        let err = call(
            &endpoint,
            "GET",
            "/api/query?q=claims",
            None,
            Duration::from_secs(2),
        )
        .unwrap_err();
        assert!(matches!(err, ClientError::Unreachable { .. }), "{err}");
    }
}
