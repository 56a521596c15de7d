//! Every claim's `cue_span`, `speaker_span` and `content_span` are character offsets into
//! the article text as given: the text they cover is the cue, the speaker as written and
//! the content, in English and Vietnamese, word-segmented and plain.

use claimgraph_extract::{extract, ExtractOptions};
use claimgraph_model::record::{ArticleRecord, ClaimRecord};

fn record(text: &str, lang: &str) -> ArticleRecord {
    let opts = ExtractOptions {
        lang: Some(lang.into()),
        published: Some("2024-03-06".into()),
        ..ExtractOptions::default()
    };
    extract(text, &opts).expect("extracts")
}

/// The characters `[start, end)` of `text`.
fn chars(text: &str, [start, end]: [u32; 2]) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// Checks the spans of every claim against its fields; returns how many reported claims
/// had all three spans.
fn check_spans(text: &str, r: &ArticleRecord) -> usize {
    let mut full = 0;
    for c in &r.claims {
        check_claim(text, c);
        if c.cue_span.is_some() && c.speaker_span.is_some() && !c.content_span.is_empty() {
            full += 1;
        }
    }
    full
}

fn check_claim(text: &str, c: &ClaimRecord) {
    if let (Some(span), Some(cue)) = (c.cue_span, &c.cue) {
        // The cue is the display form of the text under its span ("cho_biết" reads "cho biết").
        assert_eq!(&chars(text, span).replace('_', " "), cue, "cue of {c:#?}");
    }
    if let (Some(span), Some(who)) = (c.speaker_span, &c.speaker_text) {
        assert_eq!(&chars(text, span), who, "speaker of {c:#?}");
    }
    if c.kind.as_deref() != Some("narrative") {
        let parts: Vec<String> = c.content_span.iter().map(|&s| chars(text, s)).collect();
        // The text is the display form of the spans: the same characters, with underscores
        // and the spaces before punctuation gone.
        let squeezed = |s: &str| -> String {
            s.chars()
                .filter(|c| !c.is_whitespace() && *c != '_')
                .collect()
        };
        assert_eq!(
            squeezed(&parts.join(" ")),
            squeezed(&c.text),
            "content of {c:#?}"
        );
    }
    for &[start, end] in &c.content_span {
        assert!(
            start < end && end as usize <= text.chars().count(),
            "{c:#?}"
        );
    }
}

#[test]
fn english_spans_cover_cue_speaker_and_content() {
    let text = "“Prices will fall,” said Ana Müller, the bank’s chief economist. \
                “Wages will not.”\n\nThe ministry denied that the deal had collapsed. \
                Rebels told Reuters they had left the town, officials said.";
    let r = record(text, "en");
    assert!(check_spans(text, &r) >= 3, "{:#?}", r.claims);
    let muller = r
        .claims
        .iter()
        .find(|c| c.speaker_text.as_deref() == Some("Ana Müller"))
        .unwrap_or_else(|| panic!("{:#?}", r.claims));
    // The quotation that goes on in the next sentence is a second content span.
    assert_eq!(muller.content_span.len(), 2, "{muller:#?}");
}

#[test]
fn vietnamese_spans_index_the_text_as_given_in_both_forms() {
    let segmented = "Ông Nguyễn_Văn_Ánh , giám_đốc sở , cho_biết giá điện sẽ tăng 5 % . \
                     Theo báo Tuổi_Trẻ , người_dân đã phản_đối mạnh_mẽ .";
    for text in [segmented.to_string(), segmented.replace('_', " ")] {
        let r = record(&text, "vi");
        assert!(check_spans(&text, &r) >= 1, "{text}: {:#?}", r.claims);
        let anh = r
            .claims
            .iter()
            .find(|c| c.speaker.contains("Ánh"))
            .unwrap_or_else(|| panic!("{:#?}", r.claims));
        let cue = chars(&text, anh.cue_span.expect("a cue span"));
        assert_eq!(cue.replace('_', " "), "cho biết");
    }
}

#[test]
fn narrative_claims_have_a_content_span_and_no_cue_span() {
    let text = "The storm killed nine people on Tuesday.";
    let r = record(text, "en");
    let c = r.claims.first().unwrap_or_else(|| panic!("{r:#?}"));
    assert_eq!(c.kind.as_deref(), Some("narrative"));
    assert_eq!(c.cue_span, None);
    assert_eq!(chars(text, c.content_span[0]), text);
}
