//! The words dates are written with, by language: dateline labels, weekdays, month names.
//! Lower case (matching ignores case); a space in a label matches any run of white space.
//! Add a language here, and a test for it in `tests.rs`.

/// Labels that make a dateline [`DateLabel::Published`](super::DateLabel::Published). A space stands for any run of
/// whitespace. `Stand` (German: "as of") marks the date a page was last put out, which is
/// what other sites call publication.
pub(super) const PUBLISHED_LABELS: &[&str] = &[
    // English
    "date",
    "dated",
    "published",
    "published on",
    "first published",
    "posted",
    "posted on",
    "publication date",
    "released",
    // German
    "veröffentlicht",
    "veröffentlicht am",
    "stand",
    "erschienen am",
    // French
    "publié",
    "publié le",
    "paru le",
    // Spanish, and Portuguese `publicado em`
    "publicado",
    "publicado el",
    "publicado em",
    // Italian
    "pubblicato",
    "pubblicato il",
    // Dutch
    "gepubliceerd",
    "gepubliceerd op",
    // German, more
    "publiziert",
    "publiziert am",
    "erstellt am",
    "datum",
    // Spanish, Portuguese, Italian, more
    "fecha",
    "fecha de publicación",
    "data de publicação",
    "data di pubblicazione",
    // Scandinavian, Finnish
    "publicerad",
    "publiceret",
    "publisert",
    "julkaistu",
    // Polish, Czech, Hungarian, Romanian
    "opublikowano",
    "data publikacji",
    "publikováno",
    "zveřejněno",
    "közzétéve",
    "publicat",
    "publicat pe",
    // Turkish, Indonesian
    "yayınlanma",
    "yayınlanma tarihi",
    "yayın tarihi",
    "diterbitkan",
    "dipublikasikan",
    // Russian, Ukrainian
    "опубликовано",
    "дата публикации",
    "опубліковано",
    "дата публікації",
];

/// Labels that make a dateline [`DateLabel::Updated`](super::DateLabel::Updated); same rules as [`PUBLISHED_LABELS`].
pub(super) const UPDATED_LABELS: &[&str] = &[
    // English
    "updated",
    "updated on",
    "last updated",
    "modified",
    "last modified",
    "edited",
    "edited on",
    "last edited",
    "last edited on",
    // German
    "aktualisiert",
    "aktualisiert am",
    "zuletzt aktualisiert",
    "zuletzt aktualisiert am",
    "letzte änderung",
    "zuletzt geändert",
    "zuletzt geändert am",
    "geändert am",
    // French
    "mis à jour",
    "mis à jour le",
    "modifié le",
    // Spanish
    "actualizado",
    "actualizado el",
    // Italian
    "aggiornato",
    "aggiornato il",
    // Dutch
    "bijgewerkt",
    "bijgewerkt op",
    // Portuguese
    "atualizado",
    "atualizado em",
    // Scandinavian, Finnish, Polish, Czech, Hungarian, Romanian, Turkish
    "uppdaterad",
    "opdateret",
    "oppdatert",
    "päivitetty",
    "zaktualizowano",
    "aktualizováno",
    "frissítve",
    "actualizat",
    "güncelleme",
    "güncellenme",
    "güncellenme tarihi",
    // Russian, Ukrainian
    "обновлено",
    "оновлено",
];

/// Weekday names and abbreviations, as a regex alternation: English, German, French,
/// Spanish, Italian, Portuguese, Dutch, with and without accents.
pub(super) const WEEKDAYS: &str = concat!(
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    "|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun",
    "|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonnabend|sonntag",
    "|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche",
    "|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo",
    "|luned[ìi]|marted[ìi]|mercoled[ìi]|gioved[ìi]|venerd[ìi]|sabato|domenica",
    "|(?:segunda|ter[çc]a|quarta|quinta|sexta)(?:-feira)?",
    "|maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag",
);

/// Month names, space-separated, by month (index 0 is January): English with
/// abbreviations; full names (and the common abbreviations) in German, French, Spanish,
/// Italian, Portuguese, Dutch, the Scandinavian languages, Finnish, Polish, Czech,
/// Hungarian, Romanian, Turkish, Indonesian, Russian and Ukrainian (nominative and
/// genitive), Greek (genitive); with and without accents. A name that means two months in
/// two languages is left out.
pub(super) const MONTHS: [&str; 12] = [
    concat!(
        "jan january januar jänner jän janvier janv enero ene gennaio gen janeiro januari ",
        "tammikuuta tammikuu styczeń stycznia styczen leden ledna január ianuarie ",
        "ocak январь января янв січень січня січ ιανουαρίου",
    ),
    concat!(
        "feb february februar feber février fevrier févr fevr febrero febbraio fevereiro fev ",
        "februari helmikuuta helmikuu luty lutego únor února unor unora február februarie ",
        "şubat subat февраль февраля фев лютий лютого лют φεβρουαρίου",
    ),
    concat!(
        "mar march märz maerz marz mär mars marzo março marco maart maret marts ",
        "maaliskuuta maaliskuu marzec marca březen března brezen brezna március martie ",
        "mart март марта березень березня бер μαρτίου",
    ),
    concat!(
        "apr april avril avr abril abr aprile apr huhtikuuta huhtikuu kwiecień kwietnia ",
        "kwiecien duben dubna április aprilie nisan апрель апреля апр квітень квітня кві ",
        "απριλίου",
    ),
    concat!(
        "may mai mayo maggio mag maio mei maj toukokuuta toukokuu maja květen května kveten ",
        "kvetna május mayıs mayis май мая травень травня тра μαΐου μαιου",
    ),
    concat!(
        "jun june juni juin junio giugno giu junho jun kesäkuuta kesäkuu czerwiec czerwca ",
        "červen června cerven cervna június iunie haziran июнь июня июн червень червня чер ",
        "ιουνίου",
    ),
    concat!(
        "jul july juli juillet juil julio luglio lug julho heinäkuuta heinäkuu lipiec lipca ",
        "červenec července cervenec cervence július iulie temmuz июль июля июл липень липня ",
        "лип ιουλίου",
    ),
    concat!(
        "aug august août aout agosto ago augustus agustus augusti elokuuta elokuu sierpień ",
        "sierpnia sierpien srpen srpna augusztus ağustos agustos август августа авг серпень ",
        "серпня сер αυγούστου",
    ),
    concat!(
        "sep sept september septembre septiembre setiembre settembre set setembro ",
        "syyskuuta syyskuu wrzesień września wrzesien wrzesnia září zari szeptember ",
        "septembrie eylül eylul сентябрь сентября сен вересень вересня вер σεπτεμβρίου",
    ),
    concat!(
        "oct october oktober octobre octubre ottobre ott outubro out okt lokakuuta lokakuu ",
        "październik października pazdziernik pazdziernika říjen října rijen rijna október ",
        "octombrie ekim октябрь октября окт жовтень жовтня жов οκτωβρίου",
    ),
    concat!(
        "nov november novembre noviembre novembro marraskuuta marraskuu listopad listopada ",
        "listopadu noiembrie kasım kasim ноябрь ноября ноя листопад листопада лис ",
        "νοεμβρίου",
    ),
    concat!(
        "dec december dezember dez décembre decembre déc diciembre dic dicembre dezembro ",
        "desember desember joulukuuta joulukuu grudzień grudnia grudzien prosinec prosince ",
        "decembrie aralık aralik декабрь декабря дек грудень грудня гру δεκεμβρίου",
    ),
];
