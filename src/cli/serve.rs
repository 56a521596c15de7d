//! `claimgraph serve`: opens the store once and serves the JSON API and the web page
//! (the `claimgraph-serve` crate) until Ctrl-C; ingests posted to it run through
//! `ingest.rs`'s pipeline.

use super::{CliError, Context};
use claimgraph_serve::{ServeError, ServeOptions};
use std::io::Write;
use std::net::SocketAddr;
use std::time::Duration;

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on (port 0: any free port, printed at start). Anything but
    /// a loopback address needs --token.
    #[arg(long, default_value = "127.0.0.1:7878")]
    pub bind: SocketAddr,
    /// A secret every request must present (`Authorization: Bearer TOKEN`, or open the page
    /// as /?token=TOKEN): 16 to 256 visible ASCII characters.
    #[arg(long, env = "CLAIMGRAPH_TOKEN", hide_env_values = true)]
    pub token: Option<String>,
    /// Seconds a query may run before the request is answered with an error.
    #[arg(long, default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub time_limit: u64,
    /// Largest JSON Lines body one POST /api/ingest accepts, in MiB (`claimgraph ingest`
    /// sends larger inputs in parts).
    #[arg(long, value_name = "MIB", default_value_t = 32, value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_ingest_mib: u64,
}

fn serve_error(e: ServeError) -> CliError {
    match e {
        ServeError::TokenRequired { .. } | ServeError::BadToken | ServeError::Bind { .. } => {
            CliError::User(e.to_string())
        }
        ServeError::Io(io) => CliError::Internal(format!("the server failed: {io}")),
    }
}

pub fn run(ctx: &Context, args: &ServeArgs, out: &mut dyn Write) -> Result<(), CliError> {
    let store = super::list::open(ctx)?;
    let options = ServeOptions {
        bind: args.bind,
        token: args.token.clone(),
        query_time_limit: Duration::from_secs(args.time_limit),
        max_ingest_bytes: (args.max_ingest_mib << 20) as usize,
        ..ServeOptions::default()
    };
    let with_token = options.token.is_some();
    let ingest = std::sync::Arc::new(super::ingest::ServerIngest);
    claimgraph_serve::serve(store, options, Some(ingest), |addr| {
        let hint = if with_token { "?token=TOKEN" } else { "" };
        writeln!(
            out,
            "claimgraph serves {} on http://{addr}/{hint}",
            ctx.store.display()
        )?;
        writeln!(out, "press Ctrl-C to stop")?;
        out.flush()
    })
    .map_err(serve_error)
}
