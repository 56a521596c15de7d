//! The speaker/actor resolver: turns a noun phrase ("Thứ_trưởng Ngoại_giao Nga Sergei
//! Ryabkov", "phía Nga", "he", "một nhà ngoại_giao phương_Tây") into a canonical actor, using
//! the alias gazetteer (built-in `schema/actors.<lang>.json` plus the user's file), titles
//! (stripped from the name and kept as its role), membership ("Nga" before a name), the
//! article's earlier actors (a surname alone) and pronoun anaphora (the nearest compatible
//! actor). Unnamed voices become actors of kind `unknown`.

use super::fasthash::FastMap;
use super::lang::{ActorEntry, LangData, PronounClass};
use super::token::{gazetteer_key, Token, TokenKind};
use claimgraph_model::names;
use claimgraph_model::record::ActorRecord;
use claimgraph_model::ActorKind;

/// The alias gazetteer: folded alias → entry.
#[derive(Debug, Default)]
pub struct Gazetteer {
    entries: Vec<ActorEntry>,
    by_alias: FastMap<String, usize>,
    /// Aliases of two words or more without diacritics: "Tu Sang" still finds "Tư Sang".
    /// (Single words stay exact: "Anh" is Britain, "ảnh" a photo.)
    by_folded: FastMap<String, usize>,
    /// First word of an alias → the most words an alias starting with it has (exact keys,
    /// and folded keys of multi-word aliases): most positions in a text start no alias.
    first_words: FastMap<String, usize>,
    first_folded: FastMap<String, usize>,
    max_words: usize,
}

fn alias_key(alias: &str) -> Vec<String> {
    super::lang::phrase_words(alias)
        .iter()
        .map(|w| gazetteer_key(w))
        .collect()
}

impl Gazetteer {
    /// Later entries override earlier ones for the same alias (a user's file wins).
    pub fn new<'a>(lists: impl IntoIterator<Item = &'a [ActorEntry]>) -> Gazetteer {
        let mut g = Gazetteer::default();
        for list in lists {
            for e in list {
                let idx = g.entries.len();
                g.entries.push(e.clone());
                for alias in e.aliases.iter().chain(std::iter::once(&e.name)) {
                    let key = alias_key(alias);
                    if key.is_empty() {
                        continue;
                    }
                    g.max_words = g.max_words.max(key.len());
                    let longest = g.first_words.entry(key[0].clone()).or_insert(0);
                    *longest = (*longest).max(key.len());
                    if key.len() >= 2 {
                        g.by_folded.insert(names::fold(&key.join(" ")), idx);
                        let longest = g.first_folded.entry(names::fold(&key[0])).or_insert(0);
                        *longest = (*longest).max(key.len());
                    }
                    g.by_alias.insert(key.join(" "), idx);
                }
            }
        }
        g
    }

    pub fn get<S: AsRef<str>>(&self, keys: &[S]) -> Option<&ActorEntry> {
        if keys.is_empty() || keys.len() > self.max_words {
            return None;
        }
        let mut joined = String::with_capacity(keys.iter().map(|k| k.as_ref().len() + 1).sum());
        for (i, k) in keys.iter().enumerate() {
            if i > 0 {
                joined.push(' ');
            }
            joined.push_str(k.as_ref());
        }
        let idx = self.by_alias.get(&joined).or_else(|| {
            if keys.len() >= 2 && !joined.is_ascii() {
                self.by_folded.get(&names::fold(&joined))
            } else {
                None
            }
        });
        idx.map(|&i| &self.entries[i])
    }

    /// The longest alias starting at `at`: its length in words and its entry.
    pub fn longest_at<S: AsRef<str>>(&self, keys: &[S], at: usize) -> Option<(usize, &ActorEntry)> {
        let first = keys.get(at)?.as_ref();
        let mut max = self.first_words.get(first).copied().unwrap_or(0);
        if !first.is_ascii() {
            max = max.max(
                self.first_folded
                    .get(&names::fold(first))
                    .copied()
                    .unwrap_or(0),
            );
        }
        let max = max.min(keys.len() - at);
        (1..=max)
            .rev()
            .find_map(|len| self.get(&keys[at..at + len]).map(|e| (len, e)))
    }
}

/// Gazetteer keys of tokens (their lowercase NFC keys), with English possessives
/// ("Russia's") reduced to the noun.
pub fn token_keys(tokens: &[Token]) -> Vec<&str> {
    tokens
        .iter()
        .map(|t| {
            t.key
                .strip_suffix("'s")
                .or_else(|| t.key.strip_suffix("’s"))
                .unwrap_or(&t.key)
        })
        .collect()
}

/// A resolved speaker.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Resolved {
    pub(crate) name: String,
    pub(crate) kind: ActorKind,
}

/// An actor of the article while extraction runs; [`Actor::record`] is its record form.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Actor {
    pub(crate) name: String,
    pub(crate) kind: ActorKind,
    pub(crate) role: Option<String>,
    pub(crate) member_of: Vec<String>,
    pub(crate) aliases: Vec<String>,
}

impl Actor {
    /// The record boundary: the interchange format's strings.
    pub(crate) fn record(&self) -> ActorRecord {
        ActorRecord {
            name: self.name.clone(),
            kind: Some(self.kind.as_str().to_string()),
            role: self.role.clone(),
            member_of: self.member_of.clone(),
            aliases: self.aliases.clone(),
        }
    }
}

/// The actors of one article, in order of mention.
pub struct ActorBook<'a> {
    pub lang: &'a LangData,
    pub gazetteer: &'a Gazetteer,
    pub actors: Vec<Actor>,
    recent: Vec<usize>,
}

fn compatible(kind: ActorKind, wanted: PronounClass) -> bool {
    use ActorKind as K;
    match wanted {
        PronounClass::Person => matches!(kind, K::Person | K::Unknown),
        PronounClass::Plural => {
            matches!(kind, K::Group | K::Organization | K::Country | K::Unknown)
        }
        PronounClass::Organization => matches!(kind, K::Organization | K::Country | K::Group),
        PronounClass::Group => matches!(kind, K::Group | K::Unknown),
        PronounClass::Country => kind == K::Country,
        PronounClass::Relative => true,
    }
}

impl<'a> ActorBook<'a> {
    pub fn new(lang: &'a LangData, gazetteer: &'a Gazetteer) -> ActorBook<'a> {
        ActorBook {
            lang,
            gazetteer,
            actors: Vec::new(),
            recent: Vec::new(),
        }
    }

    fn register(
        &mut self,
        name: &str,
        kind: ActorKind,
        role: Option<String>,
        member_of: Vec<String>,
        alias: Option<String>,
    ) -> Resolved {
        crate::work::step(self.actors.len());
        let idx = match self.actors.iter().position(|a| a.name == name) {
            Some(i) => i,
            None => {
                self.actors.push(Actor {
                    name: name.to_string(),
                    kind,
                    role: None,
                    member_of: Vec::new(),
                    aliases: Vec::new(),
                });
                self.actors.len() - 1
            }
        };
        let a = &mut self.actors[idx];
        if a.role.is_none() {
            a.role = role;
        }
        for m in member_of {
            if m != a.name && !a.member_of.contains(&m) {
                a.member_of.push(m);
            }
        }
        // An unresolved description ("một số ý kiến") stays a voice of its article: an
        // alias on it would let the store resolve another article's mention to it, and
        // which article's description won would depend on the order of the feed.
        if let Some(alias) = alias.filter(|_| a.kind != ActorKind::Unknown) {
            if alias != a.name && !alias.is_empty() && !a.aliases.contains(&alias) {
                a.aliases.push(alias);
            }
        }
        self.recent.retain(|&i| i != idx);
        self.recent.push(idx);
        Resolved {
            name: a.name.clone(),
            kind: a.kind,
        }
    }

    fn register_entry(&mut self, e: &ActorEntry, alias: Option<String>) -> Resolved {
        let e = e.clone();
        self.register(&e.name, e.kind, e.role.clone(), e.member_of.clone(), alias)
    }

    /// The most recently mentioned actor compatible with a pronoun class.
    pub(crate) fn antecedent(&self, wanted: PronounClass) -> Option<Resolved> {
        self.recent.iter().rev().find_map(|&i| {
            let a = &self.actors[i];
            compatible(a.kind, wanted).then(|| Resolved {
                name: a.name.clone(),
                kind: a.kind,
            })
        })
    }

    /// The outlet that publishes the article, as an actor.
    pub fn add_outlet(&mut self, name: &str) {
        self.register(name, ActorKind::Media, None, Vec::new(), None);
    }

    /// Marks gazetteer actors named in a stretch of text as mentioned (for anaphora).
    pub fn note_mentions(&mut self, tokens: &[Token]) {
        let keys = token_keys(tokens);
        let mut i = 0;
        while i < keys.len() {
            if tokens[i].upper {
                if let Some((len, e)) = self.gazetteer.longest_at(&keys, i) {
                    let e = e.clone();
                    self.register_entry(&e, None);
                    i += len;
                    continue;
                }
            }
            i += 1;
        }
    }

    /// Gazetteer actors and proper-name runs in a stretch of text: the claim's topics.
    pub fn topics(&self, text: &str, tokens: &[Token]) -> Vec<String> {
        let keys = token_keys(tokens);
        let mut out: Vec<String> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let t = &tokens[i];
            if !t.upper || t.kind != TokenKind::Word {
                i += 1;
                continue;
            }
            if let Some((len, e)) = self.gazetteer.longest_at(&keys, i) {
                if !out.contains(&e.name) {
                    out.push(e.name.clone());
                }
                i += len;
                continue;
            }
            let at_start = i == 0
                || (i > 0
                    && tokens[i - 1].kind == TokenKind::Punct
                    && !matches!(tokens[i - 1].key.as_str(), "," | "(" | "-"));
            // A run of capitalized words, with the lowercase syllables joined to them in
            // segmented text ("Tòa Hình_sự Quốc_tế" is one name, not "Tòa Hình" and "Quốc").
            let mut j = i + 1;
            while j < tokens.len()
                && tokens[j].kind == TokenKind::Word
                && (tokens[j].upper || tokens[j].joined)
            {
                j += 1;
            }
            // "Chúng_tôi" opening a sentence is a pronoun, not a name.
            let run = keys[i..j].join(" ");
            let stop = self.lang.pronouns.contains_key(&t.key)
                || self.lang.pronouns.contains_key(&run)
                || self.lang.not_speakers.contains(&run)
                || self.lang.indefinites.contains(&t.key)
                || self.lang.clause_words.contains(&t.key)
                || self.lang.titles.longest(&keys, i).is_some();
            if !(stop || at_start && j == i + 1) {
                let name = names::display(&text[tokens[i].start..tokens[j - 1].end]);
                if name.chars().count() > 1 && !out.contains(&name) {
                    out.push(name);
                }
            }
            i = j;
        }
        out
    }

    /// A proper name: a surname alone names the person met earlier in the article.
    fn named(
        &mut self,
        text: &str,
        rest: &[Token],
        role: Option<String>,
        member_of: Vec<String>,
        surface: String,
        titled: bool,
    ) -> Resolved {
        let name = names::display(&text[rest[0].start..rest[rest.len() - 1].end]);
        let rest_keys = token_keys(rest);
        let last_key = rest_keys.last().copied().unwrap_or_default();
        if rest.len() == 1 {
            if let Some(known) = self.surname(last_key) {
                return self.register(&known, ActorKind::Person, role, member_of, Some(surface));
            }
        }
        let words = rest
            .iter()
            .filter(|t| t.kind == TokenKind::Word && !t.joined)
            .count();
        let org_word = (0..rest.len()).any(|i| {
            let keys: Vec<&str> = rest[i..].iter().map(|t| t.key.as_str()).collect();
            self.lang.org_heads.longest(&keys, 0).is_some()
        });
        let kind = if org_word {
            ActorKind::Organization
        } else if titled || role.is_some() || (2..=4).contains(&words) {
            ActorKind::Person
        } else {
            ActorKind::Organization
        };
        let alias = (surface != name).then_some(surface);
        self.register(&name, kind, role, member_of, alias)
    }

    fn surname(&self, key: &str) -> Option<String> {
        self.actors
            .iter()
            .find(|a| {
                a.kind == ActorKind::Person
                    && a.name
                        .to_lowercase()
                        .rsplit(' ')
                        .next()
                        .map(gazetteer_key)
                        .as_deref()
                        == Some(key)
            })
            .map(|a| a.name.clone())
    }

    /// Resolves a speaker phrase. `text` is the article text the tokens index into;
    /// `sentence_initial` says whether the phrase opens its sentence (so its capital letter
    /// says nothing about a proper name).
    pub(crate) fn resolve(
        &mut self,
        text: &str,
        tokens: &[Token],
        sentence_initial: bool,
    ) -> Option<Resolved> {
        let kept = without_parentheticals(tokens);
        let (first, last) = (kept.first()?, kept.last()?);
        let surface = names::display(&text[first.start..last.end]);
        let lower: Vec<String> = kept.iter().map(|t| t.key.clone()).collect();
        let joined = lower.join(" ");
        if let Some(class) = self.lang.pronouns.get(&joined) {
            return Some(self.anaphor(*class, &lower, surface));
        }
        // "Ông cho rằng C": the honorific alone is "he", the latest person; with no person
        // before it names no one.
        if self.lang.honorific_pronouns.contains(&joined) {
            return self.antecedent(PronounClass::Person);
        }
        if self.lang.not_speakers.contains(&joined) {
            return None;
        }
        let keys = token_keys(&kept);
        if let Some(e) = self.gazetteer.get(&keys) {
            let e = e.clone();
            return Some(self.register_entry(&e, Some(surface)));
        }
        let phrase = Phrase {
            text,
            kept: &kept,
            keys: &keys,
            lower: &lower,
            indefinite: self.lang.indefinites.contains(&lower[0]),
            sentence_initial,
        };
        let head = self.head(&phrase);
        Some(self.resolve_after_head(&phrase, head, surface))
    }

    /// A pronoun or anaphoric phrase ("he", "the ministry"): the latest actor whose name
    /// has the phrase's noun, else the nearest compatible one, else an unnamed voice.
    fn anaphor(&mut self, class: PronounClass, lower: &[String], surface: String) -> Resolved {
        let head = (lower.len() > 1).then(|| gazetteer_key(&lower[lower.len() - 1]));
        let by_head = head.and_then(|h| {
            self.recent.iter().rev().find_map(|&i| {
                let a = &self.actors[i];
                a.name
                    .to_lowercase()
                    .split(' ')
                    .any(|w| gazetteer_key(w) == h)
                    .then(|| Resolved {
                        name: a.name.clone(),
                        kind: a.kind,
                    })
            })
        });
        if let Some(r) = by_head {
            let name = r.name.clone();
            return self.register(&name, r.kind, None, Vec::new(), None);
        }
        match self.antecedent(class) {
            Some(r) => r,
            None => self.register(&surface, ActorKind::Unknown, None, Vec::new(), None),
        }
    }

    /// Titles and affiliations before the name: where the rest starts, the role and the
    /// countries or organizations named.
    fn head(&self, p: &Phrase) -> Head {
        let (kept, keys, lower) = (p.kept, p.keys, p.lower);
        let mut pos = usize::from(p.indefinite);
        let mut role: Option<String> = None;
        let mut member_of = Vec::new();
        loop {
            if let Some((len, r)) = self.lang.titles.longest(lower, pos) {
                if pos + len < lower.len() || r.is_some() {
                    if role.is_none() {
                        role = r.clone();
                    }
                    pos += len;
                    // "Mr." / "TS." : the abbreviation's period goes with the title.
                    while pos < kept.len() && kept[pos].kind == TokenKind::Punct {
                        pos += 1;
                    }
                    if pos < lower.len() {
                        continue;
                    }
                    break;
                }
            }
            if pos < keys.len() {
                if let Some((len, e)) = self.gazetteer.longest_at(keys, pos) {
                    if (pos + len < keys.len() || role.is_some())
                        && matches!(e.kind, ActorKind::Country | ActorKind::Organization)
                    {
                        member_of.push(e.name.clone());
                        pos += len;
                        continue;
                    }
                }
            }
            break;
        }
        Head {
            pos,
            role,
            member_of,
        }
    }

    /// The phrase after its titles and affiliations: a known actor, a proper name, a
    /// name at the end, a bare title, an organization or an unnamed voice.
    fn resolve_after_head(&mut self, p: &Phrase, head: Head, surface: String) -> Resolved {
        let Head {
            pos,
            role,
            member_of,
        } = head;
        let (text, kept) = (p.text, p.kept);
        let rest = &kept[pos.min(kept.len())..];
        let rest_keys = &p.keys[pos.min(p.keys.len())..];
        let rest_lower = &p.lower[pos.min(p.lower.len())..];
        // After "Ông", "Mr." a name is a person's: "Ông Đức" is not Germany.
        let titled = pos > usize::from(p.indefinite);
        if let Some(e) = self
            .gazetteer
            .get(rest_keys)
            .filter(|e| !titled || matches!(e.kind, ActorKind::Person | ActorKind::Media))
        {
            let e = e.clone();
            return self.register_entry(&e, Some(surface));
        }
        if self.is_proper_name(p, pos, rest) {
            return self.named(text, rest, role, member_of, surface, titled);
        }
        if role.is_some() && !p.indefinite && !rest.is_empty() {
            let name_at_end = self.name_after_title(rest, rest_keys, rest_lower, &member_of);
            if let Some((run, member_of)) = name_at_end {
                return self.named(text, run, role, member_of, surface, true);
            }
        }
        // A title without a name ("the minister", "vị Phó viện trưởng VKSND"): the last
        // person with that role, if any.
        if let Some(r) = &role {
            if let Some(a) = self
                .actors
                .iter()
                .rev()
                .find(|a| a.role.as_ref() == Some(r))
            {
                let name = a.name.clone();
                return self.register(&name, ActorKind::Person, None, Vec::new(), None);
            }
        }
        if !p.indefinite
            && !rest.is_empty()
            && self.lang.org_heads.longest(rest_lower, 0).is_some()
            && rest.iter().any(|t| t.upper)
        {
            let name = names::display(&text[rest[0].start..rest[rest.len() - 1].end]);
            let alias = (surface != name).then_some(surface);
            return self.register(&name, ActorKind::Organization, None, member_of, alias);
        }
        self.unnamed(p, rest, role, member_of, surface)
    }

    /// Whether the rest of the phrase is a proper name (capitalized words, short particles
    /// inside, initials).
    fn is_proper_name(&self, p: &Phrase, pos: usize, rest: &[Token]) -> bool {
        let is_proper = |i: usize, t: &Token| -> bool {
            t.upper
                && t.kind == TokenKind::Word
                && !(i == 0
                    && p.sentence_initial
                    && pos == 0
                    && (self.lang.indefinites.contains(&t.key)
                        || self.lang.person_nouns.longest(p.lower, 0).is_some()
                        || self.lang.clause_words.contains(&t.key)))
        };
        !p.indefinite
            && !rest.is_empty()
            && rest.iter().enumerate().all(|(i, t)| {
                is_proper(i + pos, t)
                    || (t.kind == TokenKind::Word
                        && t.key.chars().count() <= 3
                        && i > 0
                        && i + 1 < rest.len())
                    || t.key == "."
                    || t.key == "-"
            })
    }

    /// "Giám đốc Cảng vụ Hàng không miền Nam Trần Doãn Mậu": a title, an affiliation, then
    /// the name (at most three words) at the end; with the memberships found on the way.
    fn name_after_title<'t>(
        &self,
        rest: &'t [Token],
        rest_keys: &[&str],
        rest_lower: &[String],
        member_of: &[String],
    ) -> Option<(&'t [Token], Vec<String>)> {
        let mut start = rest.len();
        let mut words = 0;
        while start > 0 && rest[start - 1].upper && rest[start - 1].kind == TokenKind::Word {
            if !rest[start - 1].joined {
                if words == 3 {
                    break;
                }
                words += 1;
            }
            start -= 1;
        }
        let mut member_of = member_of.to_vec();
        if let Some((len, e)) = self.gazetteer.longest_at(rest_keys, start) {
            if start + len < rest.len()
                && matches!(e.kind, ActorKind::Country | ActorKind::Organization)
            {
                member_of.push(e.name.clone());
                start += len;
            }
        }
        let run = &rest[start..];
        let known = run.len() == 1 && self.surname(rest_keys[start]).is_some();
        // Capitals right after a place noun name the place ("VKSND tỉnh Sóc Trăng",
        // "Công an phường Trần Nguyên Hãn"), not the person.
        let complement = (0..start).any(|j| {
            self.lang
                .place_nouns
                .longest(&rest_lower[..start], j)
                .is_some_and(|(len, _)| j + len == start)
        });
        (!run.is_empty() && !complement && (run.len() >= 2 || known)).then_some((run, member_of))
    }

    /// An unnamed voice: "vị lãnh đạo X" after "một lãnh đạo X" (and "the official" after "a
    /// senior official") is the one met before; else a new one named by its description,
    /// with any group it belongs to.
    fn unnamed(
        &mut self,
        p: &Phrase,
        rest: &[Token],
        role: Option<String>,
        member_of: Vec<String>,
        surface: String,
    ) -> Resolved {
        if !rest.is_empty() && !p.indefinite {
            let key = names::fold(&p.text[rest[0].start..rest[rest.len() - 1].end]);
            if let Some(a) = self
                .actors
                .iter()
                .rev()
                .find(|a| a.kind == ActorKind::Unknown && names::fold(&a.name).ends_with(&key))
            {
                let name = a.name.clone();
                return self.register(&name, ActorKind::Unknown, None, Vec::new(), Some(surface));
            }
        }
        let mut groups = member_of;
        let mut i = 0;
        while i < p.keys.len() {
            if let Some((len, e)) = self.gazetteer.longest_at(p.keys, i) {
                if !groups.contains(&e.name) {
                    groups.push(e.name.clone());
                }
                i += len;
            } else {
                i += 1;
            }
        }
        self.register(&surface, ActorKind::Unknown, role, groups, None)
    }
}

/// A speaker phrase being resolved.
struct Phrase<'p> {
    text: &'p str,
    /// Its tokens without parentheticals and edge punctuation.
    kept: &'p [Token],
    keys: &'p [&'p str],
    lower: &'p [String],
    /// It opens with an indefinite ("một", "a").
    indefinite: bool,
    sentence_initial: bool,
}

/// What precedes the name: where the rest starts, the role, the memberships.
struct Head {
    pos: usize,
    role: Option<String>,
    member_of: Vec<String>,
}

/// A phrase's tokens without parentheticals ("RIA ( Nga )", "(R-Texas)") and without
/// punctuation at its edges.
fn without_parentheticals(tokens: &[Token]) -> Vec<Token> {
    let mut kept: Vec<Token> = Vec::with_capacity(tokens.len());
    let mut depth = 0usize;
    for t in tokens {
        match t.key.as_str() {
            "(" | "[" => depth += 1,
            ")" | "]" => depth = depth.saturating_sub(1),
            _ if depth == 0 => kept.push(t.clone()),
            _ => {}
        }
    }
    while kept.last().is_some_and(|t| t.kind == TokenKind::Punct) {
        kept.pop();
    }
    while kept.first().is_some_and(|t| t.kind == TokenKind::Punct) {
        kept.remove(0);
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::lang_data;
    use crate::token::tokenize;

    fn book_resolve(phrases: &[&str]) -> (Vec<Resolved>, Vec<Actor>) {
        let lang = lang_data("vi").unwrap();
        let g = Gazetteer::new([lang.actors.as_slice()]);
        let mut book = ActorBook::new(lang, &g);
        let mut out = Vec::new();
        for p in phrases {
            let toks = tokenize(p);
            out.push(book.resolve(p, &toks, false).unwrap());
        }
        (out, book.actors)
    }

    #[test]
    fn titles_become_roles_and_surnames_resolve() {
        let (r, actors) = book_resolve(&[
            "Thứ_trưởng Ngoại_giao Nga Sergei Ryabkov",
            "Thứ_trưởng Ryabkov",
            "phía Nga",
            "một nhà ngoại_giao phương_Tây",
        ]);
        assert_eq!(r[0].name, "Sergei Ryabkov");
        assert_eq!(r[1].name, "Sergei Ryabkov");
        assert_eq!(r[2].name, "Russia");
        assert_eq!(r[3].kind, ActorKind::Unknown);
        let ry = actors.iter().find(|a| a.name == "Sergei Ryabkov").unwrap();
        assert_eq!(ry.role.as_deref(), Some("deputy foreign minister"));
        assert_eq!(ry.member_of, ["Russia"]);
    }

    #[test]
    fn parentheticals_and_edge_punctuation_are_dropped() {
        let toks = tokenize("“RIA ( Nga ) ,");
        let kept: Vec<String> = without_parentheticals(&toks)
            .iter()
            .map(|t| t.key.clone())
            .collect();
        assert_eq!(kept, ["ria"]);
    }

    #[test]
    fn a_name_after_title_and_affiliation_is_the_person_and_a_place_is_not() {
        let (r, _) = book_resolve(&["Giám_đốc Cảng_vụ Hàng_không miền Nam Trần Doãn Mậu"]);
        assert_eq!(r[0].name, "Trần Doãn Mậu");
        assert_eq!(r[0].kind, ActorKind::Person);
        let (r, _) = book_resolve(&["Viện_trưởng VKSND tỉnh Sóc Trăng"]);
        assert_ne!(r[0].name, "Sóc Trăng");
    }

    #[test]
    fn pronouns_take_the_nearest_compatible_actor_and_unnamed_voices_return() {
        let (r, _) = book_resolve(&["Thứ_trưởng Ngoại_giao Nga Sergei Ryabkov", "ông ấy"]);
        assert_eq!(r[1].name, "Sergei Ryabkov");
        let (r, actors) = book_resolve(&["một lãnh_đạo Đội Điều_tra", "vị lãnh_đạo Đội Điều_tra"]);
        assert_eq!(r[0].name, r[1].name);
        assert_eq!(r[1].kind, ActorKind::Unknown);
        // The second mention resolves within the article but leaves no alias behind.
        assert!(actors.iter().all(|a| a.aliases.is_empty()), "{actors:?}");
        assert!(compatible(ActorKind::Unknown, PronounClass::Person));
        assert!(!compatible(ActorKind::Person, PronounClass::Country));
    }
}
