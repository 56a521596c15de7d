//! A small hand-built claim set modelled on the seed story (the rebels' withdrawal from
//! Aleppo), for the exports' tests, snapshots and examples. Texts are short English
//! paraphrases, not article text.

use claimgraph_model::{
    ActorKind, ClaimId, ClaimKind, ClaimLink, ClaimView, LinkKind, Quantity, Stance, TimePoint,
    TimeSpan,
};

fn point(text: &str) -> Option<TimePoint> {
    TimePoint::parse(text).ok()
}

/// A claim row with the fields every sample shares filled in.
pub fn claim_view(
    article: u64,
    index: u16,
    speaker: &str,
    kind: ActorKind,
    stance: Stance,
    text: &str,
) -> ClaimView {
    ClaimView {
        id: ClaimId::new(article, index),
        external_id: format!("art-{article:06}#{index}"),
        speaker: speaker.to_string(),
        speaker_id: 100 + article * 16 + u64::from(index),
        speaker_kind: kind,
        speaker_text: None,
        cue: None,
        stance,
        kind: ClaimKind::Reported,
        text: text.to_string(),
        said: None,
        when: None,
        via: Vec::new(),
        about: Vec::new(),
        quantities: Vec::new(),
        links: Vec::new(),
        provenance: None,
        article_id: format!("art-{article:06}"),
        article_seq: article,
        article_title: None,
        publisher: None,
        published: None,
        ingested_at: 1_700_000_000,
        story: None,
        statement: None,
    }
}

/// The Aleppo story: the rebels' claim, Russia's denial of it, Ryabkov via RIA, the Syrian
/// Observatory's count, a narrative claim about July 2016, and an unnamed diplomat whose
/// date has no year.
pub fn aleppo() -> Vec<ClaimView> {
    let first = |mut c: ClaimView| {
        c.article_title = Some("Rebels say they were offered a way out of Aleppo".into());
        c.publisher = Some("Pháp luật TPHCM".into());
        c.published = point("2016-12-12T08:00:00+07:00");
        c
    };
    let second = |mut c: ClaimView| {
        c.article_title = Some("Moscow: no deal yet on Aleppo withdrawal".into());
        c.publisher = Some("Reuters".into());
        c.published = point("2016-12-11T19:30:00Z");
        c
    };

    let mut rebels = first(claim_view(
        1,
        0,
        "rebel leaders",
        ActorKind::Group,
        Stance::Assert,
        "They sent us a letter: we can leave by an honourable route to wherever we want, and the Russians will promise publicly not to block the road.",
    ));
    rebels.cue = Some("said".into());
    rebels.said = point("2016-12-10");
    rebels.via = vec!["Reuters".into()];
    rebels.about = vec!["Aleppo".into(), "withdrawal".into()];

    let mut russia = second(claim_view(
        2,
        0,
        "Russia",
        ActorKind::Country,
        Stance::Deny,
        "No agreement has been reached on the rebels' withdrawal from Aleppo.",
    ));
    russia.cue = Some("denied".into());
    russia.said = point("2016-12-11");
    russia.about = vec!["Aleppo".into(), "withdrawal".into()];
    russia.links = vec![ClaimLink {
        kind: LinkKind::Denies,
        target: rebels.external_id.clone(),
        target_id: Some(rebels.id),
    }];

    let mut ryabkov = second(claim_view(
        2,
        1,
        "Sergei Ryabkov",
        ActorKind::Person,
        Stance::Assert,
        "Russia is working to create the conditions for civilians to leave Aleppo; the rebels' withdrawal is a separate question.",
    ));
    ryabkov.cue = Some("said".into());
    ryabkov.said = point("2016-12-11T10:00:00+03:00");
    ryabkov.via = vec!["RIA".into()];
    ryabkov.about = vec!["Aleppo".into()];

    let mut observatory = first(claim_view(
        1,
        1,
        "Syrian Observatory for Human Rights",
        ActorKind::Organization,
        Stance::Report,
        "About 120,000 civilians remain in the rebel-held east of Aleppo.",
    ));
    observatory.cue = Some("according to".into());
    observatory.said = point("2016-12-11");
    observatory.about = vec!["Aleppo".into(), "civilians".into()];
    observatory.quantities = vec![Quantity {
        value: 120_000.0,
        unit: Some("civilians".into()),
        text: Some("120.000".into()),
        approximate: true,
    }];

    let mut narrative = first(claim_view(
        1,
        2,
        "Pháp luật TPHCM",
        ActorKind::Media,
        Stance::Report,
        "Jabhat Fateh al-Sham split from al-Qaeda in July.",
    ));
    narrative.kind = ClaimKind::Narrative;
    narrative.when = Some(TimeSpan {
        start: point("2016-07"),
        end: None,
    });
    narrative.about = vec!["Jabhat Fateh al-Sham".into()];

    let mut diplomat = first(claim_view(
        1,
        3,
        "a Western diplomat",
        ActorKind::Unknown,
        Stance::Assert,
        "The rebels will not trust Russia and the Syrian government to leave them a safe exit.",
    ));
    diplomat.cue = Some("told".into());
    diplomat.said = point("XXXX-12-11");
    diplomat.via = vec!["Reuters".into()];
    diplomat.links = vec![ClaimLink {
        kind: LinkKind::RespondsTo,
        target: "art-000000#9".into(),
        target_id: None,
    }];

    vec![rebels, russia, ryabkov, observatory, narrative, diplomat]
}
