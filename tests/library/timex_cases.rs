//! The temporal tagger on the expressions it must cover, English and Vietnamese, with and
//! without a publication date.

use claimgraph_extract::timex::{find_times, TimexType};
use claimgraph_model::TimePoint;

fn tag(text: &str, lang: &str, published: Option<&str>) -> Vec<(String, String, TimexType)> {
    let reference = published.map(|p| TimePoint::parse(p).unwrap_or_else(|e| panic!("{e}")));
    find_times(text, lang, reference.as_ref())
        .into_iter()
        .map(|m| (m.text, m.value, m.timex_type))
        .collect()
}

/// The single expression found in `text`, as (text, value).
fn one(text: &str, lang: &str, published: Option<&str>) -> (String, String) {
    let found = tag(text, lang, published);
    assert_eq!(
        found.len(),
        1,
        "expected one expression in {text:?}, got {found:?}"
    );
    (found[0].0.clone(), found[0].1.clone())
}

fn value(text: &str, lang: &str, published: Option<&str>) -> String {
    one(text, lang, published).1
}

const DEC12: Option<&str> = Some("2016-12-12");

#[test]
fn vi_day_month_without_year() {
    assert_eq!(
        one("Trong ngày 11-12 , Thứ_trưởng nói", "vi", None),
        ("ngày 11-12".into(), "XXXX-12-11".into())
    );
    assert_eq!(
        value("Trong ngày 11-12 , ông nói", "vi", DEC12),
        "2016-12-11"
    );
    assert_eq!(
        value("tính đến_ngày 11-12 , quân_chính_phủ", "vi", DEC12),
        "2016-12-11"
    );
    assert_eq!(
        value("tính đến ngày 11/12 , quân", "vi", DEC12),
        "2016-12-11"
    );
}

#[test]
fn vi_reference_with_offset_uses_its_local_day() {
    let published = Some("2016-12-12T01:00:00+07:00");
    assert_eq!(value("hôm_nay", "vi", published), "2016-12-12");
    assert_eq!(value("Hôm 12/12 , ông nói", "vi", published), "2016-12-12");
}

#[test]
fn vi_month_resolves_to_the_last_one() {
    let (text, v) = one("trước_khi tách ra hồi tháng 7 – sẽ phải", "vi", DEC12);
    assert!(text.ends_with("tháng 7"), "{text}");
    assert_eq!(v, "2016-07");
    assert_eq!(value("hồi tháng 7", "vi", Some("2017-03-02")), "2016-07");
    assert_eq!(value("hồi tháng 7", "vi", None), "XXXX-07");
    assert_eq!(
        value("Hội_nghị sẽ họp vào tháng 12 tới", "vi", Some("2016-03-01")),
        "2016-12"
    );
}

#[test]
fn vi_durations() {
    let found = tag("sẽ được thực_hiện trong 48 tiếng , cùng với", "vi", DEC12);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].1, "PT48H");
    assert_eq!(found[0].2, TimexType::Duration);
    assert_eq!(value("kéo_dài hai năm", "vi", None), "P2Y");
    assert_eq!(value("sau 3 ngày", "vi", None), "P3D");
}

#[test]
fn vi_relative_days_and_units() {
    assert_eq!(value("Hôm_qua , ông nói", "vi", DEC12), "2016-12-11");
    assert_eq!(value("hôm qua", "vi", None), "XXXX-XX-XX");
    assert_eq!(value("Sáng nay , ông nói", "vi", DEC12), "2016-12-12TMO");
    assert_eq!(value("ông đến Hà_Nội tuần trước", "vi", DEC12), "2016-W49");
    assert_eq!(value("năm_ngoái", "vi", DEC12), "2015");
    assert_eq!(value("năm nay", "vi", DEC12), "2016");
    assert_eq!(value("hai năm trước", "vi", DEC12), "2014");
}

#[test]
fn vi_dates_with_day_parts_and_years() {
    let (text, v) = one("sáng 30/3 , ông nói", "vi", None);
    assert_eq!(text, "sáng 30/3");
    assert_eq!(v, "XXXX-03-30TMO");
    assert_eq!(
        value("sáng 30/3", "vi", Some("2017-04-02")),
        "2017-03-30TMO"
    );
    assert_eq!(value("trong năm 2016 .", "vi", None), "2016");
    assert_eq!(value("ngày 11/12/2016", "vi", None), "2016-12-11");
    assert_eq!(value("ngày 3 tháng 7 năm 2015", "vi", None), "2015-07-03");
    assert_eq!(value("tháng 8/2012", "vi", None), "2012-08");
    assert_eq!(value("vào thứ Hai ( 12/12 )", "vi", DEC12), "2016-12-12");
    assert_eq!(value("Chủ_nhật , ông nói", "vi", DEC12), "2016-12-11");
}

#[test]
fn vi_quarters_and_modifiers() {
    assert_eq!(value("quý 3/2016", "vi", None), "2016-Q3");
    assert_eq!(value("quý I năm 2015", "vi", None), "2015-Q1");
    assert_eq!(
        one("đầu tháng 7 , ông đã", "vi", DEC12),
        ("đầu tháng 7".into(), "2016-07".into())
    );
    assert_eq!(value("cuối năm nay", "vi", DEC12), "2016");
}

#[test]
fn vi_ordinals_are_not_weekdays() {
    assert!(tag("lần thứ hai ông nói", "vi", DEC12).is_empty());
    assert!(tag("người thứ Hai", "vi", DEC12).is_empty());
}

const DCT: Option<&str> = Some("2013-03-22"); // a Friday

#[test]
fn en_weekdays_follow_tense() {
    assert_eq!(value("He said on Tuesday that", "en", DCT), "2013-03-19");
    assert_eq!(value("She will visit on Tuesday.", "en", DCT), "2013-03-26");
    assert_eq!(
        value("The FAA announced on Friday", "en", DCT),
        "2013-03-22"
    );
    assert_eq!(value("on Tuesday", "en", None), "XXXX-WXX-2");
    assert_eq!(
        value("He left Thursday morning.", "en", DCT),
        "2013-03-21TMO"
    );
}

#[test]
fn en_calendar_dates() {
    assert_eq!(
        value("He left on Dec. 11.", "en", Some("2016-12-12")),
        "2016-12-11"
    );
    assert_eq!(value("He left on Dec. 11.", "en", None), "XXXX-12-11");
    assert_eq!(value("on December 11, 2016, he", "en", None), "2016-12-11");
    assert_eq!(value("It happened in 1997.", "en", None), "1997");
    assert_eq!(value("in the 1990s", "en", None), "199");
    assert_eq!(value("It happened in July.", "en", DCT), "2012-07");
    assert_eq!(value("It will open in July.", "en", DCT), "2013-07");
    // "may" the verb is no month.
    assert!(tag("He may go in march.", "en", DCT).is_empty());
}

#[test]
fn en_relative_expressions() {
    assert_eq!(value("He said last week that", "en", DCT), "2013-W11");
    assert_eq!(value("yesterday", "en", DCT), "2013-03-21");
    assert_eq!(value("today", "en", DCT), "2013-03-22");
    assert_eq!(value("yesterday", "en", None), "XXXX-XX-XX");
    assert_eq!(value("two years ago", "en", DCT), "2011");
    assert_eq!(value("next month", "en", DCT), "2013-04");
    assert_eq!(value("this year", "en", DCT), "2013");
    assert_eq!(value("last year", "en", None), "XXXX");
    assert_eq!(value("last summer", "en", DCT), "2012-SU");
    assert_eq!(value("in April last year", "en", DCT), "2012-04");
    assert_eq!(
        value("GENEVA, April 1 , 1997 (AFP)", "en", DCT),
        "1997-04-01"
    );
    assert_eq!(value("It is now clear", "en", DCT), "PRESENT_REF");
}

#[test]
fn en_quarters_weekends_and_clock_times() {
    assert_eq!(value("the first quarter of 2012", "en", DCT), "2012-Q1");
    assert_eq!(
        value("profits fell in the fourth quarter", "en", DCT),
        "2012-Q4"
    );
    assert_eq!(value("last quarter", "en", DCT), "2012-Q4");
    assert_eq!(value("last weekend", "en", DCT), "2013-W11-WE");
    assert_eq!(
        value("postponed until 15:00 GMT Saturday", "en", DCT),
        "2013-03-23T15:00"
    );
    assert_eq!(value("at 8 p.m.", "en", DCT), "2013-03-22T20:00");
    // Names, not months.
    assert!(tag("Jan Egeland and April Ryan spoke", "en", DCT).is_empty());
    assert!(tag("he won a second term", "en", DCT).is_empty());
}

#[test]
fn en_durations() {
    assert_eq!(value("for three years", "en", DCT), "P3Y");
    assert_eq!(value("within 48 hours", "en", DCT), "PT48H");
    assert_eq!(value("for a decade", "en", DCT), "P10Y");
    assert_eq!(value("for several days", "en", DCT), "PXD");
    let found = tag("a four-week shutdown", "en", DCT);
    assert_eq!(found[0].1, "P4W");
    assert_eq!(found[0].2, TimexType::Duration);
    // Ages are not durations.
    assert!(tag("a 22-year-old man", "en", DCT).is_empty());
    assert!(tag("children ages 6 months and older", "en", DCT).is_empty());
    // A clock with seconds that is no time of day is an elapsed time.
    assert_eq!(
        value("She won the race in 2:41:05.", "en", DCT),
        "PT2H41M5S"
    );
    assert!(tag("The blast came at 2:41:05 p.m.", "en", DCT)
        .iter()
        .all(|(_, value, _)| !value.starts_with('P')));
    // A length glued to a prefix is part of a compound word, not a duration.
    assert!(tag("He ran a sub-five-minute mile.", "en", DCT).is_empty());
}

#[test]
fn en_sets() {
    assert_eq!(value("each Thursday", "en", DCT), "XXXX-WXX-4");
    assert_eq!(value("every morning", "en", DCT), "XXXX-XX-XXTMO");
    // A plural weekday recurs; so does the weekday coordinated with it.
    assert_eq!(value("The shop opens on Sundays", "en", DCT), "XXXX-WXX-7");
    let found = tag("The show airs Friday and Saturday nights.", "en", DCT);
    let values: Vec<&str> = found.iter().map(|(_, v, _)| v.as_str()).collect();
    assert_eq!(values, ["XXXX-WXX-5TNI", "XXXX-WXX-6TNI"]);
    assert!(found.iter().all(|(_, _, kind)| *kind == TimexType::Set));
}

#[test]
fn en_coordinated_numbers_share_the_unit() {
    let found = tag("The work will take 6 to 9 months.", "en", DCT);
    let pairs: Vec<(&str, &str)> = found
        .iter()
        .map(|(text, value, _)| (text.as_str(), value.as_str()))
        .collect();
    assert_eq!(pairs, [("6", "P6M"), ("9 months", "P9M")]);
    let found = tag("the 1998-99 season", "en", DCT);
    let values: Vec<&str> = found.iter().map(|(_, v, _)| v.as_str()).collect();
    assert_eq!(values, ["1998", "1999"]);
}

#[test]
fn matches_are_sorted_and_disjoint_with_points() {
    let text = "On Dec. 11, 2016, two days after Tuesday, he said last week was hard.";
    let reference = TimePoint::parse("2016-12-12").ok();
    let found = find_times(text, "en", reference.as_ref());
    assert!(found.len() >= 3, "{found:?}");
    for pair in found.windows(2) {
        assert!(pair[0].span.1 <= pair[1].span.0, "{pair:?}");
    }
    for m in &found {
        assert_eq!(&text[m.span.0..m.span.1], m.text);
        if let Some(point) = m.point {
            assert!(m.value.starts_with(&point.to_string()[..4]), "{m:?}");
        }
    }
    assert_eq!(
        found[0].point.map(|p| p.to_string()).as_deref(),
        Some("2016-12-11")
    );
}

#[test]
fn en_part_of_a_unit_refers_to_the_sentence_period() {
    // Without an earlier time in the sentence: the period of the publication date.
    assert_eq!(
        one(
            "The plant should reopen by the end of the year.",
            "en",
            DEC12
        ),
        ("the end of the year".into(), "2016".into())
    );
    assert_eq!(
        value(
            "Sales rose at the start of the month, she said.",
            "en",
            DEC12
        ),
        "2016-12"
    );
    // After an earlier time in the same sentence: that time's period.
    let found = tag(
        "The strike began in early March 2014 and ended by the end of year.",
        "en",
        DEC12,
    );
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        (found[1].0.as_str(), found[1].1.as_str()),
        ("the end of year", "2014")
    );
    // An earlier sentence's time does not carry over.
    let found = tag(
        "The strike began in 2014. Talks resume at the beginning of the year.",
        "en",
        DEC12,
    );
    assert_eq!(found.last().map(|f| f.1.as_str()), Some("2016"));
    // A time too coarse for the unit leaves it to the publication date.
    let found = tag(
        "In 2014 and again at the end of the week, it rained.",
        "en",
        DEC12,
    );
    assert_eq!(found.last().map(|f| f.1.as_str()), Some("2016-W50"));
}
