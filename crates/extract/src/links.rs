//! Stance links: a denial or confirmation that points back at what was reported before
//! ("phủ_nhận thông_tin trên", "denied the report") gets a `denies` / `supports` edge to the
//! claim it answers: the latest earlier claim relayed by an outlet (the "information" a
//! denial answers is usually a media report), else the latest earlier claim, by another speaker.

use super::attribution::Found;
use super::claim::Claim;
use super::lang::LangData;
use super::token::Token;
use claimgraph_model::{ClaimKind, Stance};

/// Links the denials and confirmations among `claims` (one per `found`, in order).
pub(crate) fn link(claims: &mut [Claim], found: &[Found], tokens: &[Token], lang: &LangData) {
    for i in 0..claims.len().min(found.len()) {
        let stance = claims[i].stance;
        if !matches!(stance, Stance::Deny | Stance::Confirm) {
            continue;
        }
        let f = &found[i];
        // The reference must open the content (or follow the cue directly).
        let from = f.cue_tokens.1;
        let to = f.content.map_or(from, |(_, b)| b).min(from + 8);
        let keys: Vec<&str> = tokens[from..to.max(from)]
            .iter()
            .map(|t| t.key.as_str())
            .collect();
        let refers = (0..keys.len()).any(|k| lang.topic_refs.longest(&keys, k).is_some());
        if !refers {
            continue;
        }
        let speaker = claims[i].speaker.clone();
        let earlier = || {
            claims[..i].iter().rev().filter(|c| {
                c.speaker != speaker && c.kind != ClaimKind::Narrative && c.stance != Stance::Deny
            })
        };
        let target = earlier()
            .find(|c| !c.via.is_empty())
            .or_else(|| earlier().next())
            .map(|c| (c.id.clone(), c.about.clone()));
        if let Some((t, about)) = target {
            // "phủ_nhận thông_tin trên": what it answers is what it is about.
            if lang.refs_take_topics {
                for topic in about {
                    if topic != speaker && !claims[i].about.contains(&topic) {
                        claims[i].about.push(topic);
                    }
                }
            }
            if stance == Stance::Deny {
                claims[i].denies.push(t.clone());
            } else {
                claims[i].supports.push(t.clone());
            }
            claims[i].responds_to.push(t);
        }
    }
}
