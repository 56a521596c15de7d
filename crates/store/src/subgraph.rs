//! Neighbourhoods for graph views: a claim set plus its neighbours (claims it answers and
//! claims that answer it), and what the store knows about the actors involved. The export
//! crate turns both into a graph.

use super::keys;
use super::read::{u64_value, ViewCache};
use super::{Store, StoreError};
use crate::kv::OrderedKv;
use claimgraph_model::{ActorFacts, ActorId, ClaimId, ClaimView};
use std::collections::{BTreeSet, HashSet};

impl Store {
    /// `claims` plus the claims they link to and the claims linking to them.
    pub fn with_neighbours(
        &self,
        mut claims: Vec<ClaimView>,
    ) -> Result<Vec<ClaimView>, StoreError> {
        let mut cache = ViewCache::default();
        let mut present: HashSet<ClaimId> = claims.iter().map(|c| c.id).collect();
        let mut neighbours: BTreeSet<ClaimId> = BTreeSet::new();
        let mut speakers: BTreeSet<ActorId> = BTreeSet::new();
        for c in &claims {
            neighbours.extend(c.links.iter().filter_map(|l| l.target_id));
            speakers.insert(c.speaker_id);
        }
        for speaker in speakers {
            for link in self.links_to_speaker(speaker)?.iter() {
                if present.contains(&link.target()) {
                    neighbours.insert(link.source());
                }
            }
        }
        for id in neighbours {
            if present.insert(id) {
                if let Some(view) = self.view_cached(id, &mut cache)? {
                    claims.push(view);
                }
            }
        }
        Ok(claims)
    }

    /// The stored claim with this external id (`art-000001#0`), as ingest resolves link
    /// targets. A link keeps the target's id only when the target was stored before it;
    /// a graph of the whole store uses this to draw links to claims ingested later.
    pub fn claim_by_external_id(&self, external: &str) -> Result<Option<ClaimId>, StoreError> {
        if let Some(v) = self.kv().get(keys::claim_xid(external))? {
            return Ok(u64_value(&v).map(ClaimId));
        }
        let Some((article, index)) = external.rsplit_once('#') else {
            return Ok(None);
        };
        let Ok(index) = index.parse::<u16>() else {
            return Ok(None);
        };
        let Some(seq) = self.article_seq(article)? else {
            return Ok(None);
        };
        let Some(doc) = self.article_doc(seq)? else {
            return Ok(None);
        };
        Ok(doc
            .claims
            .get(usize::from(index))
            .filter(|c| c.external_id == external)
            .map(|_| ClaimId::new(seq, index)))
    }

    /// Membership and kinds of the actors named in `claims`, from the store.
    pub fn actor_facts(&self, claims: &[ClaimView]) -> Result<ActorFacts, StoreError> {
        let mut context = ActorFacts::default();
        let mut seen: HashSet<String> = HashSet::new();
        let mut names: Vec<String> = Vec::new();
        for c in claims {
            names.push(c.speaker.clone());
            names.extend(c.via.iter().cloned());
            names.extend(c.publisher.iter().cloned());
        }
        for name in names {
            if !seen.insert(name.clone()) {
                continue;
            }
            for actor in self.resolve_actor(&name)? {
                if actor.name != name {
                    continue;
                }
                context.actor_kinds.push((actor.name.clone(), actor.kind));
                for org in &actor.member_of {
                    if let Some(org) = self.actor(*org)? {
                        context.member_of.push((actor.name.clone(), org.name));
                    }
                }
            }
        }
        Ok(context)
    }
}
