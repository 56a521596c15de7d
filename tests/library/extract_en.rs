//! English attribution patterns on a small article written for the test.

use claimgraph_extract::{extract, ExtractOptions};
use claimgraph_model::record::ArticleRecord;

const ARTICLE: &str = r#"Russian forces advanced in eastern Aleppo on Monday, the Syrian Observatory for Human Rights said.

Russia's Deputy Foreign Minister Sergei Ryabkov said on Sunday that no agreement had been reached. "The talks will go on," he added.

Rebels told Reuters they had received a proposal to leave the city. The Russian Foreign Ministry denied the report. The ministry said talks in Geneva were continuing.

"We will not comment on rumours," said Maria Zakharova, the ministry's spokeswoman.

According to the United Nations, about 3 million people need aid, including 120,000 civilians who fled in the past week.

The Syrian government declined to comment. A Western diplomat said the rebels would not trust the offer.
"#;

fn record() -> ArticleRecord {
    let opts = ExtractOptions {
        lang: Some("en".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    extract(ARTICLE, &opts).unwrap()
}

fn by<'a>(
    r: &'a ArticleRecord,
    speaker: &str,
    cue: &str,
) -> &'a claimgraph_model::record::ClaimRecord {
    r.claims
        .iter()
        .find(|c| c.speaker == speaker && c.cue.as_deref() == Some(cue))
        .unwrap_or_else(|| panic!("{speaker} / {cue}: {:#?}", r.claims))
}

#[test]
fn trailing_and_inverted_attributions() {
    let r = record();
    let c = by(&r, "Syrian Observatory for Human Rights", "said");
    assert_eq!(
        c.text,
        "Russian forces advanced in eastern Aleppo on Monday"
    );
    let z = by(&r, "Maria Zakharova", "said");
    assert_eq!(z.text, "We will not comment on rumours");
}

#[test]
fn titles_pronouns_and_the_ministry() {
    let r = record();
    assert_eq!(
        by(&r, "Sergei Ryabkov", "said").text,
        "no agreement had been reached"
    );
    assert_eq!(
        by(&r, "Sergei Ryabkov", "added").text,
        "The talks will go on"
    );
    let ry = r
        .actors
        .iter()
        .find(|a| a.name == "Sergei Ryabkov")
        .unwrap();
    assert_eq!(ry.member_of, ["Russia"]);
    assert_eq!(ry.role.as_deref(), Some("deputy foreign minister"));
    let ministry = by(&r, "Russian Foreign Ministry", "said");
    assert_eq!(ministry.speaker_text.as_deref(), Some("The ministry"));
    let kind = r
        .actors
        .iter()
        .find(|a| a.name == "Russian Foreign Ministry")
        .unwrap()
        .kind
        .clone();
    assert_eq!(kind.as_deref(), Some("organization"));
}

#[test]
fn relays_denials_refusals_and_figures() {
    let r = record();
    let told = by(&r, "rebels", "told");
    assert_eq!(told.via, ["Reuters"]);
    assert!(told.text.starts_with("they had received a proposal"));
    let deny = by(&r, "Russian Foreign Ministry", "denied");
    assert_eq!(deny.stance, "deny");
    assert_eq!(deny.denies, std::slice::from_ref(&told.id));
    assert_eq!(
        by(&r, "Syrian government", "declined to comment").stance,
        "refuse_comment"
    );
    let un = by(&r, "United Nations", "According to");
    assert!(un
        .quantities
        .iter()
        .any(|q| q.value == 3_000_000.0 && q.approximate));
    assert!(un
        .quantities
        .iter()
        .any(|q| q.value == 120_000.0 && !q.approximate));
    let diplomat = by(&r, "A Western diplomat", "said");
    let kind = r
        .actors
        .iter()
        .find(|a| a.name == diplomat.speaker)
        .unwrap()
        .kind
        .clone();
    assert_eq!(kind.as_deref(), Some("unknown"));
}

/// The learned tagger proposes cues the lexicon does not list; the rules read them.
#[test]
fn the_tagger_adds_cues_the_lexicon_lacks() {
    let text = "Senator Ana Lima quipped that the budget was a mess.\n\n\
                Ben Cruz, the mayor of the town, groused that taxes were too high.";
    let extract_with = |tagger: bool| {
        let opts = ExtractOptions {
            lang: Some("en".into()),
            narrative: false,
            tagger,
            ..ExtractOptions::default()
        };
        extract(text, &opts).unwrap()
    };
    let rules_only = extract_with(false);
    assert!(rules_only.claims.is_empty(), "{:#?}", rules_only.claims);
    let r = extract_with(true);
    assert_eq!(by(&r, "Ana Lima", "quipped").text, "the budget was a mess");
    assert_eq!(by(&r, "Ben Cruz", "groused").text, "taxes were too high");
}

/// The claims of a text written for one phenomenon, rules and tagger together.
fn claims_of(text: &str) -> Vec<(String, String)> {
    let opts = ExtractOptions {
        lang: Some("en".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    extract(text, &opts)
        .expect("extracts")
        .claims
        .into_iter()
        .map(|c| (c.speaker, c.cue.unwrap_or_default()))
        .collect()
}

#[test]
fn a_name_set_off_after_a_description_is_the_speaker() {
    for text in [
        "Her lawyer, Tomas Berglund, said the accusations were false.",
        "Her lawyer, Tomas Berglund, said that the accusations were false.",
        "The bank's chief economist, Amira Haddad, told reporters that rates would fall.",
    ] {
        let claims = claims_of(text);
        assert_eq!(claims.len(), 1, "{text}: {claims:?}");
        assert!(
            claims[0].0 == "Tomas Berglund" || claims[0].0 == "Amira Haddad",
            "{text}: {claims:?}"
        );
    }
}

#[test]
fn verbs_with_a_sense_that_is_no_speech_need_a_clause() {
    for text in [
        "The guards maintained order at the gate.",
        "Divers found the wreck near the harbour.",
        "The two unions agreed to meet again in May.",
        "The retailer expects sales to grow.",
    ] {
        assert!(claims_of(text).is_empty(), "{text}: {:?}", claims_of(text));
    }
    // The same verbs introducing a clause still report one.
    for text in [
        "The inspectors found that the bridge was unsafe.",
        "The retailer expects that sales will grow.",
        "The union agreed that the offer was fair.",
    ] {
        assert_eq!(claims_of(text).len(), 1, "{text}: {:?}", claims_of(text));
    }
}

#[test]
fn a_cue_word_after_a_preposition_or_determiner_is_a_noun() {
    for text in [
        "The farmer was jailed on charges of smuggling cattle.",
        "The proposed fees were dropped after a week.",
    ] {
        assert!(claims_of(text).is_empty(), "{text}: {:?}", claims_of(text));
    }
}

#[test]
fn a_cue_word_before_a_noun_follower_is_a_modifier_even_when_tagged() {
    for text in [
        "The value added by the new port was small.",
        "The fares proposed by the ferry line rose in spring.",
    ] {
        assert!(claims_of(text).is_empty(), "{text}: {:?}", claims_of(text));
    }
}

#[test]
fn a_tagged_cue_after_a_reported_clause_goes_on_with_its_speaker() {
    for text in [
        "“The harbour must stay open,” Dana Whitfield said, referring to the strike.",
        "Dana Whitfield said the harbour must stay open, referring to the strike.",
    ] {
        let claims = claims_of(text);
        assert!(
            claims
                .iter()
                .any(|(speaker, cue)| speaker == "Dana Whitfield" && cue == "said"),
            "{text}: {claims:?}"
        );
        // The object of the participle is never its speaker.
        assert!(
            claims
                .iter()
                .all(|(speaker, _)| speaker == "Dana Whitfield"),
            "{text}: {claims:?}"
        );
    }
}

#[test]
fn a_relay_in_a_relative_clause_relays_through_its_antecedent() {
    let opts = ExtractOptions {
        lang: Some("en".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    let r = extract(
        "The story first ran in the Harbor Gazette, which quoted Mayor Ilse Brandt as saying the pier had collapsed.",
        &opts,
    )
    .expect("extracts");
    let c = by(&r, "Ilse Brandt", "quoted");
    assert_eq!(c.text, "the pier had collapsed");
    assert_eq!(c.via.len(), 1, "{c:#?}");
    assert!(c.via[0].contains("Harbor Gazette"), "{c:#?}");
}

#[test]
fn a_headline_label_before_a_colon_is_no_speaker() {
    for text in [
        "The Latest: the storm closes the harbor for a week.",
        "Correction: the ferry sails on Tuesdays, not on Mondays.",
        "Partial transcript: the hearing opened at noon.",
    ] {
        assert!(claims_of(text).is_empty(), "{text}: {:?}", claims_of(text));
    }
}

#[test]
fn it_before_a_speech_verb_is_the_organization_before() {
    let opts = ExtractOptions {
        lang: Some("en".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    let r = extract(
        "The Harbor Authority said the pier was closed. It said repairs would take a month.",
        &opts,
    )
    .expect("extracts");
    let speakers: Vec<&str> = r.claims.iter().map(|c| c.speaker.as_str()).collect();
    assert_eq!(
        speakers,
        ["Harbor Authority", "Harbor Authority"],
        "{:#?}",
        r.claims
    );
    // An expletive "it" opens no claim.
    for text in [
        "It is said that the pier was unsafe.",
        "It seems the ferry will not sail.",
        "It was reported that the ferry had sunk.",
    ] {
        assert!(claims_of(text).is_empty(), "{text}: {:?}", claims_of(text));
    }
}

#[test]
fn lemma_cues_come_in_every_inflection_and_british_spelling() {
    for (text, cue) in [
        (
            "The airline apologised that the flights were late.",
            "apologised",
        ),
        (
            "The airline apologized that the flights were late.",
            "apologized",
        ),
        (
            "The committee recommends that the school close early.",
            "recommends",
        ),
        ("Neighbours voiced fears that the dam would fail.", "voiced"),
    ] {
        let claims = claims_of(text);
        assert!(claims.iter().any(|(_, c)| c == cue), "{text}: {claims:?}");
    }
}

#[test]
fn a_second_cue_coordinated_with_the_first_keeps_its_speaker() {
    let opts = ExtractOptions {
        lang: Some("en".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    let r = extract(
        "Mayor Ines Varga said the ferry was safe and promised that fares would not rise.",
        &opts,
    )
    .expect("extracts");
    let said = by(&r, "Ines Varga", "said");
    assert_eq!(said.text, "the ferry was safe");
    let promised = by(&r, "Ines Varga", "promised");
    assert_eq!(promised.text, "fares would not rise");
}

#[test]
fn a_passive_cue_with_an_agent_names_the_agent_or_relays_through_it() {
    let opts = ExtractOptions {
        lang: Some("en".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    let r = extract("The warning was echoed by Senator Lena Okafor.", &opts).expect("extracts");
    assert_eq!(by(&r, "Lena Okafor", "echoed").text, "The warning");
    let r = extract(
        "Minister Pavel Orlov was quoted by the Serbian news website Blic as saying the deal was dead.",
        &opts,
    )
    .expect("extracts");
    let c = by(&r, "Pavel Orlov", "quoted");
    assert_eq!(c.text, "the deal was dead");
    assert_eq!(c.via.len(), 1, "{c:#?}");
    // No agent, no speaker.
    let r = extract("It was reported that the plant would close.", &opts).expect("extracts");
    assert!(r.claims.is_empty(), "{:#?}", r.claims);
}

fn en_record(text: &str) -> ArticleRecord {
    let opts = ExtractOptions {
        lang: Some("en".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    extract(text, &opts).expect("extracts")
}

#[test]
fn a_quoted_question_before_its_speaker_stays_with_the_speaker() {
    let r = en_record("“Who will pay for the bridge?” Senator Ada Brenn asked.");
    assert_eq!(
        by(&r, "Ada Brenn", "asked").text,
        "Who will pay for the bridge?"
    );
    let r = en_record("“Stop the cuts now!” Dr. Omar Feld shouted at the rally.");
    assert_eq!(by(&r, "Omar Feld", "shouted").text, "Stop the cuts now!");
    // A question followed by a sentence of its own stays apart.
    let r = en_record("“Is the bridge safe?” Engineers checked it twice on Friday.");
    assert!(r.claims.is_empty(), "{:#?}", r.claims);
}

#[test]
fn a_cue_closing_its_paragraph_with_a_colon_reports_the_next_one() {
    let r = en_record(
        "The mayor spoke at noon.\n\nShe said:\n\n“The bridge will open in May. Tolls will stay low.”\n\nThe crowd cheered.",
    );
    let c = by(&r, "She", "said");
    assert_eq!(c.text, "The bridge will open in May. Tolls will stay low");
    let r = en_record("The Harbor Gazette reports:\n\nFerry fares rose by a third this year.");
    assert_eq!(
        by(&r, "Harbor Gazette", "reports").text,
        "Ferry fares rose by a third this year"
    );
}

#[test]
fn lemmas_of_praise_blame_and_discussion_are_cues() {
    for (text, cue) in [
        ("Senator Ruth Calder decried the cuts as cruel.", "decried"),
        ("The union slammed the plan as a betrayal.", "slammed"),
        ("The mayor defended the budget on Tuesday.", "defended"),
        ("The governor touted the new rail line.", "touted"),
        (
            "Minister Joel Ash talked about the dam at length.",
            "talked about",
        ),
    ] {
        let claims = claims_of(text);
        assert!(claims.iter().any(|(_, c)| c == cue), "{text}: {claims:?}");
    }
}

#[test]
fn a_quotation_resumed_after_its_speaker_is_one_content() {
    let r = en_record(
        "\"We will build the bridge,\" Mayor Ines Varga said on Monday, \"and we will pay for it ourselves.\" \"Tolls will stay low.\"\n\nThe council meets in May.",
    );
    let c = by(&r, "Ines Varga", "said");
    assert_eq!(
        c.text,
        "We will build the bridge and we will pay for it ourselves Tolls will stay low"
    );
    assert_eq!(c.content_span.len(), 3, "{c:#?}");
}

#[test]
fn an_abbreviated_title_stays_in_the_subject_a_participle_goes_on_with() {
    let r = en_record("Mrs. Dana Kerr has embraced the plan, promising to cut fares by half.");
    let c = by(&r, "Dana Kerr", "promising");
    assert_eq!(c.speaker_text.as_deref(), Some("Mrs. Dana Kerr"));
    assert_eq!(c.text, "to cut fares by half");
}

#[test]
fn lemmas_measured_as_cues_on_train_are_cues_in_every_form() {
    for (text, cue) in [
        ("Governor Lena Voss praised the rescue crews.", "praised"),
        (
            "The captain recounted that the storm hit at dawn.",
            "recounted",
        ),
        ("Senator Omar Fitch blasts the tariff plan.", "blasts"),
        (
            "The ministry confirms that two ships were lost.",
            "confirms",
        ),
        (
            "Judge Mira Osei ordered that the files be released.",
            "ordered",
        ),
    ] {
        let claims = claims_of(text);
        assert!(claims.iter().any(|(_, c)| c == cue), "{text}: {claims:?}");
    }
}

#[test]
fn participles_of_measured_cues_go_on_with_the_speaker() {
    for (text, name, cue) in [
        (
            "Chief Rosa Imber closed the bridge on Friday, citing cracks in the pillars.",
            "Rosa Imber",
            "citing",
        ),
        (
            "Nadia Petrov said the vote would go ahead, urging members to turn up early.",
            "Nadia Petrov",
            "urging",
        ),
        (
            "Coach Dan Riel spoke after the match, conceding that his team had been outplayed.",
            "Dan Riel",
            "conceding",
        ),
        (
            "Coach Dan Riel thanked the fans, recalling that they had waited in the rain.",
            "Dan Riel",
            "recalling",
        ),
    ] {
        let claims = claims_of(text);
        assert!(
            claims.iter().any(|(s, c)| c == cue && s.contains(name)),
            "{text}: {claims:?}"
        );
    }
}

#[test]
fn a_participle_after_a_closing_quotation_is_the_speakers_second_claim() {
    let r = en_record(
        "Minister Karin Holt said the plan was “the best we have,” adding that the details would follow in June.",
    );
    let said = by(&r, "Karin Holt", "said");
    assert!(!said.text.contains("details"), "first claim: {}", said.text);
    assert_eq!(
        by(&r, "Karin Holt", "adding").text,
        "the details would follow in June"
    );
}

#[test]
fn a_closing_according_to_owns_its_sentence_and_the_speech_inside() {
    let r = en_record(
        "Farmers who believe that the levy is unfair voted against it, according to a survey by the co-operative.",
    );
    assert_eq!(r.claims.len(), 1, "{:#?}", r.claims);
    assert_eq!(r.claims[0].cue.as_deref(), Some("according to"));
    assert!(
        r.claims[0].text.starts_with("Farmers who believe"),
        "{}",
        r.claims[0].text
    );
    // A prefix that opens the sentence is unchanged.
    let r = en_record("According to the survey, farmers said the levy was unfair.");
    assert!(
        r.claims.iter().any(|c| c.cue.as_deref() == Some("said")),
        "{:#?}",
        r.claims
    );
}

#[test]
fn an_opening_question_is_no_speech_of_its_own() {
    let r = en_record(
        "Asked whether she believed the dam would hold, Governor Lena Marsh said the engineers were confident.",
    );
    let said = by(&r, "Lena Marsh", "said");
    assert_eq!(said.text, "the engineers were confident");
    assert!(
        r.claims
            .iter()
            .all(|c| c.cue.as_deref() != Some("believed")),
        "{:#?}",
        r.claims
    );
    // A question verb inside the sentence keeps its reading.
    let r = en_record("The mayor asked whether the dam would hold.");
    assert!(
        r.claims.iter().any(|c| c.cue.as_deref() == Some("asked")),
        "{:#?}",
        r.claims
    );
}

/// The claims of `text` with the cue `cue`, as (speaker as written, content).
fn written(r: &ArticleRecord, cue: &str) -> Vec<(String, String)> {
    r.claims
        .iter()
        .filter(|c| c.cue.as_deref() == Some(cue))
        .map(|c| (c.speaker_text.clone().unwrap_or_default(), c.text.clone()))
        .collect()
}

#[test]
fn a_second_clause_with_its_own_subject_is_a_new_attribution() {
    let r = en_record(
        "Beck said he would not expect the vote to change, but he said the mayor could win the northern wards.",
    );
    assert_eq!(
        written(&r, "said"),
        vec![
            (
                "Beck".into(),
                "he would not expect the vote to change".into()
            ),
            ("he".into(), "the mayor could win the northern wards".into()),
        ]
    );
    // Shares of a survey speak too, their figures included.
    let r = en_record(
        "About 40 percent of the parents said the school was safe, while 35 percent said they had no opinion on it.",
    );
    let said = written(&r, "said");
    assert_eq!(said.len(), 2, "{said:#?}");
    assert_eq!(said[0].1, "the school was safe");
    assert_eq!(
        said[1],
        ("35 percent".into(), "they had no opinion on it".into())
    );
    let r = en_record(
        "Six in 10 riders said the trains were late, and more than 4 in 10 said the fares were too high.",
    );
    let said = written(&r, "said");
    assert_eq!(said.len(), 2, "{said:#?}");
    assert_eq!(said[0].1, "the trains were late");
    assert_eq!(
        said[1],
        ("4 in 10".into(), "the fares were too high".into())
    );
    // A second verb of the same subject ("but would add") opens no new attribution.
    let r = en_record(
        "The agency said the levy would cut revenue at first, but would eventually add money to the fund.",
    );
    assert_eq!(written(&r, "said").len(), 1, "{:#?}", r.claims);
    assert!(r.claims.iter().all(|c| c.cue.as_deref() != Some("add")));
}

#[test]
fn a_described_subject_speaks_rather_than_the_pronoun_after_the_cue() {
    let r = en_record(
        "Inspectors at the Harbor Office, a branch of the port authority, said they were worried that the cranes may fail in winter.",
    );
    assert_eq!(
        written(&r, "said"),
        vec![(
            "Inspectors at the Harbor Office".into(),
            "they were worried that the cranes may fail in winter".into()
        )]
    );
    let r = en_record(
        "The Water Board, which runs the reservoirs, said it was adding new pumps to the eastern station.",
    );
    assert_eq!(
        written(&r, "said"),
        vec![(
            "The Water Board".into(),
            "it was adding new pumps to the eastern station".into()
        )]
    );
    // A name, then two descriptions: the name speaks, not the description after its comma.
    let r = en_record(
        "Michael Reyes, president of the Dock Workers Union, which represents crane drivers, said he hopes the strike ends soon.",
    );
    assert_eq!(
        written(&r, "said"),
        vec![(
            "Michael Reyes".into(),
            "he hopes the strike ends soon".into()
        )]
    );
}

#[test]
fn a_time_or_place_after_a_closing_cue_leaves_the_content_before_it() {
    let r = en_record(
        "The new pumps will keep the eastern wards dry this winter, the water engineers said Tuesday afternoon, as they toured the station.",
    );
    assert_eq!(
        written(&r, "said"),
        vec![(
            "the water engineers".into(),
            "The new pumps will keep the eastern wards dry this winter".into()
        )]
    );
    let r = en_record(
        "Rising rivers could flood a dozen farming towns, the governor said in her interview.",
    );
    assert_eq!(
        written(&r, "said")[0].1,
        "Rising rivers could flood a dozen farming towns"
    );
    // An attribution set inside its clause keeps the clause after it.
    let r = en_record(
        "The problem now, she said on Friday, is that the pumps are too old for the station.",
    );
    assert_ne!(written(&r, "said")[0].1, "The problem now");
}

#[test]
fn a_share_who_speaks_inside_another_content_is_an_attribution() {
    let r = en_record(
        "Sixty percent of the tenants say the rent is too high, compared with 30 percent who say it is fair.",
    );
    let say = written(&r, "say");
    assert_eq!(say.len(), 2, "{say:#?}");
    assert!(say[0].1.starts_with("the rent is too high"), "{say:#?}");
    // The earlier content keeps the nested clause; the share speaks through "who".
    assert_eq!(say[1], ("who".into(), "it is fair".into()));
    // The share alone names the speaker, not the words before it.
    let speakers: Vec<&str> = r
        .claims
        .iter()
        .filter(|c| c.cue.as_deref() == Some("say"))
        .map(|c| c.speaker.as_str())
        .collect();
    assert_eq!(speakers.get(1), Some(&"30 percent"), "{speakers:?}");
    // Other antecedents of a relative inside a content are left alone.
    let r = en_record(
        "The mayor said the hall was full of people, and anybody who complains about the noise should stay home.",
    );
    assert!(
        r.claims
            .iter()
            .all(|c| c.cue.as_deref() != Some("complains")),
        "{:#?}",
        r.claims
    );
}
