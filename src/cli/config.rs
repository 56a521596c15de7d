//! The optional configuration file: defaults a user would otherwise type on every command.
//! It is read from `--config FILE`, else `$CLAIMGRAPH_CONFIG`, else
//! `$XDG_CONFIG_HOME/claimgraph/config.toml`, else `~/.config/claimgraph/config.toml`; a
//! file named explicitly must exist, the usual place may be empty. Flags and environment
//! variables win over it.
//!
//! ```toml
//! store = "~/news/claims.db"   # the default --store
//! format = "markdown"          # the default --format of listings and queries
//! actors = "my-actors.json"    # the default --actors of extract and ingest
//! ```
//!
//! Relative paths are relative to the file's directory; `~/` is the home directory.

use super::CliError;
use claimgraph_export::Format;
use serde::Deserialize;
use std::path::{Path, PathBuf};

/// What the file may set.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Config {
    /// The file read, if any.
    pub path: Option<PathBuf>,
    /// Default store directory.
    pub store: Option<PathBuf>,
    /// Default output format of listings and queries.
    pub format: Option<Format>,
    /// Default extra actors file for extraction.
    pub actors: Option<PathBuf>,
}

/// The file as written; spans locate a bad value.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    store: Option<String>,
    format: Option<toml::Spanned<String>>,
    actors: Option<String>,
}

/// Where the configuration is read from: the explicit file (flag, then environment) and
/// whether it must exist.
fn location(explicit: Option<&Path>) -> Option<(PathBuf, bool)> {
    if let Some(path) = explicit {
        return Some((path.to_path_buf(), true));
    }
    if let Some(path) = std::env::var_os("CLAIMGRAPH_CONFIG").filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| home().map(|h| h.join(".config")))?;
    Some((base.join("claimgraph").join("config.toml"), false))
}

fn home() -> Option<PathBuf> {
    std::env::var_os("HOME")
        .filter(|h| !h.is_empty())
        .map(PathBuf::from)
}

/// Reads the configuration; none when no file is there (and none was named).
pub fn load(explicit: Option<&Path>) -> Result<Config, CliError> {
    let Some((path, required)) = location(explicit) else {
        return Ok(Config::default());
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(Config::default())
        }
        Err(e) => {
            return Err(CliError::User(format!(
                "config file {}: {e}",
                path.display()
            )))
        }
    };
    parse(&path, &text)
}

/// The line (1-based) of a byte offset.
fn line_of(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(1, |head| head.matches('\n').count() + 1)
}

/// Parses the file's text; errors name the file and the line.
pub fn parse(path: &Path, text: &str) -> Result<Config, CliError> {
    let at = |offset: usize, message: &str| {
        CliError::User(format!(
            "config file {}, line {}: {message}",
            path.display(),
            line_of(text, offset)
        ))
    };
    let raw: RawConfig = toml::from_str(text).map_err(|e| {
        let offset = e.span().map_or(0, |s| s.start);
        at(offset, e.message().trim())
    })?;
    let format = match raw.format {
        None => None,
        Some(spanned) => Some(
            spanned
                .get_ref()
                .parse::<Format>()
                .map_err(|e| at(spanned.span().start, &e))?,
        ),
    };
    let dir = path.parent().unwrap_or(Path::new("."));
    Ok(Config {
        path: Some(path.to_path_buf()),
        store: raw.store.map(|p| resolve(dir, &p)),
        format,
        actors: raw.actors.map(|p| resolve(dir, &p)),
    })
}

/// A path of the file: `~/` is the home directory, a relative path is relative to the
/// file's directory.
fn resolve(dir: &Path, written: &str) -> PathBuf {
    if let (Some(rest), Some(home)) = (written.strip_prefix("~/"), home()) {
        return home.join(rest);
    }
    let path = PathBuf::from(written);
    if path.is_relative() {
        dir.join(path)
    } else {
        path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_good_file_sets_the_defaults() {
        let config = parse(
            Path::new("/etc/cg/config.toml"),
            "# comment\nstore = \"/data/news.db\"\nformat = \"markdown\"\nactors = \"extra.json\"\n",
        )
        .unwrap();
        assert_eq!(config.store, Some(PathBuf::from("/data/news.db")));
        assert_eq!(config.format, Some(Format::Markdown));
        assert_eq!(config.actors, Some(PathBuf::from("/etc/cg/extra.json")));
    }

    #[test]
    fn errors_name_the_file_and_the_line() {
        let path = Path::new("/home/me/.config/claimgraph/config.toml");
        let bad_value = parse(path, "store = \"x.db\"\n\nformat = \"xml\"\n").unwrap_err();
        assert!(
            bad_value.to_string().starts_with(
                "config file /home/me/.config/claimgraph/config.toml, line 3: unknown format 'xml'"
            ),
            "{bad_value}"
        );
        let unknown = parse(path, "store = \"x.db\"\nstroe = 1\n").unwrap_err();
        assert!(
            unknown
                .to_string()
                .contains("line 2: unknown field `stroe`"),
            "{unknown}"
        );
        let syntax = parse(path, "format = \"json\"\nstore = \n").unwrap_err();
        assert!(syntax.to_string().contains(", line 2: "), "{syntax}");
        let wrong_type = parse(path, "store = 7\n").unwrap_err();
        assert!(wrong_type.to_string().contains("line 1: "), "{wrong_type}");
    }
}
