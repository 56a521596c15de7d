//! Passive cues with an agent: "The view was echoed by Senator X" (X speaks; the subject is
//! what was said), "X was quoted by the news website Y as saying C" (X speaks, via Y). A
//! passive cue without an agent ("it was reported") names no speaker and is left alone.

use super::actors::ActorBook;
use super::attribution::{Found, SentenceReader};
use claimgraph_model::{ActorKind, Stance};

type Range = (usize, usize);

/// How many words an agent phrase after "by" may have.
const AGENT_MAX_WORDS: usize = 8;

impl SentenceReader<'_> {
    /// The attribution of a passive cue at `cue` followed by an agent. `relay`: the cue
    /// relays ("was quoted by Y as saying"), so the subject speaks and the agent is a `via`;
    /// else the agent speaks and the subject, or a clause after the agent, is the content.
    /// `lower`: the subject may not reach below this token.
    pub(crate) fn read_passive_agent(
        &self,
        book: &mut ActorBook,
        sentence: usize,
        cue: Range,
        stance: Stance,
        lower: usize,
        relay: bool,
    ) -> Option<Found> {
        let marker = self.tokens.get(cue.1)?;
        if cue.1 >= self.s.end || !self.lang.passive_agent_markers.contains(&marker.key) {
            return None;
        }
        let agent = self.right_np(cue.1 + 1, self.s.end, AGENT_MAX_WORDS)?;
        let subject = self.left_np(self.passive_start(cue.0, lower), lower);
        let clause_after = self
            .content_after(agent.1, false)
            .0
            .filter(|&c| self.introduces_clause(agent.1, Some(c)));
        if relay {
            let speaker_np = subject?;
            let speaker = self.resolve(book, speaker_np)?;
            let via = self.resolve(book, agent)?;
            let outlet = via.kind == ActorKind::Media || self.names_an_outlet(agent);
            let via = outlet.then_some(via.name);
            return Some(Found::new(
                sentence,
                speaker,
                speaker_np,
                cue,
                stance,
                clause_after,
                via.into_iter().collect(),
            ));
        }
        let speaker = self.resolve(book, agent)?;
        let content = clause_after.or(subject);
        Some(Found::new(
            sentence,
            speaker,
            agent,
            cue,
            stance,
            content,
            Vec::new(),
        ))
    }

    /// Whether a phrase describes a news outlet ("the Russian news website Vesti").
    fn names_an_outlet(&self, (a, b): Range) -> bool {
        self.tokens[a..b]
            .iter()
            .any(|t| self.lang.media_nouns.contains(&t.key))
    }

    /// Where the passive auxiliaries ("was", "has been", adverbs) before a cue start.
    fn passive_start(&self, cue_start: usize, lower: usize) -> usize {
        let mut k = cue_start;
        while k > lower && self.passive(k, lower) {
            k -= 1;
        }
        k
    }
}
