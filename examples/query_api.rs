//! Using the query language from a program: build a store from the Aleppo example
//! (`examples/aleppo.jsonl`) in a temporary directory, then ask it questions with
//! `Store::query` and read the claims or rows it returns.
//!
//! ```text
//! cargo run --example query_api
//! cargo run --example query_api -- 'claims by Russia or via Russia | sort said desc'
//! ```

use claimgraph_export::Format;
use claimgraph_model::record::ArticleRecord;
use claimgraph_model::result::ResultData;
use claimgraph_query::QueryStore;
use claimgraph_store::{IngestOptions, Store};
use std::error::Error;

fn main() -> Result<(), Box<dyn Error>> {
    let dir = tempfile::tempdir()?;
    let store = Store::open(dir.path())?;
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/aleppo.jsonl");
    let mut ingester = store.ingester(IngestOptions::default())?;
    for line in std::fs::read_to_string(fixture)?.lines() {
        let mut record: ArticleRecord = serde_json::from_str(line)?;
        claimgraph_extract::enrich(&mut record);
        ingester.add(record)?;
    }
    ingester.finish()?;

    // A query given on the command line, printed as a table.
    if let Some(q) = std::env::args().nth(1) {
        match store.query(&q) {
            Ok(result) => {
                claimgraph_export::write_result(&result, &mut std::io::stdout(), Format::Table)?
            }
            Err(e) => eprintln!("{}", e.render()),
        }
        return Ok(());
    }

    // Claims come back as full rows (`ClaimView`), ready for any export.
    let result = store.query("claims about Aleppo said 2016-12-10..2016-12-12")?;
    for claim in result.claims().unwrap_or_default() {
        let said = claim.said.map(|t| t.to_string()).unwrap_or_default();
        let via = if claim.via.is_empty() {
            String::new()
        } else {
            format!(" (via {})", claim.via.join(" > "))
        };
        println!(
            "{said} {} [{}]{via}: {}",
            claim.speaker, claim.stance, claim.text
        );
    }

    // Grouping and counting give rows of values.
    let result = store.query("claims about Aleppo | group speaker | top 3")?;
    if let ResultData::Rows { columns, rows } = &result.data {
        println!("\n{}", columns.join(" | "));
        for row in rows {
            let cells: Vec<String> = row.iter().map(|v| v.to_string()).collect();
            println!("{}", cells.join(" | "));
        }
    }

    // The plan shows which index answers the query.
    println!("\n{}", store.explain("claims by Russia | sort said desc")?);

    // Errors carry the position of the offending token and a hint.
    if let Err(e) = store.query("claims where spekaer = Russia") {
        println!("{}", e.render());
    }
    Ok(())
}
