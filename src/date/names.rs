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
];

/// Labels that make a dateline [`DateLabel::Updated`](super::DateLabel::Updated); same rules as [`PUBLISHED_LABELS`].
pub(super) const UPDATED_LABELS: &[&str] = &[
    // English
    "updated",
    "updated on",
    "last updated",
    "modified",
    "last modified",
    // German
    "aktualisiert",
    "aktualisiert am",
    "zuletzt aktualisiert",
    "zuletzt aktualisiert am",
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
/// abbreviations, and full names in German, French, Spanish, Italian, Portuguese and Dutch,
/// with and without accents.
pub(super) const MONTHS: [&str; 12] = [
    "jan january januar jänner janvier enero gennaio janeiro januari",
    "feb february februar février fevrier febrero febbraio fevereiro februari",
    "mar march märz maerz marz mars marzo março marco maart",
    "apr april avril abril aprile",
    "may mai mayo maggio maio mei",
    "jun june juni juin junio giugno junho",
    "jul july juli juillet julio luglio julho",
    "aug august août aout agosto augustus",
    "sep sept september septembre septiembre setiembre settembre setembro",
    "oct october oktober octobre octubre ottobre outubro",
    "nov november novembre noviembre novembro",
    "dec december dezember décembre decembre diciembre dicembre dezembro",
];
