//! Expected claims of Vietnamese and English articles of the shared corpus, written by
//! reading the articles. Skipped when `../shared` is absent.

use claimgraph_extract::{extract, ExtractOptions};
use claimgraph_model::record::{ArticleRecord, ClaimRecord};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus");

fn article(path: &str, lang: &str) -> Option<ArticleRecord> {
    let full = format!("{CORPUS}/{path}");
    let Ok(text) = std::fs::read_to_string(&full) else {
        crate::common::skip(&format!("{full} is absent"));
        return None;
    };
    let opts = ExtractOptions {
        lang: Some(lang.into()),
        ..ExtractOptions::default()
    };
    Some(extract(&text, &opts).expect("extracts"))
}

/// The claim by `speaker` with `cue` (underscores and case ignored) whose text contains `words`.
fn claim<'a>(r: &'a ArticleRecord, speaker: &str, cue: &str, words: &str) -> &'a ClaimRecord {
    let norm = |s: &str| s.replace('_', " ").to_lowercase();
    r.claims
        .iter()
        .find(|c| {
            c.speaker == speaker
                && c.cue.as_deref().map(norm) == Some(norm(cue))
                && c.text.contains(words)
        })
        .unwrap_or_else(|| {
            let got: Vec<String> = r
                .claims
                .iter()
                .map(|c| format!("{} | {:?} | {}", c.speaker, c.cue, c.text))
                .collect();
            panic!("no claim by {speaker} / {cue} / {words:?}; got {got:#?}")
        })
}

#[test]
fn vi_001_bus_incident() {
    let Some(r) = article("vi/001.txt", "vi") else {
        return;
    };
    let leader = "một lãnh đạo Đội Điều tra tổng hợp Công an quận Đống Đa";
    let said = claim(&r, leader, "cho biết", "đơn vị đã đề xuất cho gia đình");
    assert_eq!(said.via, ["Người Lao Động"]);
    // "Theo vị này" and "vị lãnh đạo ... nói" are the same unnamed leader.
    claim(&r, leader, "Theo", "không có hành vi dâm ô");
    claim(
        &r,
        leader,
        "nói",
        "Bản thân người này cũng đã nhận thức được bệnh",
    );
    claim(&r, "ANTĐ", "Theo", "xe buýt số 01");
}

#[test]
fn vi_002_toll_station() {
    let Some(r) = article("vi/002.txt", "vi") else {
        return;
    };
    claim(&r, "VEC", "tuyên bố", "cấm vĩnh viễn phục vụ 2 phương tiện");
    claim(&r, "Trương Thanh Đức", "khẳng định", "trái với Hiến pháp");
    // "Ông Đức" is the lawyer, not Germany.
    claim(
        &r,
        "Trương Thanh Đức",
        "cho hay",
        "luật Giao thông đường bộ",
    );
    claim(
        &r,
        "Trương Thanh Đức",
        "nhấn mạnh",
        "Quyết định của VEC là hoàn toàn vô lý",
    );
    assert!(r.claims.iter().all(|c| c.speaker != "Germany"));
}

#[test]
fn vi_003_prosecutor_apology() {
    let Some(r) = article("vi/003.txt", "vi") else {
        return;
    };
    let deputy = "Nguyễn Hồng Phuông";
    claim(
        &r,
        deputy,
        "Theo",
        "nguyên nhân dẫn đến việc gây thiệt hại cho bà Bích",
    );
    claim(&r, deputy, "nói rằng", "đã thấy được đầy đủ những sai phạm");
    claim(&r, deputy, "bày tỏ", "chấp nhận lời xin lỗi này");
    let actor = r.actors.iter().find(|a| a.name == deputy).unwrap();
    assert_eq!(actor.role.as_deref(), Some("deputy head"));
}

#[test]
fn vi_020_airport_congestion() {
    let Some(r) = article("vi/020.txt", "vi") else {
        return;
    };
    claim(
        &r,
        "Đinh La Thăng",
        "lưu ý",
        "sân bay Tân Sơn Nhất đang là một điểm ùn tắc",
    );
    claim(
        &r,
        "Đinh La Thăng",
        "nói",
        "Tôi đề nghị giãn thời gian bay ra",
    );
    claim(&r, "Trần Doãn Mậu", "Theo", "32 triệu lượt khách");
    claim(&r, "Trần Doãn Mậu", "nói", "Cảng vụ sẽ điều phối");
    claim(&r, "Đỗ Tất Bình", "cho biết thêm", "điều tiết khung giờ");
    let q = &claim(&r, "Trần Doãn Mậu", "Theo", "32 triệu").quantities;
    assert!(q.iter().any(|q| q.value == 32_000_000.0), "{q:?}");
}

#[test]
fn vi_022_kremlin_icc() {
    let Some(r) = article("vi/022.txt", "vi") else {
        return;
    };
    // "Điện Kremlin" is the Kremlin, an organization that is a member of Russia, not the
    // country itself.
    claim(
        &r,
        "Kremlin",
        "tuyên bố",
        "lệnh bắt giữ của Tòa Hình sự Quốc tế",
    );
    let peskov = claim(
        &r,
        "Dmitry Peskov",
        "nói với",
        "Toàn bộ câu chuyện này với ICC",
    );
    assert_eq!(peskov.said.as_deref(), Some("XXXX-09-04"));
    claim(
        &r,
        "Dmitry Peskov",
        "khẳng định",
        "các nhà chức trách nhận thấy",
    );
    claim(
        &r,
        "Dmitry Peskov",
        "nói thêm",
        "Mông Cổ luôn duy trì chính sách trung lập",
    );
    claim(
        &r,
        "Bộ Ngoại giao Ukraine",
        "cảnh báo",
        "Mông Cổ sẽ lĩnh hậu quả",
    );
    claim(
        &r,
        "Dmitry Medvedev",
        "cảnh báo",
        "ICC nên cân nhắc hậu quả",
    );
}

#[test]
fn en_001_china_human_rights() {
    let Some(r) = article("en/001.txt", "en") else {
        return;
    };
    let c = claim(
        &r,
        "a top US official",
        "told",
        "abuses in the country were still widespread",
    );
    assert_eq!(c.speaker_text.as_deref(), Some("who"));
    let ack = claim(
        &r,
        "William Richardson",
        "acknowledged",
        "two decades of economic growth",
    );
    assert_eq!(ack.stance, "confirm");
    // "he told the 53rd commission session": the pronoun is Richardson.
    claim(
        &r,
        "William Richardson",
        "told",
        "China's government continues to commit",
    );
    claim(
        &r,
        "France",
        "announced",
        "it would not support the annual resolution",
    );
    claim(
        &r,
        "Japan",
        "indicated",
        "it would not sponsor such a measure",
    );
}

#[test]
fn en_002_sudan_rebels() {
    let Some(r) = article("en/002.txt", "en") else {
        return;
    };
    claim(&r, "Faustino Obanj", "said", "its forces had");
    // "Obanj said" later is the same person.
    claim(
        &r,
        "Faustino Obanj",
        "said",
        "his second in command James Lual were both injured",
    );
    claim(
        &r,
        "Faustino Obanj",
        "said",
        "our forces seized Ajak airport",
    );
    let actor = r
        .actors
        .iter()
        .find(|a| a.name == "Faustino Obanj")
        .unwrap();
    assert_eq!(actor.kind.as_deref(), Some("person"));
}

#[test]
fn en_003_burma_security() {
    let Some(r) = article("en/003.txt", "en") else {
        return;
    };
    claim(
        &r,
        "witnesses",
        "said",
        "some key ministries have begun to dismantle platforms",
    );
    let told = claim(
        &r,
        "a Mandalay resident",
        "told",
        "Some 150 monks have been disrobed",
    );
    assert_eq!(told.via, ["AFP"]);
    assert!(told.quantities.iter().any(|q| q.value == 150.0));
    claim(
        &r,
        "Analysts",
        "say",
        "the military government has been targeting",
    );
}

#[test]
fn en_004_italy_albania() {
    let Some(r) = article("en/004.txt", "en") else {
        return;
    };
    let source = "a military source";
    claim(
        &r,
        source,
        "said",
        "Italian troops will not be sent to southern Albania",
    );
    // "added the source" and "the source added" are the same unnamed source.
    claim(&r, source, "added", "The Italian authorities were");
    claim(
        &r,
        source,
        "added",
        "Italy had not yet taken a final decision",
    );
    let actor = r.actors.iter().find(|a| a.name == source).unwrap();
    assert_eq!(actor.kind.as_deref(), Some("unknown"));
}

#[test]
fn en_005_vietnam_assembly() {
    let Some(r) = article("en/005.txt", "en") else {
        return;
    };
    // "..., said Vu Mao, the National Assembly office chairman."
    claim(&r, "Vu Mao", "said", "Communist party representation");
    // "..., he said last week."
    claim(
        &r,
        "Vu Mao",
        "said",
        "Up to seven of 10 present deputies will be replaced",
    );
    claim(
        &r,
        "Le Duc Anh",
        "said",
        "Individualism reduces people's confidence",
    );
}

#[test]
fn en_008_netanyahu_apology() {
    let Some(r) = article("en/008.txt", "en") else {
        return;
    };
    claim(
        &r,
        "the prime minister's office",
        "said",
        "Mr. Erdogan accepted the Israeli apology",
    );
    claim(
        &r,
        "Barack Obama",
        "said",
        "he discussed the issue with Mr. Netanyahu",
    );
    let c = claim(
        &r,
        "Netanyahu",
        "told",
        "what happened on board the Mavi Marmara",
    );
    assert_eq!(c.speaker_text.as_deref(), Some("Mr. Netanyahu"));
}
