//! Legacy-encoded inputs: the same news sentences, written in many languages, encoded
//! into 20 legacy encodings (and UTF-16 without a byte-order mark) with `encoding_rs`,
//! must decode back to the very same text, through the decode stage's detection alone.

use encoding_rs::Encoding;
use presswash::stages::decode::decode;

/// A few sentences per language, the way a news page would have them.
const TEXTS: &[(&str, &str)] = &[
    ("french", "Mercredi matin, le train à destination de Genève a eu vingt minutes de retard ; les voyageurs ont attendu sur le quai glacé en buvant du thé brûlant. « C’est inadmissible », a déclaré un élève de l’école voisine. La compagnie a présenté ses excuses."),
    ("german", "Am Mittwochmorgen hatte der Zug nach Zürich zwanzig Minuten Verspätung; die Fahrgäste warteten auf dem eisigen Bahnsteig und tranken heißen Tee. »Das ist ärgerlich«, sagte eine Schülerin. Die Bahn entschuldigte sich für die Störung."),
    ("polish", "W środę rano pociąg do Łodzi spóźnił się o dwadzieścia minut, więc pasażerowie czekali na zimnym peronie i pili gorącą herbatę. Przewoźnik przeprosił za utrudnienia i obiecał zwrot części ceny biletów."),
    ("czech", "Ve středu ráno přijel vlak do Brna o dvacet minut později a cestující čekali na studeném nástupišti a pili horký čaj. Dopravce se omluvil a slíbil, že cestujícím vrátí část jízdného."),
    ("russian", "В среду утром поезд в Москву опоздал на двадцать минут, и пассажиры ждали на холодной платформе, согреваясь горячим чаем. Об этом сообщили в пресс-службе железной дороги. Перевозчик принёс извинения пассажирам."),
    ("ukrainian", "У середу вранці потяг до Києва запізнився на двадцять хвилин, і пасажири чекали на холодній платформі, п'ючи гарячий чай. Про це повідомили в пресслужбі залізниці. Перевізник перепросив пасажирів."),
    ("greek", "Την Τετάρτη το πρωί το τρένο για την Αθήνα είχε είκοσι λεπτά καθυστέρηση και οι επιβάτες περίμεναν στην παγωμένη αποβάθρα πίνοντας ζεστό τσάι. Η εταιρεία ζήτησε συγγνώμη από τους επιβάτες."),
    ("turkish", "Çarşamba sabahı İstanbul treni yirmi dakika gecikti ve yolcular soğuk peronda sıcak çay içerek beklediler. Demiryolu şirketi yolculardan özür diledi ve bilet ücretlerinin bir kısmını iade edeceğini açıkladı."),
    ("hebrew", "ביום רביעי בבוקר הרכבת לירושלים איחרה בעשרים דקות, והנוסעים חיכו על הרציף הקר ושתו תה חם. חברת הרכבת התנצלה בפני הנוסעים והבטיחה להחזיר להם חלק ממחיר הכרטיס."),
    ("arabic", "صباح يوم الأربعاء تأخر القطار المتجه إلى القاهرة عشرين دقيقة، وانتظر الركاب على الرصيف البارد وهم يشربون الشاي الساخن. واعتذرت شركة السكك الحديدية للركاب ووعدت بإعادة جزء من ثمن التذاكر."),
    ("lithuanian", "Trečiadienio rytą traukinys į Vilnių vėlavo dvidešimt minučių, o keleiviai laukė šaltame perone gerdami karštą arbatą. Vežėjas atsiprašė keleivių ir pažadėjo grąžinti dalį bilieto kainos."),
    ("thai", "เช้าวันพุธ รถไฟไปกรุงเทพฯ มาช้ายี่สิบนาที ผู้โดยสารรอบนชานชาลาที่หนาวเย็นและดื่มชาร้อน บริษัทรถไฟได้ขอโทษผู้โดยสารและสัญญาว่าจะคืนเงินค่าตั๋วบางส่วน"),
    ("japanese", "水曜日の朝、東京行きの電車が二十分遅れ、乗客は寒いホームで温かいお茶を飲みながら待っていました。鉄道会社は乗客に謝罪し、運賃の一部を払い戻すと発表しました。"),
    ("chinese-simplified", "星期三早上，开往北京的火车晚点了二十分钟，乘客们在寒冷的站台上一边喝热茶一边等待。铁路公司向乘客道歉，并承诺退还部分票款。"),
    ("chinese-traditional", "星期三早上，開往台北的火車誤點了二十分鐘，乘客們在寒冷的月台上一邊喝熱茶一邊等待。鐵路公司向乘客道歉，並承諾退還部分票款。"),
    ("korean", "수요일 아침 서울행 기차가 이십 분 늦었고, 승객들은 추운 승강장에서 뜨거운 차를 마시며 기다렸습니다. 철도 회사는 승객들에게 사과하고 요금의 일부를 환불하겠다고 밝혔습니다."),
];

/// Each encoding, and the language written in it.
const CASES: &[(&Encoding, &str)] = &[
    (encoding_rs::WINDOWS_1252, "french"),
    (encoding_rs::ISO_8859_15, "german"),
    (encoding_rs::WINDOWS_1250, "czech"),
    (encoding_rs::ISO_8859_2, "polish"),
    (encoding_rs::WINDOWS_1251, "russian"),
    (encoding_rs::KOI8_R, "russian"),
    (encoding_rs::KOI8_U, "ukrainian"),
    (encoding_rs::IBM866, "russian"),
    (encoding_rs::ISO_8859_5, "russian"),
    (encoding_rs::WINDOWS_1253, "greek"),
    (encoding_rs::ISO_8859_7, "greek"),
    (encoding_rs::WINDOWS_1254, "turkish"),
    (encoding_rs::WINDOWS_1255, "hebrew"),
    (encoding_rs::WINDOWS_1256, "arabic"),
    (encoding_rs::WINDOWS_1257, "lithuanian"),
    (encoding_rs::WINDOWS_874, "thai"),
    (encoding_rs::SHIFT_JIS, "japanese"),
    (encoding_rs::EUC_JP, "japanese"),
    (encoding_rs::ISO_2022_JP, "japanese"),
    (encoding_rs::GBK, "chinese-simplified"),
    (encoding_rs::GB18030, "chinese-simplified"),
    (encoding_rs::BIG5, "chinese-traditional"),
    (encoding_rs::EUC_KR, "korean"),
];

fn text_of(language: &str) -> String {
    let (_, text) = TEXTS
        .iter()
        .find(|(l, _)| *l == language)
        .expect("a text per language");
    // Two paragraphs, as a short article would have.
    format!("{text}\n\n{text}\n")
}

#[test]
fn text_in_legacy_encodings_decodes_back_to_the_same_text() {
    let mut failures = Vec::new();
    for &(encoding, language) in CASES {
        let text = text_of(language);
        let (bytes, _, unmappable) = encoding.encode(&text);
        assert!(
            !unmappable,
            "{language} cannot be written in {}",
            encoding.name()
        );
        match decode(&bytes) {
            Ok((decoded, _)) if decoded == text => {}
            Ok((decoded, how)) => failures.push(format!(
                "{} ({language}): read as {} ({}): {}",
                encoding.name(),
                how.name,
                how.decided_by,
                decoded.chars().take(60).collect::<String>()
            )),
            Err(reject) => {
                failures.push(format!("{}: rejected: {}", encoding.name(), reject.detail))
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} encodings failed:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn utf16_without_a_byte_order_mark_decodes_in_every_language_with_spaces() {
    for &(language, _) in TEXTS
        .iter()
        .filter(|(l, _)| !l.starts_with("chinese") && *l != "japanese")
    {
        let text = text_of(language);
        for little_endian in [true, false] {
            let bytes: Vec<u8> = text
                .encode_utf16()
                .flat_map(|u| {
                    if little_endian {
                        u.to_le_bytes()
                    } else {
                        u.to_be_bytes()
                    }
                })
                .collect();
            let (decoded, how) =
                decode(&bytes).unwrap_or_else(|r| panic!("{language}: {}", r.detail));
            assert_eq!(decoded, text, "{language}");
            assert_eq!(how.decided_by, "utf-16-pattern");
        }
    }
}
