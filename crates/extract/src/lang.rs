//! Language knowledge loaded from the JSON files under `schema/`: cue verbs with their stance,
//! relay and prefix patterns, titles, number words and the actor gazetteer. Built-in files are
//! compiled in with `include_str!` and parsed once per process; a new language is a new set of
//! files plus one line in the registry (`BUILTIN`), which [`languages`] lists.

use super::fasthash::{FastMap, FastSet};
use super::token::fold_token;
use claimgraph_model::{names, ActorKind, Stance};
use serde::Deserialize;
use std::collections::HashMap;
use std::sync::OnceLock;

/// One built-in language: its code and its data files, compiled in.
pub(crate) struct Builtin {
    /// The language code (`vi`, `en`): `--lang`, the record's `lang`, the file names.
    pub(crate) code: &'static str,
    pub(crate) cues: &'static str,
    pub(crate) titles: &'static str,
    pub(crate) numbers: &'static str,
    pub(crate) time: &'static str,
    pub(crate) actors: &'static str,
    /// The learned cue and source tagger's weights (`tagger`); a file with no weights
    /// means the language has no tagger.
    pub(crate) tagger: &'static [u8],
}

/// A registry line: the language's files are found by its code.
macro_rules! language {
    ($code:literal) => {
        Builtin {
            code: $code,
            cues: include_str!(concat!("../../../schema/lang/cues.", $code, ".json")),
            titles: include_str!(concat!("../../../schema/lang/titles.", $code, ".json")),
            numbers: include_str!(concat!("../../../schema/lang/numbers.", $code, ".json")),
            time: include_str!(concat!("../../../schema/lang/time.", $code, ".json")),
            actors: include_str!(concat!("../../../schema/actors.", $code, ".json")),
            tagger: include_bytes!(concat!("../../../schema/lang/tagger.", $code, ".bin")),
        }
    };
}

/// The registry of built-in languages, the one place that lists them: the CLI's `--lang`
/// values, language detection (in this order; see [`detect_lang`]), the time grammars and
/// the gazetteers all read it. A new language is a new set of files and one line here.
pub(crate) const BUILTIN: &[Builtin] = &[language!("vi"), language!("en")];

/// The codes of the built-in languages, in registry order.
pub fn languages() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|b| b.code)
}

/// Errors loading language data.
#[derive(Debug, thiserror::Error)]
pub enum LangError {
    /// A language code with no built-in data.
    #[error("language '{code}' is not supported (known: {known})")]
    Unknown {
        /// The code asked for.
        code: String,
        /// The built-in codes, comma-separated.
        known: String,
    },
    /// A data file (built-in or the user's) that does not parse.
    #[error("language data {file} is not valid: {source}")]
    Data {
        /// The file's name.
        file: String,
        /// What is wrong with it.
        source: serde_json::Error,
    },
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct VerbCue {
    pub(crate) cue: String,
    pub(crate) stance: Stance,
    #[serde(default)]
    pub(crate) takes_object: bool,
    /// Weak cues ("found", "shows") that only count with an explicit speaker to their left.
    #[serde(default)]
    pub(crate) needs_speaker_clause: bool,
    /// Verbs with a sense that is no speech ("attacked the village", "maintained order",
    /// "agreed to meet"): a cue only before a clause it introduces (a complementizer, a
    /// quotation, a colon) or after a quotation.
    #[serde(default)]
    pub(crate) needs_clause: bool,
    /// "…, saying C": only continues the sentence's speaker.
    #[serde(default)]
    pub(crate) participle: bool,
    /// A word the clause after the cue must contain for the verb to report speech:
    /// "gọi X là Y" (calls X Y) is a stance, "gọi điện" (phones) is not.
    #[serde(default)]
    pub(crate) needs_word: Option<String>,
    /// Findings verbs ("cho thấy", shows) that attribute only a document of a named body:
    /// the speaker phrase opens with a `speaker_openers` act noun ("Báo_cáo của Chính_phủ
    /// cho thấy"), not "Kết_quả cho thấy" or "Hình_ảnh cho thấy".
    #[serde(default)]
    pub(crate) needs_document_subject: bool,
}

/// A verb cue given by its lemma; its inflections are generated ([`LemmaCue::forms`]).
#[derive(Debug, Clone, Deserialize)]
struct LemmaCue {
    lemma: String,
    stance: Stance,
    /// The past tense when it is not regular ("told", "admitted").
    #[serde(default)]
    past: Option<String>,
    /// The past participle when it differs from the past ("written", "spoken").
    #[serde(default)]
    participle: Option<String>,
    /// The lemma is also a common noun ("report", "note"): its bare and `-s` forms are not
    /// cues, only the past tense is.
    #[serde(default)]
    noun: bool,
    #[serde(default)]
    takes_object: bool,
    #[serde(default)]
    needs_speaker_clause: bool,
    #[serde(default)]
    needs_clause: bool,
}

impl LemmaCue {
    /// The lemma's cue forms: base, third person singular and past tense (the past only
    /// for a lemma that is also a noun), each also in its spelling variants (British
    /// `-ise` for `-ize`).
    fn forms(&self, inflection: &Inflection) -> Vec<String> {
        let lemma = self.lemma.as_str();
        let past = self
            .past
            .clone()
            .unwrap_or_else(|| inflection.regular_past(lemma));
        let mut forms = vec![past];
        forms.extend(self.participle.clone());
        if !self.noun {
            forms.push(lemma.to_string());
            forms.push(inflection.third_person(lemma));
        }
        with_variants(forms, inflection)
    }

    /// Every inflected form, cue or not: the [`LemmaCue::forms`], the bare and `-s` forms of
    /// a noun lemma and the `-ing` form ("saying", "arguing", "admitting"); the learned
    /// tagger reads a word's lemma from these.
    fn all_forms(&self, inflection: &Inflection) -> Vec<String> {
        let lemma = self.lemma.as_str();
        let mut forms = self.forms(inflection);
        forms.extend(with_variants(
            vec![
                lemma.to_string(),
                inflection.third_person(lemma),
                inflection.progressive(lemma, self.past.as_deref()),
            ],
            inflection,
        ));
        forms.sort();
        forms.dedup();
        forms
    }
}

/// `forms` and their other spellings (British `-ise` for `-ize`).
fn with_variants(mut forms: Vec<String>, inflection: &Inflection) -> Vec<String> {
    let variants: Vec<String> = inflection
        .spelling_variants
        .iter()
        .flat_map(|(from, to)| {
            forms
                .iter()
                .filter(|f| f.contains(from.as_str()))
                .map(|f| f.replace(from.as_str(), to))
                .collect::<Vec<_>>()
        })
        .collect();
    forms.extend(variants);
    forms
}

impl LemmaCue {
    fn verb(&self, cue: String) -> VerbCue {
        VerbCue {
            cue,
            stance: self.stance,
            takes_object: self.takes_object,
            needs_speaker_clause: self.needs_speaker_clause,
            needs_clause: self.needs_clause,
            participle: false,
            needs_word: None,
            needs_document_subject: false,
        }
    }
}

/// A language's regular verb inflection, for [`LemmaCue`]s (`inflection` in the cue file).
#[derive(Debug, Default, Deserialize)]
struct Inflection {
    /// Third person singular suffix ("says").
    third_person: String,
    /// Its form after `sibilant_endings` ("stresses").
    third_person_after_sibilant: String,
    sibilant_endings: Vec<String>,
    /// Past suffix ("warned"), and after a lemma ending in `silent_e` ("argued").
    past: String,
    past_after_silent_e: String,
    silent_e: String,
    /// A lemma ending in `y_ending` after a consonant drops it for these ("denies",
    /// "denied").
    y_ending: String,
    y_third_person: String,
    y_past: String,
    vowels: String,
    /// Other spellings of a form (`["iz", "is"]`: British "apologise").
    #[serde(default)]
    spelling_variants: Vec<(String, String)>,
    /// The progressive suffix ("saying"); a final `silent_e` drops before it ("arguing").
    #[serde(default)]
    progressive: String,
}

impl Inflection {
    /// The lemma without a final `y` that follows a consonant ("deny" → "den").
    fn y_stem<'l>(&self, lemma: &'l str) -> Option<&'l str> {
        let stem = lemma.strip_suffix(self.y_ending.as_str())?;
        let consonant = stem
            .chars()
            .next_back()
            .is_some_and(|c| !self.vowels.contains(c));
        (consonant && !self.y_ending.is_empty()).then_some(stem)
    }

    fn regular_past(&self, lemma: &str) -> String {
        if let Some(stem) = self.y_stem(lemma) {
            format!("{stem}{}", self.y_past)
        } else if !self.silent_e.is_empty() && lemma.ends_with(self.silent_e.as_str()) {
            format!("{lemma}{}", self.past_after_silent_e)
        } else {
            format!("{lemma}{}", self.past)
        }
    }

    /// The progressive form: the suffix after the lemma without its silent `e` (but
    /// "seeing"), or after the doubled consonant an irregular past shows ("admitted" →
    /// "admitting").
    fn progressive(&self, lemma: &str, past: Option<&str>) -> String {
        let doubled = past
            .and_then(|p| p.strip_suffix(self.past.as_str()))
            .filter(|stem| stem.len() == lemma.len() + 1 && stem.starts_with(lemma));
        if let Some(stem) = doubled {
            return format!("{stem}{}", self.progressive);
        }
        let e = self.silent_e.as_str();
        match lemma.strip_suffix(e) {
            Some(stem) if !e.is_empty() && !stem.ends_with(e) && stem.len() > 1 => {
                format!("{stem}{}", self.progressive)
            }
            _ => format!("{lemma}{}", self.progressive),
        }
    }

    fn third_person(&self, lemma: &str) -> String {
        if let Some(stem) = self.y_stem(lemma) {
            format!("{stem}{}", self.y_third_person)
        } else if self
            .sibilant_endings
            .iter()
            .any(|e| lemma.ends_with(e.as_str()))
        {
            format!("{lemma}{}", self.third_person_after_sibilant)
        } else {
            format!("{lemma}{}", self.third_person)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub(crate) struct PrefixCue {
    pub(crate) cue: String,
    pub(crate) stance: Stance,
    /// Accept any phrase as the speaker ("according to the poll"), not only names and people.
    #[serde(default)]
    pub(crate) any_speaker: bool,
    /// Closing its sentence after a comma ("C, according to X."), the prefix's source owns
    /// the whole clause before it, cues included (nested speech is part of its content).
    #[serde(default)]
    pub(crate) owns_clause_before: bool,
}

#[derive(Debug, Deserialize)]
struct CueFile {
    verbs: Vec<VerbCue>,
    /// Verb cues by lemma; a form also listed in `verbs` keeps that entry.
    #[serde(default)]
    lemmas: Vec<LemmaCue>,
    #[serde(default)]
    inflection: Inflection,
    relays: Vec<String>,
    prefixes: Vec<PrefixCue>,
    refusals: Vec<String>,
    via_prefixes: Vec<String>,
    complementizers: Vec<String>,
    skip_before_cue: Vec<String>,
    clause_words: Vec<String>,
    indefinites: Vec<String>,
    person_nouns: Vec<String>,
    pronouns: HashMap<String, PronounClass>,
    topic_refs: Vec<String>,
    /// A denial or confirmation of "the above information" takes the topics of the claim
    /// it answers.
    #[serde(default)]
    refs_take_topics: bool,
    /// Two-word cues an audience may split ("cho AFP biết"): the audience comes after the
    /// first word.
    #[serde(default)]
    split_cues: Vec<VerbCue>,
    /// "của": a name followed by one and a country is the name's ("Yomiuri Shimbun của Nhật").
    #[serde(default)]
    place_possessives: Vec<String>,
    /// "có nguồn tin cho rằng": a word before a person noun that is no part of the speaker.
    #[serde(default)]
    speaker_drop_openers: Vec<String>,
    /// Honorifics that, alone as a speaker ("Ông cho rằng"), refer back to the latest person
    /// (Vietnamese "ông", "bà": he, she).
    #[serde(default)]
    honorific_pronouns: Vec<String>,
    /// Aspect and tense words that only follow a subject ("đã", "sẽ"): a single capitalized
    /// word opening the sentence before one is a name ("Mizuho đã …").
    #[serde(default)]
    subject_markers: Vec<String>,
    /// Question words ("thế nào", "ra sao"): a bare honorific in a question addresses the
    /// interviewee ("Ông đánh_giá thế_nào …?": "you"), it does not speak.
    #[serde(default)]
    question_words: Vec<String>,
    /// Prepositions of place ("tại", "ở") that open a phrase after a dashed description and
    /// before its cue ("X - Giám_đốc … - tại khu_vực Đông_Nam_Á cho_biết"): skipped, the
    /// description and the name before it are the speaker.
    #[serde(default)]
    place_before_cue: Vec<String>,
    abbreviations: Vec<String>,
    not_speakers: Vec<String>,
    byline_prefix: String,
    #[serde(default)]
    np_cut_words: Vec<String>,
    #[serde(default)]
    noun_followers: Vec<String>,
    #[serde(default)]
    noun_precursors: Vec<String>,
    #[serde(default)]
    clause_openers: Vec<String>,
    #[serde(default)]
    passive_agent_markers: Vec<String>,
    #[serde(default)]
    media_nouns: Vec<String>,
    #[serde(default)]
    speaker_trailers: Vec<String>,
    #[serde(default)]
    org_heads: Vec<String>,
    #[serde(default)]
    empty_content_words: Vec<String>,
    #[serde(default)]
    prepositions: Vec<String>,
    #[serde(default)]
    passive_markers: Vec<String>,
    #[serde(default = "yes")]
    single_word_names: bool,
    #[serde(default)]
    speaker_needs_head: bool,
    #[serde(default)]
    bad_speaker_starts: Vec<String>,
    #[serde(default)]
    author_notes: Vec<String>,
    #[serde(default)]
    place_nouns: Vec<String>,
    #[serde(default)]
    audience_words: Vec<String>,
    #[serde(default)]
    audience_plural_suffix: Option<SuffixRule>,
    #[serde(default)]
    determiners: Vec<String>,
    #[serde(default)]
    source_prefix_words: Vec<String>,
    #[serde(default)]
    coordinators: Vec<String>,
    #[serde(default)]
    adverb_suffix: Option<SuffixRule>,
    speaker_max_words: usize,
    #[serde(default)]
    detection: Option<Detection>,
    #[serde(default)]
    speaker_openers: Vec<String>,
    #[serde(default)]
    continuers: Vec<String>,
    #[serde(default)]
    new_subject_coordinators: Vec<String>,
    #[serde(default)]
    figure_subject_words: Vec<String>,
    #[serde(default)]
    noun_markers: Vec<String>,
    #[serde(default)]
    name_openers: Vec<String>,
    #[serde(default)]
    act_objects: Vec<String>,
    #[serde(default)]
    occasion_prepositions: Vec<String>,
    #[serde(default)]
    caption_markers: Vec<String>,
    #[serde(default)]
    compound_heads: Vec<String>,
    #[serde(default)]
    name_before_description: bool,
    #[serde(default)]
    unclosed_quote_ends_at_next: bool,
    #[serde(default)]
    inversion_needs_quote: bool,
    #[serde(default)]
    said_from_lead: bool,
    #[serde(default)]
    said_background: Vec<String>,
    #[serde(default)]
    said_later: Vec<String>,
    /// "Cùng ngày", "trong ngày này": the reporting clause points at the day last named.
    #[serde(default)]
    said_same_day: Vec<String>,
}

/// A word-shape rule: a lowercase word of at least `min_bytes` bytes ending in `suffix`
/// ("reporters" is an audience, "harshly" an adverb).
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct SuffixRule {
    suffix: String,
    min_bytes: usize,
}

impl SuffixRule {
    /// Whether a lowercase token key has the shape.
    pub(crate) fn matches(&self, key: &str) -> bool {
        key.len() >= self.min_bytes && key.ends_with(self.suffix.as_str())
    }
}

/// How to recognise the language in text: letters it has and the languages before it in
/// the registry do not, and the share of all letters (per mille) they must exceed.
#[derive(Debug, Clone, Deserialize)]
struct Detection {
    letters: String,
    min_per_mille: usize,
}

/// Split cues by their first word (see `CueFile::split_cues`).
fn split_cue_table(cues: &[VerbCue]) -> FastMap<String, Vec<(Vec<String>, VerbCue)>> {
    let mut out: FastMap<String, Vec<(Vec<String>, VerbCue)>> = FastMap::default();
    for v in cues {
        let words = phrase_words(&v.cue);
        if let Some((first, rest)) = words.split_first().filter(|(_, r)| !r.is_empty()) {
            out.entry(first.clone())
                .or_default()
                .push((rest.to_vec(), v.clone()));
        }
    }
    out
}

fn yes() -> bool {
    true
}

#[derive(Debug, Deserialize)]
struct TitleFile {
    titles: Vec<TitleEntry>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TitleEntry {
    pub(crate) text: String,
    pub(crate) role: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct NumberData {
    pub(crate) thousands_separator: String,
    pub(crate) decimal_separator: String,
    pub(crate) multipliers: HashMap<String, f64>,
    /// Spelled-out numbers ("nine"), read as figures only when `spelled_figures` is set.
    #[serde(default)]
    pub(crate) words: HashMap<String, f64>,
    /// A spelled-out number is a figure only with a unit after it ("nine activists").
    #[serde(default)]
    pub(crate) number_words_need_unit: bool,
    /// Whether spelled-out numbers are figures in this language.
    #[serde(default)]
    pub(crate) spelled_figures: bool,
    /// Number words that are more often pronouns ("no one", "one of them"): no figures.
    #[serde(default)]
    pub(crate) pronoun_number_words: Vec<String>,
    pub(crate) vague: HashMap<String, f64>,
    pub(crate) approximators: Vec<String>,
    pub(crate) not_units: Vec<String>,
    /// Month names and abbreviations → month number, for datelines.
    #[serde(default)]
    pub(crate) months: HashMap<String, u8>,
    /// Words between a figure and its unit ("3 million of them").
    #[serde(default)]
    pub(crate) unit_linkers: Vec<String>,
}

/// One gazetteer entry: a canonical actor and the names it goes by.
#[derive(Debug, Clone, Deserialize, PartialEq)]
pub struct ActorEntry {
    /// The canonical name.
    pub name: String,
    /// What the actor is.
    pub kind: ActorKind,
    /// Other names it goes by, as written.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Its role ("deputy foreign minister").
    #[serde(default)]
    pub role: Option<String>,
    /// Countries and organizations it belongs to (canonical names).
    #[serde(default)]
    pub member_of: Vec<String>,
}

/// A gazetteer file: `{"actors": [...]}`.
#[derive(Debug, Deserialize)]
pub struct ActorFile {
    /// The entries, later ones overriding earlier ones for the same alias.
    pub actors: Vec<ActorEntry>,
}

/// What a pronoun or anaphoric phrase can refer to ("he": a person, "họ": a plural).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum PronounClass {
    /// A person or an unnamed voice.
    Person,
    /// Several people: a group, an organization, a country or unnamed voices.
    Plural,
    /// An organization (or a country or group acting as one).
    Organization,
    /// A group or unnamed voices.
    Group,
    /// A country.
    Country,
    /// A relative pronoun ("who"): its antecedent is the phrase before it.
    Relative,
}

/// What a cue phrase does in the sentence.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum CueKind {
    /// "X cho biết C", "X said C".
    Verb(VerbCue),
    /// "X dẫn lời Y": Y speaks, X relays.
    Relay,
    /// "Theo X, C", "according to X".
    Prefix(PrefixCue),
    /// "X chưa bình luận", "X declined to comment".
    Refusal,
    /// "Nói với Reuters, X ...": the sentence's claim reached us via the named outlet.
    ViaPrefix,
}

/// A phrase lexicon keyed by the first folded token, longest phrases first.
#[derive(Debug)]
pub(crate) struct PhraseTable<T> {
    by_first: FastMap<String, Vec<(Vec<String>, T)>>,
}

impl<T> Default for PhraseTable<T> {
    fn default() -> Self {
        PhraseTable {
            by_first: FastMap::default(),
        }
    }
}

impl<T> PhraseTable<T> {
    pub(crate) fn insert(&mut self, phrase: &str, value: T) {
        let words = phrase_words(phrase);
        let Some(first) = words.first().cloned() else {
            return;
        };
        let list = self.by_first.entry(first).or_default();
        list.push((words, value));
        list.sort_by_key(|entry| std::cmp::Reverse(entry.0.len()));
    }

    /// The longest phrase starting at `at` in `words`: its length and value.
    pub(crate) fn longest<'a, S: AsRef<str>>(
        &'a self,
        words: &[S],
        at: usize,
    ) -> Option<(usize, &'a T)> {
        let first = words.get(at)?.as_ref();
        let list = self.by_first.get(first)?;
        list.iter().find_map(|(phrase, value)| {
            let end = at + phrase.len();
            (end <= words.len()
                && phrase
                    .iter()
                    .zip(&words[at..end])
                    .all(|(p, w)| p == w.as_ref()))
            .then_some((phrase.len(), value))
        })
    }

    pub(crate) fn contains_phrase<S: AsRef<str>>(&self, words: &[S]) -> bool {
        self.longest(words, 0)
            .is_some_and(|(len, _)| len == words.len())
    }
}

/// The folded words of a phrase, split the way the tokenizer splits text.
pub(crate) fn phrase_words(phrase: &str) -> Vec<String> {
    super::token::tokenize(phrase)
        .iter()
        .map(|t| t.key.clone())
        .filter(|k| !k.is_empty())
        .collect()
}

/// Everything extraction knows about one language.
#[derive(Debug)]
pub(crate) struct LangData {
    pub(crate) cues: PhraseTable<CueKind>,
    pub(crate) complementizers: PhraseTable<()>,
    pub(crate) skip_before_cue: PhraseTable<()>,
    pub(crate) clause_words: FastSet<String>,
    pub(crate) indefinites: FastSet<String>,
    pub(crate) person_nouns: PhraseTable<()>,
    pub(crate) pronouns: FastMap<String, PronounClass>,
    /// Every inflected form of a cue lemma → the lemma ("saying" → "say").
    pub(crate) lemmas: FastMap<String, String>,
    pub(crate) topic_refs: PhraseTable<()>,
    /// See `CueFile::refs_take_topics`.
    pub(crate) refs_take_topics: bool,
    /// Split cues by first word: the rest of the cue's words and the cue.
    pub(crate) split_cues: FastMap<String, Vec<(Vec<String>, VerbCue)>>,
    /// See `CueFile::place_possessives`.
    pub(crate) place_possessives: FastSet<String>,
    /// See `CueFile::speaker_drop_openers`.
    pub(crate) speaker_drop_openers: FastSet<String>,
    /// See `CueFile::honorific_pronouns`.
    pub(crate) honorific_pronouns: FastSet<String>,
    /// See `CueFile::subject_markers`.
    pub(crate) subject_markers: FastSet<String>,
    /// See `CueFile::question_words`.
    pub(crate) question_words: PhraseTable<()>,
    /// See `CueFile::place_before_cue`.
    pub(crate) place_before_cue: FastSet<String>,
    pub(crate) abbreviations: FastSet<String>,
    pub(crate) not_speakers: FastSet<String>,
    pub(crate) titles: PhraseTable<Option<String>>,
    pub(crate) numbers: NumberData,
    pub(crate) number_phrases: PhraseTable<f64>,
    pub(crate) approximators: PhraseTable<()>,
    pub(crate) byline_prefix: String,
    /// Words that end an unnamed speaker's description ("who", "từng").
    pub(crate) np_cut_words: FastSet<String>,
    /// Words after a cue that show it is a noun ("đề_xuất này"), not a verb of saying.
    pub(crate) noun_followers: FastSet<String>,
    /// Words right before a cue that make it a noun or an adjective ("on charges", "the
    /// proposed prices"): no verb of saying follows a preposition or a determiner.
    pub(crate) noun_precursors: FastSet<String>,
    /// Words that open a clause a cue can introduce ("agrees on who …", "found that"), for
    /// the cues that need one.
    pub(crate) clause_openers: FastSet<String>,
    /// The word that brings in a passive cue's agent ("echoed by X").
    pub(crate) passive_agent_markers: FastSet<String>,
    /// Nouns that make a phrase an outlet ("news website", "newspaper"), for relays.
    pub(crate) media_nouns: FastSet<String>,
    /// Words left over after a speaker's name ("ANTĐ đã đưa").
    pub(crate) speaker_trailers: PhraseTable<()>,
    /// Words that open an organization's name ("công ty", "ministry").
    pub(crate) org_heads: PhraseTable<()>,
    /// Words that say where or when, not what ("said here Tuesday"): no content alone.
    pub(crate) empty_content_words: FastSet<String>,
    /// Words that open an adverbial, not a name ("In June, …").
    pub(crate) prepositions: FastSet<String>,
    /// "has been criticized": a cue after these is passive, its subject no speaker.
    pub(crate) passive_markers: FastSet<String>,
    /// Whether one word can be a speaker's name at the start of a sentence ("Obanj said");
    /// not in Vietnamese, where names have several syllables and one capitalized word there is
    /// usually an adverb ("Cùng thông tin …").
    pub(crate) single_word_names: bool,
    /// A speaker phrase needs a head that can name one (a capital past the sentence's
    /// start, a person noun, title, organization head, pronoun or gazetteer name).
    pub(crate) speaker_needs_head: bool,
    /// Words a speaker phrase never starts with ("Có những lo ngại cho rằng").
    pub(crate) bad_speaker_starts: PhraseTable<()>,
    /// Nouns whose complement is a place's proper name ("tỉnh Sóc Trăng", "phường Trần
    /// Nguyên Hãn"): capitals after them name the place, not a person.
    pub(crate) place_nouns: PhraseTable<()>,
    /// What may follow an author's name at the end ("Quốc Tiệp ( tổng hợp )", "(theo CNN)").
    pub(crate) author_notes: PhraseTable<()>,
    /// Object pronouns and plural nouns that are an audience ("told reporters"), not an
    /// outlet.
    pub(crate) audience_words: FastSet<String>,
    /// Plural nouns as audiences ("told lawmakers").
    pub(crate) audience_plural_suffix: Option<SuffixRule>,
    /// Articles and determiners where a description starts ("a top US official").
    pub(crate) determiners: FastSet<String>,
    /// First words of prefix cues that report a source ("theo", "according"): a claim
    /// inside their content was relayed by that source.
    pub(crate) source_prefix_words: FastSet<String>,
    /// "X did this and said C": the word that joins a second verb to the subject.
    pub(crate) coordinators: FastSet<String>,
    /// Adverbs by shape ("harshly"), skipped when looking for a passive marker.
    pub(crate) adverb_suffix: Option<SuffixRule>,
    /// The most words a speaker phrase left of a cue may have.
    pub(crate) speaker_max_words: usize,
    /// Sorted letters that identify the language in text, and their share (per mille).
    pub(crate) detection: Option<(Letters, usize)>,
    /// Nouns of a source's act that open a speaker phrase and are not the speaker
    /// ("thông báo của" in "Theo thông báo của Bộ Y tế").
    pub(crate) speaker_openers: PhraseTable<()>,
    /// Coordinators that go on with the last speaker before a second cue ("X cho biết C1,
    /// đồng thời đề nghị C2").
    pub(crate) continuers: PhraseTable<()>,
    /// Words that open a coordinated clause with a subject of its own ("…, but he said",
    /// "…, while 22 percent said"): a cue there is a new attribution, not part of the
    /// content before it.
    pub(crate) new_subject_coordinators: FastSet<String>,
    /// Words that make a figure part of a subject that speaks ("22 percent", "4 in 10").
    pub(crate) figure_subject_words: FastSet<String>,
    /// Words right before a cue that make it a noun ("lời kêu gọi", "chính sách chia sẻ").
    pub(crate) noun_markers: PhraseTable<()>,
    /// Words refused as a speaker alone (`not_speakers`) that open a capitalized name
    /// ("Người Lao Động", an outlet).
    pub(crate) name_openers: FastSet<String>,
    /// Words for the matter itself ("sự_việc"): a cue whose object is one of them and a
    /// recipient ("thông_báo sự_việc cho công_an") narrates an act and says nothing.
    pub(crate) act_objects: PhraseTable<()>,
    /// Prepositions of place or occasion: a cue followed by a short phrase opened by one
    /// and nothing else ("phát_biểu tại hội_nghị") narrates an act and says nothing.
    pub(crate) occasion_prepositions: FastSet<String>,
    /// Words that open a photo credit ("Ảnh : AFP"): the credit ends a sentence even when
    /// the next one is glued to it.
    pub(crate) caption_markers: FastSet<String>,
    /// Syllables that make one word with a cue syllable after them ("triển" + "khai",
    /// "cân" + "nhắc"): in plain text, where no `_` joins them, the cue is no cue there.
    pub(crate) compound_heads: PhraseTable<()>,
    /// "Bà X , giáo viên dạy lớp 3 cho biết": news in the language writes a speaker's
    /// description between a comma and the cue, so the name before the comma speaks.
    pub(crate) name_before_description: bool,
    /// A second opening double quotation mark inside an open quotation shows the first was
    /// never closed (Vietnamese web text that lost its closing marks): the sentences since it
    /// end as if no quotation were open.
    pub(crate) unclosed_quote_ends_at_next: bool,
    /// A cue reads its speaker after it ("…, phủ_nhận X") over an unquoted clause only when
    /// that clause holds no cue of its own: in Vietnamese the object of a second,
    /// comma-coordinated cue ("X khẳng_định A , phủ_nhận một báo_cáo") is no speaker. English
    /// keeps "The plan, which officials said …, is dead, said Smith".
    pub(crate) inversion_needs_quote: bool,
    /// News in this language dates the event in its lead, and the claims made at that event
    /// inherit the date (`docs/time.md`, "A claim's said time").
    pub(crate) said_from_lead: bool,
    /// Words in a reporting clause that place the speech before the reported event
    /// ("từng", "trước đó"): such a claim inherits no said time.
    pub(crate) said_background: PhraseTable<()>,
    /// Words in a reporting clause that place the speech after the claim before ("sau đó",
    /// "later"): it inherits that claim's said time.
    pub(crate) said_later: PhraseTable<()>,
    /// See `CueFile::said_same_day`.
    pub(crate) said_same_day: PhraseTable<()>,
    pub(crate) actors: Vec<ActorEntry>,
    /// The built-in gazetteer of this language.
    pub(crate) gazetteer: super::actors::Gazetteer,
}

fn parse<T: serde::de::DeserializeOwned>(file: &str, text: &str) -> Result<T, LangError> {
    serde_json::from_str(text).map_err(|source| LangError::Data {
        file: file.to_string(),
        source,
    })
}

fn table(items: &[String]) -> PhraseTable<()> {
    let mut t = PhraseTable::default();
    for i in items {
        t.insert(i, ());
    }
    t
}

fn key_set(items: &[String]) -> FastSet<String> {
    items.iter().map(|w| phrase_words(w).join(" ")).collect()
}

impl LangData {
    fn build(b: &Builtin) -> Result<LangData, LangError> {
        let Builtin {
            code,
            cues,
            titles,
            numbers,
            actors,
            ..
        } = *b;
        let c: CueFile = parse(&format!("schema/lang/cues.{code}.json"), cues)?;
        let t: TitleFile = parse(&format!("schema/lang/titles.{code}.json"), titles)?;
        let n: NumberData = parse(&format!("schema/lang/numbers.{code}.json"), numbers)?;
        let a: ActorFile = parse(&format!("schema/actors.{code}.json"), actors)?;
        let mut cue_table = PhraseTable::default();
        for v in &c.verbs {
            cue_table.insert(&v.cue, CueKind::Verb(v.clone()));
        }
        let listed: FastSet<String> = c.verbs.iter().map(|v| v.cue.to_lowercase()).collect();
        let mut generated = FastSet::default();
        let mut lemmas = FastMap::default();
        for l in &c.lemmas {
            for form in l.all_forms(&c.inflection) {
                lemmas.entry(form).or_insert_with(|| l.lemma.clone());
            }
            for form in l.forms(&c.inflection) {
                if !listed.contains(&form) && generated.insert(form.clone()) {
                    cue_table.insert(&form, CueKind::Verb(l.verb(form.clone())));
                }
            }
        }
        for r in &c.relays {
            cue_table.insert(r, CueKind::Relay);
        }
        for p in &c.prefixes {
            cue_table.insert(&p.cue, CueKind::Prefix(p.clone()));
        }
        for r in &c.refusals {
            cue_table.insert(r, CueKind::Refusal);
        }
        for v in &c.via_prefixes {
            cue_table.insert(v, CueKind::ViaPrefix);
        }
        let mut title_table = PhraseTable::default();
        for e in &t.titles {
            title_table.insert(&e.text, e.role.clone());
        }
        let mut number_phrases = PhraseTable::default();
        for (w, v) in &n.vague {
            number_phrases.insert(w, *v);
        }
        Ok(LangData {
            cues: cue_table,
            complementizers: table(&c.complementizers),
            skip_before_cue: table(&c.skip_before_cue),
            clause_words: key_set(&c.clause_words),
            indefinites: key_set(&c.indefinites),
            person_nouns: table(&c.person_nouns),
            pronouns: c
                .pronouns
                .iter()
                .map(|(k, v)| (phrase_words(k).join(" "), *v))
                .collect(),
            topic_refs: table(&c.topic_refs),
            refs_take_topics: c.refs_take_topics,
            split_cues: split_cue_table(&c.split_cues),
            place_possessives: key_set(&c.place_possessives),
            speaker_drop_openers: key_set(&c.speaker_drop_openers),
            honorific_pronouns: key_set(&c.honorific_pronouns),
            subject_markers: key_set(&c.subject_markers),
            question_words: table(&c.question_words),
            place_before_cue: key_set(&c.place_before_cue),
            abbreviations: c.abbreviations.iter().map(|a| fold_token(a)).collect(),
            not_speakers: key_set(&c.not_speakers),
            titles: title_table,
            approximators: table(&n.approximators),
            numbers: n,
            number_phrases,
            lemmas,
            byline_prefix: c.byline_prefix,
            np_cut_words: key_set(&c.np_cut_words),
            noun_followers: key_set(&c.noun_followers),
            noun_precursors: key_set(&c.noun_precursors),
            clause_openers: key_set(&c.clause_openers),
            passive_agent_markers: key_set(&c.passive_agent_markers),
            media_nouns: key_set(&c.media_nouns),
            speaker_trailers: table(&c.speaker_trailers),
            org_heads: table(&c.org_heads),
            empty_content_words: key_set(&c.empty_content_words),
            prepositions: key_set(&c.prepositions),
            passive_markers: key_set(&c.passive_markers),
            single_word_names: c.single_word_names,
            speaker_needs_head: c.speaker_needs_head,
            bad_speaker_starts: table(&c.bad_speaker_starts),
            author_notes: table(&c.author_notes),
            place_nouns: table(&c.place_nouns),
            audience_words: key_set(&c.audience_words),
            audience_plural_suffix: c.audience_plural_suffix,
            determiners: key_set(&c.determiners),
            source_prefix_words: key_set(&c.source_prefix_words),
            coordinators: key_set(&c.coordinators),
            adverb_suffix: c.adverb_suffix,
            speaker_max_words: c.speaker_max_words,
            detection: c
                .detection
                .map(|d| (Letters::new(&d.letters), d.min_per_mille)),
            speaker_openers: table(&c.speaker_openers),
            continuers: table(&c.continuers),
            new_subject_coordinators: key_set(&c.new_subject_coordinators),
            figure_subject_words: key_set(&c.figure_subject_words),
            noun_markers: table(&c.noun_markers),
            name_openers: key_set(&c.name_openers),
            act_objects: table(&c.act_objects),
            occasion_prepositions: key_set(&c.occasion_prepositions),
            caption_markers: key_set(&c.caption_markers),
            compound_heads: table(&c.compound_heads),
            name_before_description: c.name_before_description,
            unclosed_quote_ends_at_next: c.unclosed_quote_ends_at_next,
            inversion_needs_quote: c.inversion_needs_quote,
            said_from_lead: c.said_from_lead,
            said_background: table(&c.said_background),
            said_later: table(&c.said_later),
            said_same_day: table(&c.said_same_day),
            gazetteer: super::actors::Gazetteer::new([a.actors.as_slice()]),
            actors: a.actors,
        })
    }
}

static LANGS: OnceLock<Vec<Result<LangData, String>>> = OnceLock::new();

/// The built-in data of a language, parsed on first use.
pub(crate) fn lang_data(code: &str) -> Result<&'static LangData, LangError> {
    let all = LANGS.get_or_init(|| {
        BUILTIN
            .iter()
            .map(|b| LangData::build(b).map_err(|e| e.to_string()))
            .collect()
    });
    let idx = BUILTIN
        .iter()
        .position(|b| b.code == code)
        .ok_or_else(|| LangError::Unknown {
            code: code.to_string(),
            known: languages().collect::<Vec<_>>().join(", "),
        })?;
    match &all[idx] {
        Ok(d) => Ok(d),
        Err(msg) => Err(LangError::Data {
            file: format!("built-in data for '{code}'"),
            source: serde_json::Error::io(std::io::Error::other(msg.clone())),
        }),
    }
}

/// How many characters of a text language detection looks at.
const DETECT_CHARS: usize = 4_000;

/// The language of a text: the first registry language whose detection letters make more
/// than their share of the letters in the text's first characters; else the first language
/// without detection letters (the registry's fallback).
pub fn detect_lang(text: &str) -> &'static str {
    let sample = || text.chars().take(DETECT_CHARS);
    let letters = sample().filter(|&c| is_letter(c)).count();
    let mut fallback = None;
    for b in BUILTIN {
        let Ok(data) = lang_data(b.code) else {
            continue;
        };
        let Some((own, per_mille)) = &data.detection else {
            fallback = fallback.or(Some(b.code));
            continue;
        };
        let hits = sample().filter(|&c| own.contains(c)).count();
        if letters > 0 && hits * 1000 > letters * per_mille {
            return b.code;
        }
    }
    fallback
        .or_else(|| BUILTIN.last().map(|b| b.code))
        .unwrap_or_default()
}

/// `char::is_alphabetic`, answered without Unicode tables for ASCII.
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        c.is_alphabetic()
    }
}

/// The characters below this code point are looked up in a bitmap (Latin, Greek,
/// Cyrillic and the Latin extensions Vietnamese letters live in).
const LETTER_MAP_END: u32 = 0x2000;

/// A language's detection letters: a letter counts when it or its lowercase form is one.
#[derive(Debug)]
pub(crate) struct Letters {
    /// Sorted letters as written in the data file.
    sorted: Vec<char>,
    /// Bit `c` set when character `c` (below [`LETTER_MAP_END`]) counts.
    map: Vec<u64>,
}

impl Letters {
    fn new(letters: &str) -> Letters {
        let mut sorted: Vec<char> = letters.chars().collect();
        sorted.sort_unstable();
        let mut map = vec![0u64; LETTER_MAP_END as usize / 64];
        for code in 0..LETTER_MAP_END {
            let counts = char::from_u32(code).is_some_and(|c| Self::counts(&sorted, c));
            if counts {
                map[code as usize / 64] |= 1 << (code % 64);
            }
        }
        Letters { sorted, map }
    }

    fn counts(sorted: &[char], c: char) -> bool {
        c.is_alphabetic() && c.to_lowercase().any(|l| sorted.binary_search(&l).is_ok())
    }

    fn contains(&self, c: char) -> bool {
        let code = c as u32;
        if code < LETTER_MAP_END {
            self.map[code as usize / 64] & (1 << (code % 64)) != 0
        } else {
            Self::counts(&self.sorted, c)
        }
    }
}

/// The built-in gazetteer entry whose canonical name or alias folds to the same key as
/// `name`, across every built-in language (ingest uses it to give actors their known
/// aliases, kind and role).
pub(crate) fn known_actor(name: &str) -> Option<&'static ActorEntry> {
    // Multi-word names match without diacritics; one word must match exactly (but for
    // case), as the gazetteer does: "Anh" is Britain, "ảnh" a photo.
    fn key(name: &str) -> String {
        let folded = names::fold(name);
        if folded.contains(' ') {
            folded
        } else {
            name.trim().to_lowercase()
        }
    }
    // One merged entry per canonical name: each language's file adds its own aliases.
    static MERGED: OnceLock<(Vec<ActorEntry>, HashMap<String, usize>)> = OnceLock::new();
    let (entries, index) = MERGED.get_or_init(|| {
        let mut entries: Vec<ActorEntry> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::new();
        for b in BUILTIN {
            let Ok(data) = lang_data(b.code) else {
                continue;
            };
            for entry in &data.actors {
                match by_name.get(&names::fold(&entry.name)) {
                    Some(&i) => {
                        for alias in &entry.aliases {
                            if !entries[i].aliases.contains(alias) {
                                entries[i].aliases.push(alias.clone());
                            }
                        }
                    }
                    None => {
                        by_name.insert(names::fold(&entry.name), entries.len());
                        entries.push(entry.clone());
                    }
                }
            }
        }
        let mut index = HashMap::new();
        for (i, entry) in entries.iter().enumerate() {
            // Canonical names win over aliases shared between entries.
            index.insert(key(&entry.name), i);
        }
        for (i, entry) in entries.iter().enumerate() {
            for alias in &entry.aliases {
                index.entry(key(alias)).or_insert(i);
            }
        }
        (entries, index)
    });
    index.get(&key(name)).map(|&i| &entries[i])
}

/// A title phrase as lowercase words, and the role it gives (`None` for "Mr.", "ông").
pub type TitlePhrase = (Vec<String>, Option<String>);

/// What the built-in languages know of names, for matching them across articles: every
/// title phrase (lowercase words, with the role it gives) and every gazetteer person's
/// full names (its canonical name and the aliases of two words or more).
pub fn name_knowledge() -> Result<(Vec<TitlePhrase>, Vec<String>), LangError> {
    let mut titles = Vec::new();
    let mut people = Vec::new();
    for b in BUILTIN {
        let t: TitleFile = parse(&format!("schema/lang/titles.{}.json", b.code), b.titles)?;
        titles.extend(t.titles.into_iter().map(|e| {
            (
                e.text.split_whitespace().map(str::to_lowercase).collect(),
                e.role,
            )
        }));
        let a: ActorFile = parse(&format!("schema/actors.{}.json", b.code), b.actors)?;
        for e in a.actors.into_iter().filter(|e| e.kind == ActorKind::Person) {
            people.extend(
                e.aliases
                    .into_iter()
                    .filter(|n| n.split_whitespace().count() >= 2),
            );
            people.push(e.name);
        }
    }
    Ok((titles, people))
}

/// Parses a user's actor file (`--actors FILE`): `{"actors": [...]}` or a bare list.
pub fn parse_actor_file(name: &str, text: &str) -> Result<Vec<ActorEntry>, LangError> {
    if text.trim_start().starts_with('[') {
        parse(name, text)
    } else {
        parse::<ActorFile>(name, text).map(|f| f.actors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_languages_load() {
        for b in BUILTIN {
            let d = lang_data(b.code).unwrap();
            assert!(!d.actors.is_empty());
        }
        assert!(lang_data("xx").is_err());
    }

    #[test]
    fn every_registry_language_has_rules_and_detection_falls_back() {
        for b in BUILTIN {
            let d = lang_data(b.code).unwrap();
            assert!(d.speaker_max_words > 0, "{}", b.code);
        }
        assert_eq!(detect_lang("Ông Đức cho biết những điều này"), "vi");
        assert_eq!(detect_lang("The minister said so"), "en");
        assert_eq!(detect_lang("12 345"), "en");
        assert!(languages().any(|c| c == "vi"));
    }

    #[test]
    fn lemmas_give_their_inflections_and_british_spellings() {
        let english = BUILTIN
            .iter()
            .find(|b| b.code == "en")
            .expect("English is built in");
        let file: CueFile = parse("cues.en.json", english.cues).expect("English cues parse");
        let inflection = &file.inflection;
        let lemma =
            |json: &str| -> LemmaCue { serde_json::from_str(json).expect("a lemma entry parses") };
        let mut forms = lemma(r#"{"lemma": "apologize", "stance": "assert"}"#).forms(inflection);
        forms.sort();
        assert_eq!(
            forms,
            [
                "apologise",
                "apologised",
                "apologises",
                "apologize",
                "apologized",
                "apologizes"
            ]
        );
        let forms = lemma(r#"{"lemma": "deny", "stance": "deny"}"#).forms(inflection);
        assert_eq!(forms, ["denied", "deny", "denies"]);
        let forms = lemma(r#"{"lemma": "admit", "stance": "confirm", "past": "admitted"}"#)
            .forms(inflection);
        assert_eq!(forms, ["admitted", "admit", "admits"]);
        // A lemma that is also a noun cues only in the past tense ("flu reports").
        let forms =
            lemma(r#"{"lemma": "report", "stance": "report", "noun": true}"#).forms(inflection);
        assert_eq!(forms, ["reported"]);
        let mut all = lemma(
            r#"{"lemma": "write", "stance": "assert", "past": "wrote", "participle": "written"}"#,
        )
        .all_forms(inflection);
        all.sort();
        assert_eq!(all, ["write", "writes", "writing", "written", "wrote"]);
        let all = lemma(r#"{"lemma": "admit", "stance": "confirm", "past": "admitted"}"#)
            .all_forms(inflection);
        assert!(all.contains(&"admitting".to_string()), "{all:?}");
        let all =
            lemma(r#"{"lemma": "see", "stance": "assert", "past": "saw"}"#).all_forms(inflection);
        assert!(all.contains(&"seeing".to_string()), "{all:?}");
        let en = lang_data("en").expect("English loads");
        assert_eq!(en.lemmas.get("arguing").map(String::as_str), Some("argue"));
        for form in ["voiced", "echoed", "recommends", "apologised"] {
            assert!(en.cues.longest(&[form], 0).is_some(), "{form}");
        }
    }

    #[test]
    fn longest_phrase_wins() {
        let d = lang_data("vi").unwrap();
        let words = phrase_words("dẫn thông_tin độc_quyền từ ba");
        let (len, kind) = d.cues.longest(&words, 0).unwrap();
        assert_eq!(len, 6);
        assert_eq!(*kind, CueKind::Relay);
    }
}
