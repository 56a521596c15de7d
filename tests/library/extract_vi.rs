//! Vietnamese attribution patterns on short texts written for the test.

use claimgraph_extract::{extract, ExtractOptions};
use claimgraph_model::record::{ArticleRecord, ClaimRecord};

fn record(text: &str) -> ArticleRecord {
    let opts = ExtractOptions {
        lang: Some("vi".into()),
        narrative: false,
        ..ExtractOptions::default()
    };
    extract(text, &opts).expect("extracts")
}

fn by<'a>(r: &'a ArticleRecord, cue: &str) -> &'a ClaimRecord {
    r.claims
        .iter()
        .find(|c| c.cue.as_deref().map(|c| c.replace('_', " ")).as_deref() == Some(cue))
        .unwrap_or_else(|| panic!("{cue}: {:#?}", r.claims))
}

#[test]
fn copula_in_the_content_is_not_a_complementizer() {
    let r = record(
        "Bí_thư Thành_ủy Đinh_La_Thăng lưu_ý sân_bay Tân_Sơn_Nhất đang là một điểm ùn_tắc lớn .",
    );
    let c = by(&r, "lưu ý");
    assert_eq!(c.speaker, "Đinh La Thăng");
    assert!(
        c.text.starts_with("sân bay Tân Sơn Nhất đang là"),
        "{}",
        c.text
    );
}

#[test]
fn complementizer_after_a_time_or_a_place_opens_the_content() {
    let r = record("Ông Trần_Văn_An cho_biết hôm_qua là dự_án sẽ hoàn_thành vào cuối năm .");
    assert!(
        by(&r, "cho biết").text.starts_with("dự án sẽ"),
        "{:#?}",
        r.claims
    );
    let r = record("Ông Trần_Văn_An nói tại cuộc họp rằng dự_án sẽ hoàn_thành vào cuối năm .");
    assert!(
        by(&r, "nói").text.starts_with("dự án sẽ"),
        "{:#?}",
        r.claims
    );
}

#[test]
fn a_place_after_a_title_is_not_a_name() {
    let r = record(
        "Theo Phó viện_trưởng Nguyễn_Hồng_Phuông , nguyên_nhân là lỗi của kiểm_sát_viên .\n\
         Sau đó , vị Phó viện_trưởng VKSND tỉnh Sóc_Trăng nói rằng , đơn_vị đã thấy sai_phạm .",
    );
    assert_eq!(by(&r, "nói rằng").speaker, "Nguyễn Hồng Phuông");
    assert!(
        r.actors.iter().all(|a| a.name != "Sóc Trăng"),
        "{:#?}",
        r.actors
    );
}

#[test]
fn a_name_after_an_honorific_is_a_name() {
    let r =
        record("Giám_đốc Sở Giao_thông vận_tải ông Bùi_Xuân_Cường cho_biết dự_án sẽ hoàn_thành .");
    assert_eq!(by(&r, "cho biết").speaker, "Bùi Xuân Cường");
}

#[test]
fn a_name_after_a_lowercase_body_is_a_name() {
    let r = record(
        "Theo Trưởng ban quản_lý đường_sắt đô_thị Lê_Nguyễn_Minh_Quang , dự_án sẽ hoàn_thành .",
    );
    assert_eq!(by(&r, "Theo").speaker, "Lê Nguyễn Minh Quang");
}

#[test]
fn an_addressee_between_cue_and_complementizer_is_skipped() {
    let r = record(
        "Ông Chris_Carlson trả_lời ngắn_gọn phóng_viên rằng : \" Chúng_tôi đều ổn \" .\n\
         Cơ_trưởng Trần_Văn_An thông_báo qua hệ_thống bộ_đàm : \" Chúng_tôi phải quay lại \" .",
    );
    assert!(
        by(&r, "trả lời").text.starts_with("Chúng tôi"),
        "{:#?}",
        r.claims
    );
    assert!(
        by(&r, "thông báo").text.starts_with("Chúng tôi"),
        "{:#?}",
        r.claims
    );
}

/// Both written forms of one sentence: word-segmented (syllables joined by `_`) and plain.
fn both_forms(segmented: &str) -> [String; 2] {
    [segmented.to_string(), segmented.replace('_', " ")]
}

fn record_published(text: &str, published: &str) -> ArticleRecord {
    let opts = ExtractOptions {
        lang: Some("vi".into()),
        narrative: false,
        published: Some(published.into()),
        ..ExtractOptions::default()
    };
    extract(text, &opts).expect("extracts")
}

fn stances(r: &ArticleRecord) -> Vec<(String, String, String)> {
    r.claims
        .iter()
        .map(|c| {
            (
                c.speaker.clone(),
                c.cue.clone().unwrap_or_default().replace('_', " "),
                c.stance.clone(),
            )
        })
        .collect()
}

#[test]
fn testimony_request_and_confirmation_cues_carry_their_stance() {
    let cases = [
        (
            "Bị_cáo Lê_Văn_Tám khai đã giấu số tiền trong kho .",
            "khai",
            "assert",
        ),
        (
            "Nghi_phạm Trần_Hữu_Lộc khai_nhận đã lấy chiếc xe_máy .",
            "khai nhận",
            "confirm",
        ),
        (
            "Ông Phạm_Minh_Khoa nêu_rõ dự_án phải dừng lại .",
            "nêu rõ",
            "assert",
        ),
        (
            "Bà Vũ_Thu_Trang nhắc_lại rằng hợp_đồng đã hết hạn .",
            "nhắc lại",
            "assert",
        ),
        (
            "Anh Đỗ_Văn_Hùng cam_đoan sẽ trả đủ tiền trong tuần .",
            "cam đoan",
            "assert",
        ),
        (
            "Chị Ngô_Thị_Lan xin gặp con trước phiên tòa .",
            "xin",
            "propose",
        ),
        (
            "Ông Lâm_Quốc_Bảo đòi bồi_thường toàn_bộ thiệt_hại .",
            "đòi",
            "propose",
        ),
        (
            "Giám_đốc Hồ_Văn_Tài thú_nhận công_ty đã chậm lương .",
            "thú nhận",
            "confirm",
        ),
        (
            "Ông Tạ_Đình_Phong phản_bác mọi cáo_buộc về việc nhận tiền .",
            "phản bác",
            "deny",
        ),
    ];
    for (sentence, cue, stance) in cases {
        for text in both_forms(sentence) {
            let r = record(&text);
            let c = by(&r, cue);
            assert_eq!(c.stance, stance, "{text}: {:?}", stances(&r));
        }
    }
}

#[test]
fn theo_with_an_honorific_names_the_person() {
    for text in both_forms("Theo ông Hoàng_Đức_Vĩnh , giá vàng sẽ còn tăng trong tháng tới .")
    {
        let r = record(&text);
        let c = by(&r, "Theo");
        assert_eq!(c.speaker, "Hoàng Đức Vĩnh", "{text}");
        assert!(c.text.starts_with("giá vàng"), "{}", c.text);
    }
    for text in both_forms("Theo bà Lưu_Mỹ_Hạnh , trường sẽ mở thêm hai lớp .") {
        assert_eq!(by(&record(&text), "Theo").speaker, "Lưu Mỹ Hạnh", "{text}");
    }
    for text in both_forms("Cũng theo bà Lưu_Mỹ_Hạnh , học_phí sẽ giữ nguyên .") {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        assert_eq!(r.claims[0].speaker, "Lưu Mỹ Hạnh", "{text}");
    }
    for text in both_forms("Theo người_nhà nạn_nhân , chiếc xe chạy rất nhanh .") {
        assert_eq!(record(&text).claims.len(), 1, "{text}");
    }
}

#[test]
fn theo_before_a_rule_a_plan_or_a_clock_is_no_source() {
    for sentence in [
        "Theo Điều 5 của hợp_đồng , bên mua phải trả trước .",
        "Theo kế_hoạch , cây cầu sẽ thông xe vào tháng 9 .",
        "Theo giờ Hà_Nội , trận đấu bắt_đầu lúc 20h .",
        "Theo quy_định mới , xe tải không được vào nội_thành .",
    ] {
        for text in both_forms(sentence) {
            assert!(
                record(&text).claims.is_empty(),
                "{text}: {:?}",
                stances(&record(&text))
            );
        }
    }
}

#[test]
fn an_outlet_reporting_at_the_end_relays_the_inner_claim() {
    for text in both_forms(
        "Bộ_trưởng Quốc_phòng Nhật_Bản cho_biết tàu tuần_tra đã rời cảng , Reuters đưa_tin .",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        let c = by(&r, "cho biết");
        assert_eq!(c.via, ["Reuters"], "{text}");
        assert!(!c.text.contains("Reuters"), "{}", c.text);
    }
}

#[test]
fn a_date_or_a_parenthetical_between_speaker_and_cue_is_skipped() {
    for sentence in [
        "Ông Nguyễn_Văn_Bình hôm 5/3 cho_biết nhà_máy sẽ đóng_cửa .",
        "Ông Nguyễn_Văn_Bình ( Giám_đốc nhà_máy ) cho_biết nhà_máy sẽ đóng_cửa .",
        "Ông Nguyễn_Văn_Bình hồi tháng 6 từng cảnh_báo nhà_máy sẽ đóng_cửa .",
    ] {
        for text in both_forms(sentence) {
            let r = record_published(&text, "2024-07-01");
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            assert_eq!(r.claims[0].speaker, "Nguyễn Văn Bình", "{text}");
        }
    }
    let r = record_published(
        "Ông Nguyễn_Văn_Bình hôm 5/3 cho_biết nhà_máy sẽ đóng_cửa .",
        "2024-07-01",
    );
    assert_eq!(r.claims[0].said.as_deref(), Some("2024-03-05"));
}

#[test]
fn refusal_paraphrases_are_refusals() {
    for sentence in [
        "Đại_diện công_ty Minh_Phát chưa_thể cung_cấp thông_tin về vụ_việc .",
        "Người phát_ngôn Bộ Công_Thương từ_chối trả_lời phỏng_vấn .",
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            assert_eq!(r.claims[0].stance, "refuse_comment", "{text}");
        }
    }
}

#[test]
fn lowercase_fragments_are_no_speakers() {
    for sentence in [
        "Vì không viết bài , em bị phạt .",
        "Khi ra về , nơi bác sĩ khám vẫn sáng đèn .",
        "Sáng nay không có ai hỏi gì thêm về chuyện đó .",
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert!(r.claims.is_empty(), "{text}: {:?}", stances(&r));
        }
    }
}

#[test]
fn a_said_time_never_follows_publication() {
    // The future tense inside the quotation must not move the day into next year.
    for text in both_forms(
        "“ Chúng_tôi sẽ rút quân vào năm tới ” , ông Lê_Hoàng_Nam nói với các phóng_viên hôm 4/9 .",
    ) {
        let r = record_published(&text, "2024-09-05");
        let c = by(&r, "nói với");
        assert_eq!(c.said.as_deref(), Some("2024-09-04"), "{text}");
    }
}

#[test]
fn an_act_inside_a_persons_account_is_part_of_it() {
    for text in
        both_forms("Theo bà Lưu_Mỹ_Hạnh , nhà_trường đã yêu_cầu giáo_viên nộp bản tường_trình .")
    {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        assert_eq!(r.claims[0].speaker, "Lưu Mỹ Hạnh", "{text}");
        assert!(r.claims[0].text.contains("yêu cầu"), "{}", r.claims[0].text);
    }
}

#[test]
fn theo_a_sources_notice_names_the_source() {
    for (sentence, speaker) in [
        (
            "Theo thông_báo của Sở Y_tế , số ca mắc mới đã giảm .",
            "Sở Y tế",
        ),
        (
            "Theo ghi_nhận của Ủy_ban Nhân_dân xã Tân_Hòa , nước lũ đã rút .",
            "Ủy ban Nhân dân xã Tân Hòa",
        ),
        (
            "Theo cáo_buộc của Viện kiểm_sát , bị_cáo đã nhận 2 tỷ đồng .",
            "Viện kiểm sát",
        ),
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            assert_eq!(r.claims[0].speaker, speaker, "{text}");
        }
    }
}

#[test]
fn a_quoted_speech_relay_names_the_inner_speaker() {
    for text in both_forms(
        "Hãng AFP dẫn phát_biểu của Ngoại_trưởng Bỉ cho_biết Brussels sẽ gửi thêm viện_trợ .",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        assert_eq!(r.claims[0].via, ["Hãng AFP"], "{text}");
        assert!(
            !r.claims[0].speaker.contains("AFP"),
            "{text}: {:?}",
            stances(&r)
        );
    }
}

#[test]
fn a_name_before_a_dashed_description_is_the_speaker() {
    for sentence in [
        "Ông Trịnh_Công_Lý – Giám_đốc Sở Tài_chính ( tỉnh Quảng_Nam ) cho_biết ngân_sách đã cạn .",
        "Ông Trịnh_Công_Lý - Giám_đốc Sở Tài_chính ( tỉnh Quảng_Nam ) - cho_biết ngân_sách đã cạn .",
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            assert_eq!(r.claims[0].speaker, "Trịnh Công Lý", "{text}");
        }
    }
}

#[test]
fn one_capitalized_word_before_a_cue_is_a_name() {
    for (sentence, speaker) in [
        (
            "Greenpeace cho_biết hơn một triệu người đang thiếu nước sạch .",
            "Greenpeace",
        ),
        ("Khoa nói anh đã rời khỏi nhà lúc 8h .", "Khoa"),
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            assert_eq!(r.claims[0].speaker, speaker, "{text}");
        }
    }
    // A clause-opening word is no name.
    for text in both_forms("Tuy_nhiên cho_biết thêm thì chưa ai làm .") {
        let r = record(&text);
        assert!(
            r.claims.iter().all(|c| c.speaker != "Tuy"),
            "{text}: {:?}",
            stances(&r)
        );
    }
}

#[test]
fn a_time_opening_the_sentence_is_no_speaker() {
    for sentence in [
        "Hôm 10/7 , ông Lý_Minh_Tuấn cho_biết lợi_nhuận đã tăng gấp đôi .",
        "Chiều 10/7 , Giám_đốc Lý_Minh_Tuấn cho_biết lợi_nhuận đã tăng gấp đôi .",
    ] {
        for text in both_forms(sentence) {
            let r = record_published(&text, "2024-07-15");
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            assert_eq!(r.claims[0].speaker, "Lý Minh Tuấn", "{text}");
            assert_eq!(r.claims[0].said.as_deref(), Some("2024-07-10"), "{text}");
        }
    }
}

#[test]
fn a_second_cue_shares_the_first_clauses_subject() {
    for (sentence, cues) in [
        (
            "Ông Đoàn_Văn_Lực cho_biết dự_án đã chậm tiến_độ , đồng_thời đề_nghị nhà_thầu bổ_sung nhân_lực .",
            ["cho biết", "đề nghị"],
        ),
        (
            "Bà Mạc_Thị_Quyên khẳng_định công_ty không vi_phạm và cam_kết sẽ bồi_thường cho khách_hàng .",
            ["khẳng định", "cam kết"],
        ),
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 2, "{text}: {:?}", stances(&r));
            let (first, second) = (by(&r, cues[0]), by(&r, cues[1]));
            assert_eq!(first.speaker, second.speaker, "{text}");
            assert!(!first.text.contains(cues[1]), "{text}: {}", first.text);
            assert!(!second.text.is_empty(), "{text}");
        }
    }
    assert_eq!(
        by(
            &record("Ông Đoàn_Văn_Lực cho_biết dự_án chậm , đồng_thời đề_nghị bổ_sung nhân_lực ."),
            "đề nghị"
        )
        .stance,
        "propose"
    );
}

#[test]
fn statement_blame_comparison_and_agreement_cues_carry_their_stance() {
    let cases = [
        (
            "Bị_cáo Châu_Văn_Sơn phân_trần rằng anh không biết số hàng là đồ lậu .",
            "phân trần",
            "assert",
        ),
        (
            "Ông Âu_Minh_Đức ghi_nhận doanh_nghiệp đã nộp đủ thuế .",
            "ghi nhận",
            "assert",
        ),
        (
            "Bà Kiều_Thị_Mai so_sánh giá điện năm nay cao gấp đôi năm ngoái .",
            "so sánh",
            "assert",
        ),
        (
            "Anh Vương_Văn_Hải nhờ hàng_xóm trông giúp căn nhà .",
            "nhờ",
            "propose",
        ),
        (
            "Ông Lục_Văn_Thắng đổ_lỗi cho thời_tiết khiến mùa_màng thất_bát .",
            "đổ lỗi",
            "assert",
        ),
        (
            "Bà Quách_Thị_Hoa đồng_ý rằng mức phạt còn quá nhẹ .",
            "đồng ý rằng",
            "assert",
        ),
        (
            "Ông Mẫn_Đình_Khôi đính_chính rằng công_ty chưa hề sa_thải ai .",
            "đính chính",
            "deny",
        ),
        (
            "Bà Tôn_Nữ_Hằng tái_khẳng_định lập_trường của công_ty .",
            "tái khẳng định",
            "confirm",
        ),
        (
            "Ông Giáp_Văn_Cường hứa_hẹn sẽ sửa xong con đường trước Tết .",
            "hứa hẹn",
            "assert",
        ),
        (
            "Bà Thái_Thị_Nga kiến_nghị rằng cần tăng lương cho giáo_viên .",
            "kiến nghị",
            "propose",
        ),
    ];
    for (sentence, cue, stance) in cases {
        for text in both_forms(sentence) {
            let r = record(&text);
            let c = by(&r, cue);
            assert_eq!(c.stance, stance, "{text}: {:?}", stances(&r));
            assert!(c.speaker.contains(' '), "{text}: {:?}", stances(&r));
        }
    }
}

#[test]
fn calling_or_considering_something_as_is_a_stance() {
    for (sentence, cue, speaker) in [
        (
            "Ông Hà_Quang_Vinh gọi kế_hoạch này là một sai_lầm nghiêm_trọng .",
            "gọi",
            "Hà Quang Vinh",
        ),
        (
            "Bộ_trưởng Lạc_Văn_Toàn coi việc tăng thuế là giải_pháp cuối_cùng .",
            "coi",
            "Lạc Văn Toàn",
        ),
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            let c = by(&r, cue);
            assert_eq!(c.speaker, speaker, "{text}");
            assert_eq!(c.stance, "assert", "{text}");
            assert!(c.text.contains(" là "), "{text}: {}", c.text);
        }
    }
    // "gọi" without "là" is a phone call, not a stance.
    for text in both_forms("Ông Hà_Quang_Vinh gọi điện cho vợ lúc nửa_đêm .") {
        let r = record(&text);
        assert!(r.claims.is_empty(), "{text}: {:?}", stances(&r));
    }
}

#[test]
fn a_second_cue_never_takes_the_first_cues_object_as_speaker() {
    for text in
        both_forms("Ông Kha_Văn_Lợi cảnh_báo người_dân không ra đường và khuyên họ ở trong nhà .")
    {
        let r = record(&text);
        assert_eq!(r.claims.len(), 2, "{text}: {:?}", stances(&r));
        assert_eq!(by(&r, "khuyên").speaker, "Kha Văn Lợi", "{text}");
    }
}

#[test]
fn theo_an_outlet_or_an_anaphoric_source_names_it() {
    for text in both_forms("Theo Người_Lao_Động , giá xăng sẽ giảm từ ngày mai .") {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        assert_eq!(r.claims[0].speaker, "Người Lao Động", "{text}");
    }
    for text in both_forms(
        "Công_an huyện Bình_Chánh cho_biết đã bắt hai nghi_phạm .\n\
         Theo đơn_vị này , hai người đã khai nhận hành_vi .",
    ) {
        let r = record(&text);
        let theo = by(&r, "Theo");
        assert_eq!(
            theo.speaker,
            "Công an huyện Bình Chánh",
            "{text}: {:?}",
            stances(&r)
        );
    }
    for text in both_forms(
        "Ông Ninh_Văn_Quý cho_biết xe đã hỏng từ trước .\n\
         Theo ông này , chủ xe không hề báo cho ai .",
    ) {
        let r = record(&text);
        assert_eq!(
            by(&r, "Theo").speaker,
            "Ninh Văn Quý",
            "{text}: {:?}",
            stances(&r)
        );
    }
}

#[test]
fn a_name_inside_an_apposition_is_the_speaker() {
    for sentence in [
        "Phó giám_đốc Công_an tỉnh , Đại_tá Mạc_Văn_Hùng , cho_biết vụ án đã được khởi_tố .",
        "Ông Mạc_Văn_Hùng , Phó giám_đốc Công_an tỉnh , cho_biết vụ án đã được khởi_tố .",
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            assert_eq!(r.claims[0].speaker, "Mạc Văn Hùng", "{text}");
            assert!(
                r.claims[0].text.starts_with("vụ án"),
                "{}",
                r.claims[0].text
            );
        }
    }
}

#[test]
fn more_refusal_paraphrases_are_refusals() {
    for sentence in [
        "Công_ty Hòa_Bình chưa công_bố thông_tin về số người bị thương .",
        "Sở Y_tế chuyển câu_hỏi về Bộ Y_tế .",
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            assert_eq!(r.claims[0].stance, "refuse_comment", "{text}");
        }
    }
}

#[test]
fn glued_words_and_photo_captions_are_split() {
    for text in both_forms("Ông Trương_Văn_ThànhCho_biết nhà_máy sẽ mở lại .") {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        assert_eq!(r.claims[0].speaker, "Trương Văn Thành", "{text}");
    }
    for text in both_forms(
        "Lính cứu_hỏa tại hiện_trường - Ảnh : AFP Theo hãng tin AFP , đám cháy đã được khống_chế .",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        let c = &r.claims[0];
        assert!(c.speaker.contains("AFP"), "{text}: {:?}", stances(&r));
        assert!(c.text.starts_with("đám cháy"), "{}", c.text);
    }
}

#[test]
fn cue_words_used_as_nouns_or_narrated_acts_are_no_claims() {
    for sentence in [
        "Học_sinh vùng cao khó theo kịp chương_trình mới .",
        "Chính_phủ ban_hành chính_sách chia_sẻ dữ_liệu giữa các bộ .",
        "Sáng nay , Thủ_tướng nghe báo_cáo về tình_hình lũ_lụt .",
        "Ông Đinh_Văn_Tiến phát_biểu tại hội_nghị .",
        "Bà Lý_Thị_Hồng thông_báo sự_việc cho công_an .",
        "Cáo_buộc của Nga về quyền trẻ_em bị nhiều nước bác_bỏ .",
        // "thông_tin" after a quantity word is information, not informing.
        "Máy mới có nhiều điểm mạnh như màn_hình Live_Tiles hiển_thị ba cột cho nhiều thông_tin hơn , pin lớn hơn .",
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert!(
                r.claims
                    .iter()
                    .all(|c| c.stance != "assert" || c.speaker.contains(' ')),
                "{text}: {:?}",
                stances(&r)
            );
            assert!(
                r.claims.iter().all(|c| !c.text.trim().is_empty()
                    && c.speaker.chars().next().is_some_and(char::is_uppercase)),
                "{text}: {:?}",
                stances(&r)
            );
        }
        if !sentence.starts_with("Cáo_buộc") {
            for text in both_forms(sentence) {
                let r = record(&text);
                assert!(r.claims.is_empty(), "{text}: {:?}", stances(&r));
            }
        }
    }
}

#[test]
fn topics_keep_capitalized_names_whole() {
    // Segmented text joins a name's lowercase syllables to its capitals.
    let r = record(
        "Ông Sầm_Văn_Khải cho_biết Viện Nghiên_cứu Kinh_tế Miền_Trung đã công_bố số_liệu mới .",
    );
    let c = by(&r, "cho biết");
    assert!(
        c.about
            .iter()
            .any(|t| t == "Viện Nghiên cứu Kinh tế Miền Trung"),
        "{:?}",
        c.about
    );
    // A known institution is one topic in both forms.
    for text in
        both_forms("Ông Sầm_Văn_Khải cho_biết Tòa Hình_sự Quốc_tế đã mở cuộc điều_tra mới .")
    {
        let r = record(&text);
        let c = by(&r, "cho biết");
        assert!(
            c.about.iter().any(|t| t == "International Criminal Court"),
            "{text}: {:?}",
            c.about
        );
        assert!(
            c.about.iter().all(|t| t != "Quốc" && t != "Tòa Hình"),
            "{text}: {:?}",
            c.about
        );
    }
}

#[test]
fn a_quotation_of_several_sentences_is_one_content() {
    for text in both_forms(
        "Ông Bế_Văn_Dũng nói : “ Chúng_tôi đã cố hết sức . Nhưng nước lên quá nhanh . Không ai kịp trở_tay ” .",
    ) {
        let r = record(&text);
        let c = by(&r, "nói");
        assert!(c.text.contains("cố hết sức"), "{text}: {}", c.text);
        assert!(c.text.contains("trở tay"), "{text}: {}", c.text);
    }
}

#[test]
fn text_fields_have_a_display_form_and_spans_keep_the_original() {
    let text = "Ông Phan_Văn_Lộc cho_biết , sau cơn bão , nhà_máy sẽ mở lại .";
    let r = record(text);
    let c = by(&r, "cho biết");
    assert_eq!(c.cue.as_deref(), Some("cho biết"), "{c:?}");
    assert!(
        !c.text.contains(" ,") && !c.text.contains('_'),
        "{}",
        c.text
    );
    let span = c.cue_span.expect("cue span");
    let chars: String = text
        .chars()
        .skip(span[0] as usize)
        .take((span[1] - span[0]) as usize)
        .collect();
    assert_eq!(chars, "cho_biết");
}

#[test]
fn compounds_modals_object_uses_and_credits_are_no_claims() {
    for sentence in [
        // A cue syllable closing another word ("triển khai" deploys, "cân nhắc" weighs).
        "Quân_đội đã triển_khai thêm lực_lượng tới biên_giới .",
        "Bộ Tài_chính đang cân_nhắc việc tăng thuế xăng .",
        "Ông Lê_Văn_Hải từ_chối lời mời của câu_lạc_bộ .",
        // The cue is the object of another verb, or follows a modal.
        "Công_ty đã tiến_hành đánh_giá tác_động môi_trường của nhà_máy .",
        "Chính_quyền cần đánh_giá lại toàn_bộ dự_án .",
        "Hai bên đã ký thỏa_thuận với cáo_buộc được rút lại .",
        // A narrated act with a date and no content; a source credit in parentheses.
        "Ông Lê_Văn_Hải phát_biểu tại hội_nghị chiều 12/5 .",
        "Giá vàng tăng mạnh trong tuần ( Theo Reuters ) .",
    ] {
        for text in both_forms(sentence) {
            let r = record_published(&text, "2024-06-01");
            assert!(r.claims.is_empty(), "{text}: {:?}", stances(&r));
        }
    }
    // The same verbs with a speaker and content still report.
    for text in both_forms("Ông Lê_Văn_Hải đánh_giá dự_án đã chậm hai năm .") {
        assert_eq!(
            by(&record(&text), "đánh giá").speaker,
            "Lê Văn Hải",
            "{text}"
        );
    }
}

#[test]
fn a_name_before_a_comma_and_a_description_is_the_speaker() {
    for (sentence, speaker) in [
        (
            "Bà Trần_Thị_Lụa , giáo_viên dạy lớp 3 tại trường cho_biết học_sinh đã nghỉ học .",
            "Trần Thị Lụa",
        ),
        (
            "Còn anh Vũ_Đức_Minh , chủ một cửa_hàng ở phường 2 cho_biết giá thuê đã tăng .",
            "Vũ Đức Minh",
        ),
    ] {
        for text in both_forms(sentence) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
            assert_eq!(r.claims[0].speaker, speaker, "{text}");
        }
    }
}

#[test]
fn a_noun_use_of_a_cue_makes_no_fragment_speaker() {
    for text in both_forms("Moscow bác_bỏ các cáo_buộc của Ukraine về việc đưa trẻ_em đi .")
    {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        assert_eq!(r.claims[0].stance, "deny", "{text}");
        assert_eq!(r.claims[0].speaker, "Russia", "{text}");
    }
    for text in both_forms("Đến nay , chưa có cơ_quan nào xác_nhận thông_tin này .") {
        let r = record(&text);
        assert!(
            r.claims
                .iter()
                .all(|c| c.speaker != "chưa" && c.speaker != "Đến nay"),
            "{text}: {:?}",
            stances(&r)
        );
    }
}

#[test]
fn an_outlet_that_dan_lai_another_relays_it() {
    // "X dẫn lại báo Y": Y speaks, through X (as "dẫn lời").
    for text in both_forms(
        "Tờ Chosun_Ilbo dẫn lại báo Asahi của Nhật cho_biết , Seoul sẽ giao 12 máy_bay trong năm tới .",
    ) {
        let r = record(&text);
        let claim = by(&r, "cho biết");
        assert!(claim.speaker.starts_with("Asahi"), "{text}: {claim:#?}");
        assert_eq!(claim.via, ["Chosun Ilbo"], "{text}: {claim:#?}");
    }
}

#[test]
fn a_denial_of_the_above_takes_the_topics_of_what_it_denies() {
    for text in both_forms(
        "Hãng_tin Reuters dẫn lời một quan_chức giấu tên cho_biết quân_đội Nga sẽ rút khỏi Aleppo .\n\
         Tuy_nhiên , Điện_Kremlin đã bác_bỏ thông_tin trên .",
    ) {
        let r = record(&text);
        let denied = by(&r, "cho biết");
        let denial = by(&r, "bác bỏ");
        assert_eq!(denial.stance, "deny", "{text}");
        assert_eq!(denial.responds_to, std::slice::from_ref(&denied.id), "{text}");
        assert!(
            denial.about.iter().any(|t| t == "Aleppo"),
            "{text}: {:?}",
            denial.about
        );
    }
}

#[test]
fn an_audience_inside_or_after_the_cue_is_no_content_and_an_outlet_relays() {
    for text in both_forms(
        "Ông Nguyễn_Văn_Nam cho AFP biết nhà_máy sẽ đóng_cửa trong tháng này .\n\
         Bà Trần_Thị_Hoa cho phóng_viên biết công_ty sẽ kháng_cáo .\n\
         Luật_sư Đỗ_Minh_Khoa nói với báo Tuổi_Trẻ rằng thân_chủ của ông vô_tội .\n\
         Bộ_trưởng Lê_Văn_Thành nói với các phóng_viên rằng cầu sẽ thông_xe .",
    ) {
        let r = record(&text);
        let c = by(&r, "cho AFP biết");
        assert_eq!(c.speaker, "Nguyễn Văn Nam", "{text}");
        assert_eq!(c.via, ["AFP"], "{text}");
        assert!(c.text.starts_with("nhà máy"), "{text}: {}", c.text);
        let c = by(&r, "cho phóng viên biết");
        assert_eq!(c.speaker, "Trần Thị Hoa", "{text}");
        assert!(c.via.is_empty() && c.text.starts_with("công ty"), "{text}");
        let c = r
            .claims
            .iter()
            .find(|c| c.speaker == "Đỗ Minh Khoa")
            .unwrap_or_else(|| panic!("{text}: {:?}", stances(&r)));
        assert_eq!(c.via, ["Tuổi Trẻ"], "{text}");
        assert!(c.text.starts_with("thân chủ"), "{text}: {}", c.text);
        let c = r
            .claims
            .iter()
            .find(|c| c.speaker == "Lê Văn Thành")
            .unwrap_or_else(|| panic!("{text}: {:?}", stances(&r)));
        assert!(c.via.is_empty() && c.text.starts_with("cầu sẽ"), "{text}");
    }
}

#[test]
fn a_cue_after_another_verb_of_a_titled_subject_is_the_subjects() {
    for text in both_forms(
        "Thủ_tướng Phạm_Văn_Bình đến thăm nhà_máy và cho_biết chính_phủ sẽ hỗ_trợ công_nhân .\n\
         Chiều 3/9 , Chủ_tịch tỉnh Vũ_Đình_Lâm kiểm_tra đê_điều và yêu_cầu các huyện sơ_tán dân .",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 2, "{text}: {:?}", stances(&r));
        assert_eq!(by(&r, "cho biết").speaker, "Phạm Văn Bình", "{text}");
        let c = by(&r, "yêu cầu");
        assert!(c.speaker.ends_with("Vũ Đình Lâm"), "{text}: {}", c.speaker);
        assert_eq!(c.stance, "propose", "{text}");
    }
}

#[test]
fn a_name_with_a_possessive_country_is_the_name() {
    for text in both_forms(
        "Tờ Asahi_Shimbun của Nhật_Bản cho_biết ba ngân_hàng sẽ bị thanh_tra .\n\
         Bộ Ngoại_giao của Nga cho_biết đàm_phán vẫn tiếp_tục .",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 2, "{text}: {:?}", stances(&r));
        assert_eq!(r.claims[0].speaker, "Asahi Shimbun", "{text}");
        // The mention is the name's too, without the possessive.
        let mention = r.claims[0].speaker_text.as_deref().unwrap_or_default();
        assert_eq!(mention.replace('_', " "), "Tờ Asahi Shimbun", "{text}");
        assert_ne!(r.claims[1].speaker, "Bộ Ngoại giao", "{text}");
        let mention = r.claims[1].speaker_text.as_deref().unwrap_or_default();
        assert_eq!(mention.replace('_', " "), "Bộ Ngoại giao của Nga", "{text}");
    }
}

#[test]
fn a_refusal_after_nhung_goes_on_with_the_speaker() {
    for text in both_forms(
        "Người_phát_ngôn Bộ Công_an cho_biết vụ_việc đang được xác_minh nhưng không bình_luận thêm .\n\
         Một cán_bộ xã cho_hay đê đã được gia_cố , nhưng từ_chối bình_luận về kinh_phí .",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 4, "{text}: {:?}", stances(&r));
        for pair in r.claims.chunks(2) {
            assert_eq!(pair[0].speaker, pair[1].speaker, "{text}");
            assert_eq!(pair[1].stance, "refuse_comment", "{text}");
            assert!(!pair[0].text.contains("bình luận"), "{text}: {}", pair[0].text);
        }
    }
}

#[test]
fn unnamed_sources_after_co_or_an_adverbial_speak() {
    for text in both_forms(
        "Giá bán chưa được công_bố nhưng có nguồn tin cho rằng vào_khoảng 2 tỷ đồng .\n\
         Ngoài_ra , một_số nhân_chứng khác cho rằng xe chạy quá tốc_độ .\n\
         Nhà_máy sẽ đóng_cửa , một quan_chức Sở Công_thương ( đề_nghị giấu tên ) cho Reuters biết .",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 3, "{text}: {:?}", stances(&r));
        assert_eq!(r.claims[0].speaker, "nguồn tin", "{text}");
        assert!(r.claims[1].speaker.contains("nhân chứng"), "{text}: {:?}", stances(&r));
        let c = by(&r, "cho Reuters biết");
        assert_eq!(c.via, ["Reuters"], "{text}");
        assert!(c.text.starts_with("Nhà máy"), "{text}: {}", c.text);
    }
}

#[test]
fn a_dashed_apposition_after_a_leading_clause_names_the_person() {
    for text in both_forms(
        "Chiều 12/8 , trao_đổi với phóng_viên , Trung_tá Đỗ_Quang_Vinh - Phó_trưởng phòng Cảnh_sát giao_thông ( Công_an tỉnh Nam_Định ) - cho_biết , hai tài_xế đã bị tạm giữ .",
    ) {
        let r = record_published(&text, "2024-08-13");
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        let c = &r.claims[0];
        assert_eq!(c.speaker, "Đỗ Quang Vinh", "{text}");
        assert!(c.text.starts_with("hai tài xế"), "{text}: {}", c.text);
        assert_eq!(c.said.as_deref(), Some("2024-08-12"), "{text}");
    }
}

#[test]
fn a_cue_after_a_comma_closing_the_subjects_act_is_the_subjects() {
    for text in both_forms(
        "Ngân_hàng Sumitomo đã nộp đơn lên tòa_án vào ngày 28/8 , cho rằng hợp_đồng bị vi_phạm .\n\
         Theo kế_hoạch , cho rằng dự_án sẽ xong .",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        let c = by(&r, "cho rằng");
        assert_eq!(c.speaker, "Ngân hàng Sumitomo", "{text}");
        assert!(c.text.starts_with("hợp đồng"), "{text}: {}", c.text);
    }
}

#[test]
fn a_curly_quotation_closed_by_a_straight_mark_ends_there() {
    for text in both_forms("“ Giá rau đã tăng gấp đôi từ tuần trước \" , chị Lan nói .")
    {
        let r = record(&text);
        let c = by(&r, "nói");
        assert_eq!(c.speaker, "Lan", "{text}");
        assert!(c.text.starts_with("Giá rau"), "{text}: {}", c.text);
    }
}

#[test]
fn a_number_after_a_place_noun_is_part_of_the_speaker() {
    for text in both_forms("Sáng 2/4 , công_an phường 7 cho_biết đã tạm giữ hai người .")
    {
        let r = record(&text);
        assert_eq!(by(&r, "cho biết").speaker, "công an phường 7", "{text}");
    }
}

#[test]
fn the_object_after_a_cue_opened_by_a_connective_is_no_speaker() {
    for text in both_forms("Vì_vậy , đề_nghị Bộ Tài_chính xem_xét lại mức phí .")
    {
        let r = record(&text);
        assert!(r.claims.is_empty(), "{text}: {:?}", stances(&r));
    }
    // A quotation before the cue still has its speaker after it.
    for text in both_forms("“ Tôi sẽ về sớm ” , nói Lan .") {
        let r = record(&text);
        assert_eq!(by(&r, "nói").speaker, "Lan", "{text}");
    }
}

#[test]
fn a_country_glued_to_a_name_after_a_title_is_the_persons_affiliation() {
    for text in both_forms(
        "Phó_Phát ngôn viên Bộ Ngoại_giao Pháp_Anne_Claire khẳng_định hai nước vẫn hợp_tác .",
    ) {
        let r = record(&text);
        let c = by(&r, "khẳng định");
        assert_eq!(c.speaker, "Anne Claire", "{text}");
        let a = r
            .actors
            .iter()
            .find(|a| a.name == "Anne Claire")
            .expect("actor");
        assert!(a.member_of.iter().any(|m| m == "France"), "{text}: {a:?}");
    }
}

#[test]
fn a_first_person_pronoun_opening_a_sentence_is_no_topic() {
    for text in both_forms(
        "Ông Trần_Văn_Nam cho_biết : “ Chúng_tôi chưa nhận được thư . Chúng_tôi sẽ chờ Hà_Nội ” .",
    ) {
        let r = record(&text);
        let c = by(&r, "cho biết");
        assert!(
            c.about
                .iter()
                .all(|t| !t.to_lowercase().starts_with("chúng")),
            "{text}: {:?}",
            c.about
        );
        assert!(
            c.about.iter().any(|t| t == "Vietnam"),
            "{text}: {:?}",
            c.about
        );
    }
}

#[test]
fn adverbs_of_manner_and_nhu_before_the_subject_are_skipped() {
    for text in both_forms(
        "Hôm_nay , Cục Quản_lý thị_trường cũng đã chính_thức lên_tiếng bác_bỏ tin_đồn về giá xăng .\n\
         Như báo Lao_Động đã đưa tin , giá xăng tăng từ tuần trước .",
    ) {
        let r = record(&text);
        assert_eq!(by(&r, "bác bỏ").speaker, "Cục Quản lý thị trường", "{text}");
        assert!(
            by(&r, "đưa tin").speaker.starts_with("Lao"),
            "{text}: {:?}",
            stances(&r)
        );
    }
}

#[test]
fn a_cue_after_khi_is_the_act_of_the_sentences_subject() {
    for text in both_forms(
        "Tuy_nhiên , bà Nguyễn_Thị_Mai đã tìm cách xoa_dịu dư_luận khi tuyên_bố : “ Giá điện sẽ không tăng ” .\n\
         Sau khi công_bố kết_quả , nhiều người bất_ngờ .",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        let c = by(&r, "tuyên bố");
        assert_eq!(c.speaker, "Nguyễn Thị Mai", "{text}");
        assert!(c.text.starts_with("Giá điện"), "{text}: {}", c.text);
    }
}

#[test]
fn an_unclosed_quotation_ends_where_another_opens() {
    for text in both_forms(
        "Ông Trần_Văn_Nam nói : “ Đội đã chơi tốt . Ngày 16/10 , đội sẽ về Hà_Nội . \
         Bà Lê_Thị_Hoa cho_biết : “ Chúng_tôi đã liên_hệ với đại_sứ_quán ” .",
    ) {
        let r = record(&text);
        let c = by(&r, "cho biết");
        assert_eq!(c.speaker, "Lê Thị Hoa", "{text}: {:?}", stances(&r));
        assert!(c.text.starts_with("Chúng tôi"), "{text}: {}", c.text);
        assert!(by(&r, "nói").text.starts_with("Đội đã chơi tốt"), "{text}");
    }
}

#[test]
fn a_second_cue_after_a_comma_keeps_the_subject_and_its_object_is_no_speaker() {
    for text in [
        "Thứ_trưởng Lê_Thị_Hoa khẳng_định nguồn cung xăng_dầu vẫn ổn_định , phủ_nhận một bài báo cho rằng giá sẽ tăng mạnh .",
        "Thứ trưởng Lê Thị Hoa khẳng định nguồn cung xăng dầu vẫn ổn định, phủ nhận một bài báo cho rằng giá sẽ tăng mạnh.",
    ] {
        let r = record(text);
        let asserted = by(&r, "khẳng định");
        let denied = by(&r, "phủ nhận");
        assert_eq!(asserted.speaker, "Lê Thị Hoa", "{text}");
        assert_eq!(denied.speaker, "Lê Thị Hoa", "{text}");
        assert!(denied.text.starts_with("một bài báo"), "{}", denied.text);
        assert!(asserted.text.ends_with("ổn định"), "{}", asserted.text);
    }
}

#[test]
fn a_bare_honorific_is_the_person_before_and_a_comma_cue_keeps_the_subject() {
    for text in both_forms(
        "Ông Trịnh_Quốc_Bảo cho_biết chuyến công_tác đã kết_thúc .\n\
         Ông cũng đề_cập đến mùa mưa năm nay , cho rằng giá rau sẽ còn tăng .",
    ) {
        let r = record(&text);
        let c = by(&r, "cho rằng");
        assert_eq!(c.speaker, "Trịnh Quốc Bảo", "{text}: {:?}", stances(&r));
        assert!(c.text.starts_with("giá rau"), "{text}: {}", c.text);
    }
    // With no person before it, a bare honorific names no one.
    for text in both_forms("Ông cho rằng giá rau sẽ còn tăng .") {
        assert!(record(&text).claims.is_empty(), "{text}");
    }
    // In an interviewer's question it is "you", not "he".
    for text in both_forms(
        "Ông Trịnh_Quốc_Bảo cho_biết chuyến công_tác đã kết_thúc .\n\
         Ông đánh_giá thế_nào về giá rau năm nay ?",
    ) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
    }
}

#[test]
fn one_capitalized_word_before_an_aspect_word_is_a_name() {
    for text in both_forms(
        "Vinaxan đã gửi đơn lên Bộ Công_Thương hôm thứ_Hai , cho rằng đối_thủ bán phá_giá .",
    ) {
        let r = record(&text);
        let c = by(&r, "cho rằng");
        assert_eq!(c.speaker, "Vinaxan", "{text}: {:?}", stances(&r));
    }
    // A capitalized word that opens clauses is no name ("Nhưng đã …").
    for text in both_forms("Nhưng đã có lúc , cho rằng giá sẽ giảm .") {
        assert!(record(&text).claims.is_empty(), "{text}");
    }
}

#[test]
fn an_emotive_verb_after_a_quotation_is_a_cue_but_not_alone() {
    for text in both_forms("“ Bếp ăn bẩn mà không ai xử_lý ” , chị Lưu_Thị_Nga bức_xúc .")
    {
        let r = record(&text);
        let c = by(&r, "bức xúc");
        assert_eq!(c.speaker, "Lưu Thị Nga", "{text}");
        assert!(c.text.starts_with("Bếp ăn"), "{text}: {}", c.text);
    }
    for text in both_forms("Chị Lưu_Thị_Nga bức_xúc trước sự_việc này .") {
        assert!(record(&text).claims.is_empty(), "{text}");
    }
}

#[test]
fn a_report_of_a_body_shows_as_that_body() {
    for text in both_forms("Báo_cáo của Bộ Y_tế cho thấy số ca sốt_xuất_huyết đã giảm một nửa .")
    {
        let r = record(&text);
        let c = by(&r, "cho thấy");
        assert_eq!(c.speaker, "Bộ Y tế", "{text}: {:?}", stances(&r));
    }
    // A finding with no one's document behind it is no attribution.
    for text in both_forms("Thực_tế cho thấy giá rau đã tăng .")
        .into_iter()
        .chain(both_forms(
            "Hình_ảnh trên mạng xã_hội Trung_Quốc cho thấy chiếc xe bốc_cháy ngùn_ngụt .",
        ))
    {
        assert!(record(&text).claims.is_empty(), "{text}");
    }
}

#[test]
fn at_someones_request_is_no_source() {
    for text in both_forms("Theo yêu_cầu của ông Trần_Văn_Nam , công_ty đã dừng thi_công .")
    {
        let r = record(&text);
        assert!(r.claims.is_empty(), "{text}: {:?}", stances(&r));
    }
}

#[test]
fn a_dash_inside_an_organizations_name_keeps_the_name() {
    for text in both_forms(
        "Sau phiên họp , Ủy_ban Văn_hóa - Giáo_dục cho rằng : “ Sách giáo_khoa cần được rút_gọn ” .",
    ) {
        let r = record(&text);
        let c = by(&r, "cho rằng");
        assert_eq!(c.speaker, "Ủy ban Văn hóa - Giáo dục", "{text}: {:?}", stances(&r));
    }
    // A dash after a person's name still sets off a description, not an organization.
    for text in both_forms(
        "“ Sách giáo_khoa cần được rút_gọn ” , bà Vũ_Thị_Lan - Giám_đốc Sở Giáo_dục - cho_biết .",
    ) {
        let r = record(&text);
        assert_eq!(by(&r, "cho biết").speaker, "Vũ Thị Lan", "{text}");
    }
    // A person's full name after the dash is no field of the organization's name.
    for text in
        both_forms("Chủ_tịch Hội Nông_dân - Trần_Văn_Khải cho rằng giá phân_bón cần được bình_ổn .")
    {
        let r = record(&text);
        assert_eq!(
            by(&r, "cho rằng").speaker,
            "Trần Văn Khải",
            "{text}: {:?}",
            stances(&r)
        );
    }
}

#[test]
fn a_cue_word_opening_a_person_noun_is_the_speakers_head() {
    for text in both_forms("“ Nợ công tăng quá nhanh ” - báo_cáo thẩm_tra nhận_định .")
    {
        let r = record(&text);
        assert_eq!(r.claims.len(), 1, "{text}: {:?}", stances(&r));
        let c = by(&r, "nhận định");
        assert!(c.text.starts_with("Nợ công"), "{text}: {}", c.text);
        assert_eq!(c.speaker.to_lowercase(), "báo cáo thẩm tra", "{text}");
    }
}

#[test]
fn a_place_after_a_dashed_description_is_skipped() {
    for text in both_forms(
        "“ Đơn_hàng sẽ được giao trong năm tới ” , ông Trần_Văn_Nam - Giám_đốc điều_hành của công_ty - tại khu_vực Bắc_Âu cho_biết .",
    ) {
        let r = record(&text);
        let c = by(&r, "cho biết");
        assert_eq!(c.speaker, "Trần Văn Nam", "{text}: {:?}", stances(&r));
        assert!(c.text.starts_with("Đơn hàng"), "{text}: {}", c.text);
    }
    for text in both_forms(
        "Bà Lê_Thị_Hoa - Phó giám_đốc Sở Y_tế - ở tỉnh Nghệ_An khẳng_định bệnh_viện đủ thuốc .",
    ) {
        let r = record(&text);
        assert_eq!(
            by(&r, "khẳng định").speaker,
            "Lê Thị Hoa",
            "{text}: {:?}",
            stances(&r)
        );
    }
}

#[test]
fn a_pronoun_of_two_words_ending_a_fragment_is_the_latest_person() {
    let opening =
        "Huấn_luyện_viên Nguyễn_Văn_Hải cho_biết đội_bóng sẽ đổi lối chơi trong mùa giải tới .";
    for fragment in [
        "Vậy hãy tưởng_tượng ông ấy nói rằng các cầu_thủ trẻ phải tập thêm hai buổi mỗi tuần .",
        "Còn bà ấy cho_biết các cầu_thủ trẻ phải tập thêm hai buổi mỗi tuần .",
    ] {
        let article = format!(
            "{opening} {fragment} Ông cũng cho rằng đội_bóng cần thêm thời_gian để xây_dựng lối chơi mới ."
        );
        for text in both_forms(&article) {
            let r = record(&text);
            assert_eq!(r.claims.len(), 3, "{text}: {:?}", stances(&r));
            for c in &r.claims {
                assert!(
                    c.speaker.ends_with("Nguyễn Văn Hải"),
                    "{text}: {:?}",
                    stances(&r)
                );
            }
        }
    }
}

#[test]
fn a_pronoun_after_a_head_of_its_own_keeps_the_whole_speaker() {
    let article = "Ông Nguyễn_Văn_Hải cho_biết đội_bóng sẽ đổi lối chơi trong mùa giải tới . Người phát_ngôn của công_ty này cho_biết hợp_đồng tài_trợ sẽ được gia_hạn thêm hai năm .";
    for text in both_forms(article) {
        let r = record(&text);
        assert_eq!(r.claims.len(), 2, "{text}: {:?}", stances(&r));
        assert!(
            r.claims.iter().all(|c| c.speaker != "công ty này"),
            "{text}: {:?}",
            stances(&r)
        );
    }
}

#[test]
fn a_leading_clause_before_the_subject_is_skipped_for_a_coordinated_cue() {
    for opening in [
        "Nhắc lại chuyến công_tác năm ngoái ,",
        "Nhắc đến câu tục_ngữ “ Một cây làm chẳng nên non ” ,",
    ] {
        let sentence = format!(
            "{opening} bà Trần_Thị_Mai kể về những đồng_nghiệp cũ và cho rằng , sự tin_cậy là nền_tảng của hợp_tác ."
        );
        for text in both_forms(&sentence) {
            let r = record(&text);
            let c = by(&r, "cho rằng");
            assert_eq!(c.speaker, "Trần Thị Mai", "{text}: {:?}", stances(&r));
            assert!(c.text.starts_with("sự tin cậy"), "{text}: {}", c.text);
        }
    }
    // The opening's own subject stays the speaker when it names someone.
    for text in both_forms(
        "Ông Lê_Văn_Tâm , người từng làm_việc với bà Trần_Thị_Mai , kể về những đồng_nghiệp cũ và cho rằng , sự tin_cậy là nền_tảng của hợp_tác .",
    ) {
        let r = record(&text);
        assert_eq!(by(&r, "cho rằng").speaker, "Lê Văn Tâm", "{text}: {:?}", stances(&r));
    }
}

#[test]
fn an_aspect_word_far_from_the_cue_does_not_make_the_statement_past() {
    let lead =
        "Chiều 21/10 , tại Hà_Nội , Bộ_trưởng Nguyễn_Văn_An đã tiếp đoàn đại_biểu Nhật_Bản .";
    for (clause, said) in [
        (
            "Bộ_trưởng nhắc lại những chuyên_gia Nhật_Bản đã từng làm_việc tại Việt_Nam và cho rằng hai nước cần tăng_cường hợp_tác .",
            Some("2013-10-21"),
        ),
        (
            "Bộ_trưởng Nguyễn_Văn_An từng nhiều lần cho rằng hai nước cần tăng_cường hợp_tác .",
            None,
        ),
    ] {
        for text in both_forms(&format!("{lead} {clause}")) {
            let r = record_published(&text, "2013-10-22");
            let c = by(&r, "cho rằng");
            assert_eq!(c.said.as_deref(), said, "{text}: {:?}", stances(&r));
        }
    }
}
